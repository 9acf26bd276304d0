#!/usr/bin/env bash
# Write stalls while a migration runs under load. A table of ROWS rows (default 1,000,000)
# takes a steady stream of UPDATEs from pgbench (4 clients, per-transaction log) while, 10 s
# in, a migration adds an index, a foreign key and a NOT NULL column with a default: once as
# the DDL a person would write by hand, once as schemagen emits and applies it (the column and
# a NOT VALID key in one transaction, then CREATE INDEX CONCURRENTLY and VALIDATE outside it).
# Reports the longest write stall (slowest UPDATE), UPDATEs per second before and during the
# migration, and how long the migration took. Raw figures: bench/results/locking-<date>.txt.
# Usage: bench/locking.sh            ROWS=200000 bench/locking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
source bench/cluster.sh
swift build -c release --product schemagen >/dev/null
bin=$PWD/.build/release/schemagen
pgbench=$pgbin/pgbench

schema() {
  psql_ -d "$1" <<SQL
CREATE TABLE owners (id bigint PRIMARY KEY);
CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL, amount numeric(20,8) NOT NULL DEFAULT 0);
SQL
}
# The wanted schema, to emit the migration from.
psql_ -c "CREATE DATABASE wanted"
schema wanted
psql_ -d wanted -c "CREATE INDEX accounts_owner_idx ON accounts (owner_id)" \
  -c "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner_id) REFERENCES owners (id)" \
  -c "ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open'"

cat > "$dir/naive.sql" <<'SQL'
CREATE INDEX accounts_owner_idx ON accounts (owner_id);
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE accounts ADD COLUMN status text NOT NULL DEFAULT 'open';
SQL
cat > "$dir/load.sql" <<SQL
\set id random(1, $rows)
UPDATE accounts SET amount = amount + 1 WHERE id = :id;
SQL

mkdir -p bench/results
report=bench/results/locking-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# write stalls during a migration, $(date -u), $(nproc) cores, $(psql --version), $rows rows" | tee "$report"
printf "%-10s %14s %16s %16s %12s\n" migration longest_ms "tps before" "tps during" migration_s | tee -a "$report"

for how in naive schemagen; do
  psql_ -c "DROP DATABASE IF EXISTS load" -c "CREATE DATABASE load"
  schema load
  psql_ -d load -c "INSERT INTO owners SELECT g FROM generate_series(1, 10000) g" \
    -c "INSERT INTO accounts SELECT g, 1 + g % 10000 FROM generate_series(1, $rows) g" -c "VACUUM ANALYZE"
  rm -rf "$dir/emitted" "$dir"/pgbench_log.*
  if [ "$how" = schemagen ]; then
    "$bin" emit --to-url "$(url wanted)" --database-url "$(url load)" --name add_owner \
      --migrations-dir "$dir/emitted" --dev-url "$(url postgres)" >/dev/null
  fi
  (cd "$dir" && "$pgbench" -h "$dir" -U postgres -n -c 4 -j 2 -T 30 -f load.sql -l --log-prefix=pgbench_log load >/dev/null 2>&1) &
  load=$!
  sleep 10
  start=$(date +%s.%N)
  if [ "$how" = naive ]; then
    psql_ -d load -f "$dir/naive.sql"
  else
    "$bin" migrate --database-url "$(url load)" --migrations-dir "$dir/emitted" >/dev/null
  fi
  end=$(date +%s.%N)
  wait "$load"
  # Log lines: client transaction latency_us script epoch_s epoch_us.
  cat "$dir"/pgbench_log.* | awk -v s="$start" -v e="$end" -v how="$how" '
    { t = $5 + $6 / 1e6; lat = $3 / 1000; if (lat > max) max = lat
      if (t < s) { before++; first = (first == "" || t < first) ? t : first } else if (t <= e) during++ }
    END { span = s - first; d = e - s; if (d < 1) d = 1
          printf "%-10s %14.1f %16.0f %16.0f %12.2f\n", how, max, before / span, during / d, e - s }' | tee -a "$report"
done
if [ -d "$dir/emitted" ]; then
  echo "# what schemagen applied:" >> "$report"
  grep -hv '^--' "$dir"/emitted/*.up.sql | sed '/^$/d;s/^/#   /' >> "$report"
fi
