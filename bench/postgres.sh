#!/usr/bin/env bash
# Sourced by the benchmarks that need a PostgreSQL of their own (search.sh, reports.sh): a throwaway cluster in
# "$work/pg" on a free port, stopped by pg_stop (call it from the script's cleanup). Needs $work set; gives pgbin,
# pgport, run_pg, psql (as postgres, to the database -d names) and pg DATABASE [POOL] (a connection string).
# Extra server settings can be passed to pg_start, as "-c name=value" words.
pgbin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  mkdir -p "$work/pg"; if [ "$(id -u)" = 0 ]; then chown postgres: "$work" "$work/pg"; fi
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_pg "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 $*" start >/dev/null
}
pg_stop() { [ -d "$work/pg" ] && run_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; }
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
pg() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Maximum Pool Size=${2:-50}"; }
