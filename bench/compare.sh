#!/usr/bin/env bash
# schemagen against migra on the same synthetic databases, in one run.
# For each generator (GENERATORS, default "synthetic synthetic_edits": bench/<name>.py) and
# size N (default 100 1000 2000 5000): a database of N tables (variant a), one that differs in
# about 5% of its objects (b) and an empty one. synthetic.py adds columns, widens types and
# replaces indexes and checks; synthetic_edits.py changes what reviews see most (IN lists,
# defaults, partial index predicates, views over retyped columns, enum values). Times, as the median of
# RUNS runs (default 3), with peak memory:
#   read, fresh        schemagen reading the N-table database just after loading it, before its
#                      catalogs are analysed (--timings, "sides read": it and an empty one)
#   catalog read       the same read once the catalogs are analysed
#   empty->full        the diff that creates everything, schemagen and migra
#   5% delta           the diff a -> b, schemagen (normalising what differs) and migra
#   delta, default     the same diff by schemagen without --dev-url: its embedded dev server
#                      (the others use this script's server), beside migra's time above
# and checks that each tool's SQL applies to a copy of the source database and leaves nothing
# for schemagen to diff. Prints a table with the ratio migra/schemagen; raw figures go to
# bench/results/compare-<date>.txt.
# sg/read is schemagen's time over its catalog read of one N-table database (beside an empty
# one); sg/reads is its time over its own reads in the same runs: the two catalogs the case
# compares, read at once (`--timings`, "sides read", median of the runs): what the diff adds to
# reading what it compares.
# Usage: bench/compare.sh [N ...]        RUNS=5 GENERATORS=synthetic_edits bench/compare.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 2000 5000)
runs=${RUNS:-3}
read -r -a generators <<< "${GENERATORS:-synthetic synthetic_edits}"

source scripts/cluster.sh
swift build -c release --product schemagen >/dev/null
bin=$PWD/.build/release/schemagen

# migra from PyPI in a virtualenv of its own (SQLAlchemy 1.x: migra does not run on 2.x).
venv=bench/.venv
if [ ! -x "$venv/bin/migra" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q migra psycopg2-binary "sqlalchemy<2"
fi
migra=$PWD/$venv/bin/migra

dev=(--dev-url "$(url postgres)")
# No autovacuum: "read, fresh" is the read of catalogs nobody analysed yet, which autovacuum
# would otherwise analyse at a moment of its choosing (1.55–2.29 s between runs at 5,000 tables).
# The script analyses them itself before the other rows.
psql_ -c "ALTER SYSTEM SET autovacuum = off" -c "SELECT pg_reload_conf()" >/dev/null

mkdir -p bench/results
raw=bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# schemagen vs migra, $(date -u), $(nproc) cores, $(psql --version), migra $("$venv/bin/pip" show migra | sed -n 's/^Version: //p')" > "$raw"
echo "# generator tables case tool run seconds peakKiB [read seconds: schemagen's own, with --timings]" >> "$raw"

# Runs a command RUNS times; records "seconds peakKiB" per run in $raw (and schemagen's read
# time, with --timings, in $dir/reads); prints the median seconds and the largest peak. The
# command's output goes to $dir/out (last run).
measure() {
  local label=$1; shift
  local i own
  : > "$dir/reads"
  for i in $(seq "$runs"); do
    # time writes "Command exited with non-zero status" first when it did (migra: 2 = differences).
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" > "$dir/out" 2> "$dir/err" || true
    own=$(awk '/timing: sides read/ { print $4 }' "$dir/err")
    echo "$label $i $(tail -n 1 "$dir/time")${own:+ read $own}" >> "$raw"
    [ -z "$own" ] || echo "$own" >> "$dir/reads"
    tail -n 1 "$dir/time"
  done | sort -n | awk -v m=$(( (runs + 1) / 2 )) '{ s[NR] = $1; if ($2 > p) p = $2 } END { printf "%.2f %d\n", s[m], p / 1024 }'
}

# Whether the SQL in $dir/out turns a copy of $1 into $2 with nothing left to diff.
applies() {
  psql_ -c "DROP DATABASE IF EXISTS applied" -c "CREATE DATABASE applied TEMPLATE $1" >/dev/null
  if ! psql_ -d applied -f "$dir/out" >/dev/null 2>"$dir/apply.err"; then
    echo "no: $(grep -m1 -o 'ERROR: .*' "$dir/apply.err" | cut -c1-60)"
  elif ! "$bin" diff --from "$(url applied)" --to "$(url "$2")" "${dev[@]}" > "$dir/left" 2>&1; then
    echo "no: diff failed"
  elif [ -s "$dir/left" ]; then
    echo "no: $(($(wc -l < "$dir/left") - 1)) change(s) left"
  else
    echo yes
  fi
}

# The median of the numbers on standard input, one per line, of RUNS runs.
median() { sort -n | awk -v m=$(( (runs + 1) / 2 )) 'NR == m'; }

# The median time schemagen's --timings gives for reading a and an empty database.
read_median() {
  for i in $(seq "$runs"); do
    "$bin" diff --from "$(url a)" --to "$(url empty)" --no-normalise --timings "${dev[@]}" 2>&1 >/dev/null |
      awk '/timing: sides read/ { print $4 }'
  done | median
}

# One row of the table: ten columns, and what applied when given.
row() {
  local format="%-16s %-7s %-14s %12s %12s %8s %8s %8s %10s %10s"
  if [ $# -gt 10 ]; then printf "$format  %s\n" "$@"; else printf "$format\n" "$@"; fi
}

row generator tables case schemagen_s migra_s ratio sg/read sg/reads sg_MiB migra_MiB "applies (schemagen / migra)"
for gen in "${generators[@]}"; do
for n in "${sizes[@]}"; do
  python3 "bench/$gen.py" "$n" a > "$dir/a.sql"
  python3 "bench/$gen.py" "$n" b > "$dir/b.sql"
  psql_ -c "DROP DATABASE IF EXISTS a" -c "DROP DATABASE IF EXISTS b" -c "DROP DATABASE IF EXISTS empty" \
        -c "CREATE DATABASE a" -c "CREATE DATABASE b" -c "CREATE DATABASE empty"
  psql_ -d a -f "$dir/a.sql" >/dev/null
  # Just loaded, the catalogs still have their template's statistics (a restore, a CI job).
  fresh_s=$(read_median)
  echo "$gen $n read-fresh schemagen median $fresh_s" >> "$raw"
  row "$gen" "$n" "read, fresh" "$fresh_s" - - - - - -
  psql_ -d b -f "$dir/b.sql" >/dev/null
  # Statistics now, as a production catalog has them, rather than autovacuum's analysis of the
  # new catalogs competing with the first tool measured.
  for db in a b empty; do psql_ -d $db -c "VACUUM ANALYZE" >/dev/null; done

  read -r _ _ < <(measure "$gen $n read schemagen" "$bin" diff --from "$(url a)" --to "$(url empty)" --no-normalise --timings "${dev[@]}")
  read_s=$(read_median)
  echo "$gen $n read schemagen median $read_s" >> "$raw"
  row "$gen" "$n" "catalog read" "$read_s" - - - - - -

  for case in empty-full delta; do
    if [ "$case" = empty-full ]; then from=empty; to=a; else from=a; to=b; fi
    read -r sg_s sg_mib < <(measure "$gen $n $case schemagen" "$bin" diff --from "$(url $from)" --to "$(url $to)" --sql --timings "${dev[@]}")
    reads_s=$(median < "$dir/reads")
    sg_ok=$(applies $from $to)
    read -r mg_s mg_mib < <(measure "$gen $n $case migra" "$migra" --unsafe "$(url $from)" "$(url $to)")
    mg_ok=$(applies $from $to)
    ratio=$(awk -v a="$mg_s" -v b="$sg_s" 'BEGIN { printf "%.2fx", a / b }')
    over_read=$(awk -v a="$sg_s" -v b="$read_s" 'BEGIN { printf "%.2fx", a / b }')
    over_reads=$(awk -v a="$sg_s" -v b="$reads_s" 'BEGIN { printf "%.2fx", a / b }')
    row "$gen" "$n" "$case" "$sg_s" "$mg_s" "$ratio" "$over_read" "$over_reads" "$sg_mib" "$mg_mib" "$sg_ok / $mg_ok"
    echo "$gen $n $case summary schemagen=$sg_s migra=$mg_s ratio=$ratio overRead=$over_read reads=$reads_s overReads=$over_reads sgMiB=$sg_mib migraMiB=$mg_mib applies=$sg_ok/$mg_ok" >> "$raw"
  done
  # The delta as a user runs it by default: with the embedded dev server, which starts (from
  # its cached data directory) only when something reads differently.
  read -r df_s df_mib < <(measure "$gen $n delta-default schemagen" "$bin" diff --from "$(url a)" --to "$(url b)" --sql)
  df_ratio=$(awk -v a="$mg_s" -v b="$df_s" 'BEGIN { printf "%.2fx", a / b }')
  row "$gen" "$n" "delta, default" "$df_s" "$mg_s" "$df_ratio" - - "$df_mib" -
  echo "$gen $n delta-default summary schemagen=$df_s migra=$mg_s ratio=$df_ratio sgMiB=$df_mib" >> "$raw"
done
done | tee -a "$raw"
echo "raw figures: $raw"
