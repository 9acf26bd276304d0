#!/usr/bin/env bash
# Times schemagen's catalog read, normalisation, diff and render on synthetic databases
# (1,000 and 5,000 tables unless sizes are given), with and without normalisation, checks
# that the emitted SQL applies and leaves nothing to diff, and reports peak memory.
# Usage: bench/diff.sh [N ...]      Figures are also written to bench/results/diff-<date>.txt
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

bash scripts/bootstrap
swift build -c release --product schemagen >/dev/null
bin=$PWD/.build/release/schemagen

dir=$(mktemp -d /tmp/sgbench-XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024" >/dev/null
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"' EXIT
url() { echo "postgresql:///$1?host=$dir&user=postgres"; }
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -U postgres "$@"; }

mkdir -p bench/results
report=bench/results/diff-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "schemagen diff benchmark, $(date -u), $(nproc) cores, $(psql --version)"
  printf "%-7s %-12s %9s %9s %9s %9s %9s %9s %8s %s\n" tables mode read normalise diff render total peakMiB changes applies
} | tee "$report"

for n in "${sizes[@]}"; do
  python3 bench/synthetic.py "$n" a > "$dir/a.sql"
  python3 bench/synthetic.py "$n" b > "$dir/b.sql"
  for db in a b; do psql_ -c "CREATE DATABASE ${db}_$n" && psql_ -d "${db}_$n" -f "$dir/$db.sql" >/dev/null; done
  for mode in raw normalised; do
    flag=(); [ "$mode" = raw ] && flag=(--no-normalise)
    /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" diff --from "$(url a_$n)" --to "$(url b_$n)" --sql --timings \
      --dev-url "$(url postgres)" "${flag[@]}" > "$dir/up.sql" 2> "$dir/timings"
    t() { awk -v k="$1" '$0 ~ "timing: "k" " {s += $(NF-1)} END {printf "%.3f", s}' "$dir/timings"; }
    changes=$(sed -n 's/.*changes: //p' "$dir/timings")
    # The SQL must apply to a copy of the first database and leave nothing to diff.
    psql_ -c "DROP DATABASE IF EXISTS check_$n" -c "CREATE DATABASE check_$n TEMPLATE a_$n"
    applies=no
    if psql_ -d "check_$n" -f "$dir/up.sql" >/dev/null 2>"$dir/apply.err" \
       && "$bin" diff --from "$(url check_$n)" --to "$(url b_$n)" --dev-url "$(url postgres)" "${flag[@]}" --exit-code >/dev/null; then
      applies=yes
    fi
    read -r total kib < "$dir/time"
    printf "%-7s %-12s %9s %9s %9s %9s %9s %9d %8s %s\n" "$n" "$mode" "$(t 'catalog read')" "$(t normalise)" "$(t diff)" \
      "$(t render)" "$total" "$((kib / 1024))" "$changes" "$applies" | tee -a "$report"
  done
done
grep -h "catalog queries" "$dir/timings" | sed 's/timing: //' | tee -a "$report"
