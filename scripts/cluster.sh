# Sourced by the benchmarks and scripts/check-own-package: starts a throwaway PostgreSQL cluster as schemagen's embedded one
# does (tmpfs when there is one, Unix socket only, durability off) and stops it on exit.
# Defines $dir, $pgbin, url NAME, psql_ ARGS…
bash scripts/bootstrap
base=/tmp; [ -d /dev/shm ] && base=/dev/shm
dir=$(mktemp -d "$base/sgbench-XXXXXX")
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024" >/dev/null
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"' EXIT
export PGOPTIONS='-c client_min_messages=warning'
url() { echo "postgresql://postgres@/$1?host=$dir"; }
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -U postgres "$@"; }
