#!/usr/bin/env bash
# The review loop: `schemagen diff --schema NAME` against a database that matches the
# declaration, with the embedded dev server as users run it, beside `pg_dump --schema-only` of
# the same database:
#   first  nothing cached: initdb makes the cached data directory, the declaration is realised
#   cold   no server running and the declaration not seen before (the data directory copied)
#   warm   the declaration unchanged since the last run (its printed form cached: no server)
#   edit   after one table of the declaration changed (only it, and what depends on it, realised)
# Seed size (compute_pools); with the declaration bench/declared.sh writes for bench/dsl, also
# that synthetic declaration (its executable built again here), whose one-table edit
# SYNTHETIC_EDITED declares. Median of RUNS (5)
# runs; raw figures in bench/results/everyday-<date>.txt.
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

measure() {  # label, executable, schema, database
  local label=$1 exe=$2 schema=$3 db=$4
  local cache="$dir/cache-$label"
  local first=() cold=() warm=() edit=() dump=()
  for _ in $(seq "$runs"); do
    rm -rf "$cache"
    first+=("$(XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")" --exit-code)")
    rm -rf "$cache/schemagen/normalised"
    cold+=("$(XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")" --exit-code)")
    warm+=("$(XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")" --exit-code)")
    if [ "$schema" = synthetic ]; then
      edit+=("$(SYNTHETIC_EDITED=1 XDG_CACHE_HOME=$cache seconds "$exe" diff --schema "$schema" --database-url "$(url "$db")")")
    fi
    dump+=("$(seconds pg_dump --schema-only -h "$dir" -U postgres -d "$db")")
  done
  local m_edit="-" 
  [ ${#edit[@]} -eq 0 ] || m_edit="$(printf '%s\n' "${edit[@]}" | median) s"
  echo "$label: diff first $(printf '%s\n' "${first[@]}" | median) s, cold $(printf '%s\n' "${cold[@]}" | median) s, warm $(printf '%s\n' "${warm[@]}" | median) s, after a one-table edit $m_edit; pg_dump --schema-only $(printf '%s\n' "${dump[@]}" | median) s  (runs: first ${first[*]}; cold ${cold[*]}; warm ${warm[*]}; edit ${edit[*]:-}; pg_dump ${dump[*]})" | tee -a "$report"
}

psql_ -c "CREATE DATABASE seed"
"$bin" create --schema compute_pools --database-url "$(url seed)" >/dev/null
measure compute_pools "$bin" compute_pools seed

large=$PWD/.build-bench/release/SyntheticSchemagen
if [ -f bench/dsl/Sources/SyntheticSchemagen/Synthetic.swift ]; then
  # Built again with schemagen as it is now (only what changed since is compiled).
  swift build -c release --package-path bench/dsl --scratch-path .build-bench >/dev/null
  n=$(sed -n "s|^// Written by bench/synthetic_dsl.py \([0-9]*\).*|\1|p" bench/dsl/Sources/SyntheticSchemagen/Synthetic.swift)
  psql_ -c "CREATE DATABASE large"
  "$large" create --schema synthetic --database-url "$(url large)" >/dev/null
  measure "synthetic ($n tables)" "$large" synthetic large
fi
