#!/usr/bin/env bash
# Write stalls while a migration runs under load, one change at a time. A table of ROWS rows
# (default 1,000,000) takes a steady stream of UPDATEs from pgbench (4 clients, per-transaction
# log) while, 5 s in, one change is made: once as the DDL a person would write by hand, once as
# the files schemagen emits for it. Both are run with `psql -f`, not `migrate`: the files must
# be safe on their own. Reports, per change, the longest write stall (slowest UPDATE), UPDATEs
# per second before and during, and how long the change took.
# Raw figures: bench/results/locking-<date>.txt.
# Usage: bench/locking.sh            ROWS=200000 bench/locking.sh       bench/locking.sh unique check
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
source scripts/cluster.sh
swift build -c release --product schemagen >/dev/null
bin=$PWD/.build/release/schemagen
pgbench=$pgbin/pgbench

schema() {
  psql_ -d "$1" <<SQL
CREATE TABLE owners (id bigint PRIMARY KEY);
CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL, amount numeric(20,8) NOT NULL DEFAULT 0,
                       email text, note text);
CREATE INDEX accounts_note_idx ON accounts (note);
SQL
}

# Each change: its name and its DDL, which is also what makes the wanted schema.
declare -A change=(
  [index]="CREATE INDEX accounts_owner_idx ON accounts (owner_id)"
  [unique]="ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)"
  [not_null]="ALTER TABLE accounts ALTER COLUMN email SET NOT NULL"
  [drop_index]="DROP INDEX accounts_note_idx"
  [foreign_key]="ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner_id) REFERENCES owners (id)"
  [check]="ALTER TABLE accounts ADD CONSTRAINT accounts_amount_check CHECK (amount >= 0)"
  [column_default]="ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open'"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(index unique not_null drop_index foreign_key check column_default)

cat > "$dir/load.sql" <<SQL
\set id random(1, $rows)
UPDATE accounts SET amount = amount + 1 WHERE id = :id;
SQL

mkdir -p bench/results
report=bench/results/locking-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# write stalls during one change, $(date -u), $(nproc) cores, $(psql --version), $rows rows, run with psql -f" | tee "$report"
printf "%-15s %-10s %14s %16s %16s %12s\n" change how longest_ms "tps before" "tps during" change_s | tee -a "$report"

for name in "${names[@]}"; do
  ddl=${change[$name]}
  psql_ -c "DROP DATABASE IF EXISTS wanted" -c "CREATE DATABASE wanted"
  schema wanted
  psql_ -d wanted -c "$ddl"
  echo "$ddl;" > "$dir/naive.sql"
  for how in naive schemagen; do
    psql_ -c "DROP DATABASE IF EXISTS load" -c "CREATE DATABASE load"
    schema load
    psql_ -d load -c "INSERT INTO owners SELECT g FROM generate_series(1, 10000) g" \
      -c "INSERT INTO accounts SELECT g, 1 + g % 10000, 0, 'user' || g || '@example.com', md5(g::text)
            FROM generate_series(1, $rows) g" -c "VACUUM ANALYZE"
    rm -rf "$dir/emitted" "$dir"/pgbench_log.*
    if [ "$how" = schemagen ]; then
      "$bin" emit --to-url "$(url wanted)" --database-url "$(url load)" --name "$name" \
        --migrations-dir "$dir/emitted" --dev-url "$(url postgres)" >/dev/null
    fi
    (cd "$dir" && "$pgbench" -h "$dir" -U postgres -n -c 4 -j 2 -T 20 -f load.sql -l --log-prefix=pgbench_log load >/dev/null 2>&1) &
    load=$!
    sleep 5
    start=$(date +%s.%N)
    if [ "$how" = naive ]; then
      psql_ -d load -f "$dir/naive.sql"
    else
      for file in "$dir"/emitted/*.up.sql; do psql_ -d load -f "$file"; done
    fi
    end=$(date +%s.%N)
    wait "$load"
    # Log lines: client transaction latency_us script epoch_s epoch_us.
    cat "$dir"/pgbench_log.* | awk -v s="$start" -v e="$end" -v name="$name" -v how="$how" '
      { t = $5 + $6 / 1e6; lat = $3 / 1000; if (lat > max) max = lat
        if (t < s) { before++; first = (first == "" || t < first) ? t : first } else if (t <= e) during++ }
      END { span = s - first; d = e - s; if (d < 1) d = 1
            printf "%-15s %-10s %14.1f %16.0f %16.0f %12.2f\n", name, how, max, before / span, during / d, e - s }' | tee -a "$report"
    if [ "$how" = schemagen ]; then
      echo "#   $name, as schemagen wrote it:" >> "$report"
      grep -hv '^--' "$dir"/emitted/*.up.sql | sed '/^$/d;s/^/#     /' >> "$report"
    fi
  done
done
