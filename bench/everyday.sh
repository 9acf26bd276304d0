#!/usr/bin/env bash
# The review loop: `schemagen diff --schema NAME` against a database that matches the
# declaration, with the embedded dev server as users run it, cold (no cached data directory:
# initdb) and warm (the cached one copied), beside `pg_dump --schema-only` of the same database.
# Seed size (compute_pools); with the bench/dsl executable built by bench/declared.sh, also its
# synthetic declaration. Median of RUNS (5) runs; raw figures in bench/results/everyday-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
source scripts/cluster.sh
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
swift build -c release --product schemagen >/dev/null
bin=$(swift build -c release --show-bin-path)/schemagen

mkdir -p bench/results
report=bench/results/everyday-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# diff --schema against a matching database, embedded dev server; $(date -u), $(nproc) cores, $(psql --version)" | tee "$report"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { /usr/bin/time -f "%e" -o "$dir/time" "$@" >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }; cat "$dir/time"; }

measure() {  # label, executable, schema
  local label=$1 exe=$2 schema=$3 db=$4
  local cache="$dir/cache-$label"
  local cold=() warm=() dump=()
  for _ in $(seq "$runs"); do
    rm -rf "$cache"
    cold+=("$(XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")" --exit-code)")
    warm+=("$(XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")" --exit-code)")
    dump+=("$(seconds pg_dump --schema-only -h "$dir" -U postgres -d "$db")")
  done
  echo "$label: diff cold $(printf '%s\n' "${cold[@]}" | median) s, warm $(printf '%s\n' "${warm[@]}" | median) s; pg_dump --schema-only $(printf '%s\n' "${dump[@]}" | median) s  (runs: cold ${cold[*]}; warm ${warm[*]}; pg_dump ${dump[*]})" | tee -a "$report"
}

psql_ -c "CREATE DATABASE seed"
"$bin" create --schema compute_pools --database-url "$(url seed)" >/dev/null
measure compute_pools "$bin" compute_pools seed

large=$PWD/.build-bench/release/SyntheticSchemagen
if [ -x "$large" ]; then
  n=$(grep -c '^    Table(' bench/dsl/Sources/SyntheticSchemagen/Synthetic.swift || true)
  psql_ -c "CREATE DATABASE large"
  "$large" create --schema synthetic --database-url "$(url large)" >/dev/null
  measure "synthetic ($n tables)" "$large" synthetic large
fi
