#!/usr/bin/env bash
# What `schemagen pull` writes for a database of N tables (default 300: bench/synthetic.py a —
# uint256 and DECIMAL(20,8) columns, enums, checks, foreign keys, partial and GIN indexes, views),
# and how long its declarations take to compile in a package of their own, as an application
# builds them (debug, both cores): from clean, with schemagen's own modules built beforehand
# (once, not timed), and again after a column is added to one table's file. Medians of RUNS
# (default 3) runs; the pull itself timed too. Raw figures go to bench/results/pull-<date>.txt.
# Usage: bench/pull.sh [N]            RUNS=5 bench/pull.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
runs=${RUNS:-3}
source scripts/cluster.sh
swift build --product schemagen >/dev/null
bin=$(swift build --show-bin-path)/schemagen
psql_ -c "CREATE DATABASE synthetic"
python3 bench/synthetic.py "$n" a | psql_ -d synthetic >/dev/null

work=$(mktemp -d)
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir" "$work"' EXIT
pkg=$work/pulled
scratch=bench/.build-pull
mkdir -p "$pkg/Sources/pulled-schemagen" bench/results
raw=bench/results/pull-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# schemagen pull of $n tables, $(date -u), $(nproc) cores, $(swift --version 2>&1 | head -n 1)" > "$raw"

median() { sort -n | awk -v m=$(( (runs + 1) / 2 )) '{ s[NR] = $1 } END { printf "%.2f", s[m] }'; }
# Seconds a command takes; a command that fails stops the benchmark, its output shown.
seconds() {
  local start; start=$(date +%s.%N)
  if ! "$@" > "$work/last.log" 2>&1; then cat "$work/last.log" >&2; kill $$; exit 1; fi
  echo "$(date +%s.%N) - $start" | bc
}

pull=$(for i in $(seq "$runs"); do
  rm -rf "$pkg/Sources/Synthetic"
  seconds "$bin" pull --database-url "$(url synthetic)" --name synthetic --output "$pkg/Sources/Synthetic"
done | median)
files=$(ls "$pkg/Sources/Synthetic" | wc -l)
lines=$(cat "$pkg/Sources/Synthetic"/*.swift | wc -l)
echo "pull $pull s, $files files, $lines lines" >> "$raw"

cat > "$pkg/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pulled",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "schemagen", path: "$PWD")],
    targets: [
        .target(name: "Synthetic", dependencies: [.product(name: "SchemaDSL", package: "schemagen")]),
        .executableTarget(name: "pulled-schemagen",
                          dependencies: ["Synthetic", .product(name: "SchemaGenCLI", package: "schemagen")]),
    ]
)
EOF
printf 'import SchemaGenCLI\nimport Synthetic\n\nSchemaGenCommand.main(schemas: [SyntheticSchema.database])\n' \
  > "$pkg/Sources/pulled-schemagen/main.swift"
# schemagen's own modules, once.
swift build --package-path "$pkg" --scratch-path "$scratch" >/dev/null

# From clean: every file of the declarations compiled again (SwiftPM keeps its plan, so the
# target's outputs are not deleted but its sources touched).
clean=$(for i in $(seq "$runs"); do
  touch "$pkg/Sources/Synthetic"/*.swift
  seconds swift build --package-path "$pkg" --scratch-path "$scratch" --target Synthetic
done | median)
echo "build from clean $clean s" >> "$raw"

table=$(ls "$pkg/Sources/Synthetic" | grep -m1 '+T1[0-9]*\.swift$')
edited=$(for i in $(seq "$runs"); do
  sed -i "0,/Column(\"id\"/s//Column(\"added_$i\", .text)\n        Column(\"id\"/" "$pkg/Sources/Synthetic/$table"
  seconds swift build --package-path "$pkg" --scratch-path "$scratch" --target Synthetic
done | median)
echo "rebuild after editing $table $edited s" >> "$raw"

# The declaration is the database: nothing to change.
swift build --package-path "$pkg" --scratch-path "$scratch" >/dev/null
rm -rf "$pkg/Sources/Synthetic"
"$bin" pull --database-url "$(url synthetic)" --name synthetic --output "$pkg/Sources/Synthetic" >/dev/null
swift build --package-path "$pkg" --scratch-path "$scratch" >/dev/null
"$(swift build --package-path "$pkg" --scratch-path "$scratch" --show-bin-path)/pulled-schemagen" diff --schema synthetic \
  --database-url "$(url synthetic)" --dev-url "$(url postgres)" --exit-code
echo "diff of the pulled declaration against its database: empty" >> "$raw"

cat "$raw"
echo "bench/pull.sh: figures in $raw"
