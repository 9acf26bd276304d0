#!/usr/bin/env bash
# `schemagen diff` of a declaration written in the DSL against a database that matches it,
# normalisation included, for N tables (default 1,000): bench/synthetic_dsl.py writes the
# declaration, bench/dsl builds a schemagen with it, bench/synthetic.py creates the database.
# Median of RUNS (3) runs, with peak memory; raw figures in bench/results/declared-<date>.txt.
# Usage: bench/declared.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${RUNS:-3}
source scripts/cluster.sh
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

# Rewritten only when it changes: the declaring executable's build is minutes of compiling it.
declaration=bench/dsl/Sources/SyntheticSchemagen/Synthetic.swift
python3 bench/synthetic_dsl.py "$n" > "$declaration.new"
if cmp -s "$declaration.new" "$declaration"; then rm "$declaration.new"; else mv "$declaration.new" "$declaration"; fi
build_start=$(date +%s)
swift build -c release --package-path bench/dsl --scratch-path .build-bench >/dev/null
build_s=$(( $(date +%s) - build_start ))
bin=$PWD/.build-bench/release/SyntheticSchemagen

python3 bench/synthetic.py "$n" a > "$dir/a.sql"
psql_ -c "CREATE DATABASE matching"
psql_ -d matching -f "$dir/a.sql" >/dev/null

mkdir -p bench/results
report=bench/results/declared-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# diff of a $n-table DSL declaration against a matching database, $(date -u), $(nproc) cores, $(psql --version)" | tee "$report"
echo "# release build of the declaring executable: ${build_s} s" | tee -a "$report"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" diff --schema synthetic --database-url "$(url matching)" \
    --dev-url "$(url postgres)" --timings > "$dir/out" 2> "$dir/err" || true
  changes=$(sed -n 's/.*changes: //p' "$dir/err")
  steps=$(grep '^timing:' "$dir/err" | grep -v queries | awk '{ printf "%s=%s ", $2 (NF > 4 ? "_" $3 : ""), $(NF-1) }')
  echo "run $i: $(tail -n 1 "$dir/time" | awk '{ printf "%s s, peak %d MiB", $1, $2 / 1024 }'), changes $changes; $steps" | tee -a "$report"
done
