# start_postgres RUNDIR PORT: a private, throwaway PostgreSQL 15 cluster (own data dir, own port,
# no systemd) with the roles the app expects; exports CLEANLEDGER_TEST_POSTGRES (superuser).
# stop_postgres RUNDIR: stops it.
PGBIN=/usr/lib/postgresql/15/bin

start_postgres() {
  local run="$1" port="$2"
  apt_install postgresql
  mkdir -p "$run/pg/sock"
  chown -R postgres:postgres "$run/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$run/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$run/pg/data" -l "$run/pg/server.log" -w -t 60 \
    -o "-p $port -k $run/pg/sock -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -f "$ROOT/infra/postgres/roles.sql"
  export CLEANLEDGER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres"
}

stop_postgres() {
  local run="$1"
  [ -f "$run/pg/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$run/pg/data" -m fast stop >/dev/null 2>&1 || true
}
