#!/usr/bin/env bash
# Benchmark (not part of the tests): search over an IGF-sized archive (issue 16). Builds 20 forums × 300 sessions, each
# session with key takeaways, calls to action, a session report and a transcript (8,000 words on average, generated
# deterministically from the demo forum's own words plus a long tail of invented ones, some rare), on SQLite and on
# PostgreSQL, written through the app's own saves so the index is written as in production (the SearchIndexUpdates
# interceptor, in the save's transaction). Then, on each engine: p50/p95/max latency over a fixed mix of 1,000 queries
# (one word, two words, phrase, rare word, narrowed to a forum or to years), in-process (SearchQueries: the engine and
# the snippets) and over HTTP (/api/search: the real path, with serialisation); the index's size on disk; the time to
# save and index a new 8,000-word transcript (20 runs). Last, the demo acceptance: 60 varied queries over HTTP on a
# fresh install's demo forum. Prints Markdown tables; figures in docs/performance.md ("Search").
# Usage: bash bench/search.sh [forums, default 20] [sessions per forum, default 300] [queries, default 1000] [rebuild: also time `search rebuild`]
set -euo pipefail
cd "$(dirname "$0")/.."
forums=${1:-20}
sessions=${2:-300}
queries=${3:-1000}
rebuild=${4:-}
started=$(date +%s)

command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

work=$(mktemp -d /tmp/plenary-search.XXXXXX)
app_pid=""
source bench/postgres.sh
stop_app() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
cleanup() { stop_app; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

echo "Publishing the app and building the benchmark (Release)..." >&2
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
dotnet build bench/Plenary.Bench -c Release --nologo -v quiet >/dev/null
bench="bench/Plenary.Bench/bin/Release/net10.0/Plenary.Bench.dll"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_start
psql -d postgres -c "CREATE DATABASE archive" -c "CREATE DATABASE demo"

# The two engines are filled at once (one core each); everything timed afterwards runs alone.
echo "Seeding $forums forums × $sessions sessions on SQLite and on PostgreSQL..." >&2
seed_started=$(date +%s)
Plenary__DataFolder="$work/sqlite" dotnet "$bench" search seed "$forums" "$sessions" >"$work/seed-sqlite.json" 2>"$work/seed-sqlite.log" &
seed_sqlite=$!
Plenary__DataFolder="$work/pgdata" ConnectionStrings__Postgres="$(pg archive)" dotnet "$bench" search seed "$forums" "$sessions" >"$work/seed-pg.json" 2>"$work/seed-pg.log" &
seed_pg=$!
wait "$seed_sqlite" || { cat "$work/seed-sqlite.log" >&2; exit 1; }
wait "$seed_pg" || { cat "$work/seed-pg.log" >&2; exit 1; }
seed_seconds=$(( $(date +%s) - seed_started ))

start_app() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  ASPNETCORE_URLS="$base" dotnet "$work/app/Plenary.dll" >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  until curl -sf -o /dev/null "$base/health"; do kill -0 "$app_pid" 2>/dev/null || { cat "$work/app-$1.log" >&2; exit 1; }; sleep 0.2; done
}

sizes_sqlite() {
  python3 - "$work/sqlite/plenary.db" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
mb = lambda b: f"{b / 1048576:,.0f} MB"
try:
    sizes = dict(c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
except sqlite3.OperationalError:
    sizes = None
total = os.path.getsize(sys.argv[1])
if sizes:
    fts = sum(v for k, v in sizes.items() if k.startswith("SearchTerms"))
    entries = sum(v for k, v in sizes.items() if k == "SearchEntries" or k.startswith("IX_SearchEntries") or k.startswith("sqlite_autoindex_SearchEntries"))
    transcripts = sum(v for k, v in sizes.items() if k == "Transcripts")
    print(f"| SQLite | {mb(fts)} (FTS5 table SearchTerms: terms and positions; the text is read from SearchEntries) | {mb(entries)} (text for snippets and analysed terms) | {mb(transcripts)} | {mb(total)} |")
else:
    print(f"| SQLite | (dbstat not available) | | | {mb(total)} |")
PY
}

sizes_pg() {
  psql -d archive -tA -F ' ' -c "SELECT pg_relation_size('\"IX_SearchEntries_ForumId_SearchVector\"'), pg_total_relation_size('\"SearchEntries\"'), pg_total_relation_size('\"Transcripts\"'), pg_database_size('archive')" |
    awk '{ printf "| PostgreSQL | %.0f MB (GIN index on SearchVector) | %.0f MB (text, terms, tsvector, TOAST and indexes, GIN included) | %.0f MB | %.0f MB |\n", $1/1048576, $2/1048576, $3/1048576, $4/1048576 }'
}

{
  echo "Measuring on SQLite..." >&2
  export Plenary__DataFolder="$work/sqlite"
  start_app sqlite
  dotnet "$bench" search measure SQLite "$base" "$queries" >"$work/latency-sqlite.md" 2>>"$work/measure.log"
  stop_app
  echo "Measuring on PostgreSQL..." >&2
  export Plenary__DataFolder="$work/pgdata" ConnectionStrings__Postgres="$(pg archive)"
  start_app postgres
  dotnet "$bench" search measure PostgreSQL "$base" "$queries" >"$work/latency-pg.md" 2>>"$work/measure.log"
  stop_app
  unset ConnectionStrings__Postgres
}

rebuild_rows=""
if [ "$rebuild" = rebuild ]; then
  echo "Rebuilding the index (search rebuild)..." >&2
  t0=$(date +%s.%N); Plenary__DataFolder="$work/sqlite" dotnet "$work/app/Plenary.dll" search rebuild >"$work/rebuild-sqlite.txt"; t1=$(date +%s.%N)
  rebuild_rows+="| SQLite | $(tr -d '\n' <"$work/rebuild-sqlite.txt") | $(python3 -c "print(f'{$t1-$t0:.0f} s')") |"$'\n'
  t0=$(date +%s.%N); Plenary__DataFolder="$work/pgdata" ConnectionStrings__Postgres="$(pg archive)" dotnet "$work/app/Plenary.dll" search rebuild >"$work/rebuild-pg.txt"; t1=$(date +%s.%N)
  rebuild_rows+="| PostgreSQL | $(tr -d '\n' <"$work/rebuild-pg.txt") | $(python3 -c "print(f'{$t1-$t0:.0f} s')") |"$'\n'
fi

echo "Demo acceptance (fresh install, demo forum seeded on first start)..." >&2
export Plenary__DataFolder="$work/demo-sqlite"
start_app demo-sqlite
dotnet "$bench" search demo SQLite "$base" >"$work/demo.md" 2>>"$work/measure.log"
stop_app
export Plenary__DataFolder="$work/demo-pgdata" ConnectionStrings__Postgres="$(pg demo)"
start_app demo-postgres
dotnet "$bench" search demo PostgreSQL "$base" >>"$work/demo.md" 2>>"$work/measure.log"
stop_app

seed_row() {
  python3 - "$1" "$2" <<'PY'
import json, sys
s = json.load(open(sys.argv[2]))
print(f"| {sys.argv[1]} | {s['transcripts']:,} | {s['averageWords']:,} | {s['seconds']:.0f} s | {s['msPerTranscript']:.0f} ms |")
PY
}

echo "### Search: $forums forums × $sessions sessions, $queries queries"
echo
echo "Latency in milliseconds; \"hits\" is the median number of results a query of the kind finds."
echo
echo "| Engine | Path | Queries | Count | Hits (p50) | p50 ms | p95 ms | max ms |"
echo "|---|---|---|--:|--:|--:|--:|--:|"
cat "$work/latency-sqlite.md" "$work/latency-pg.md" "$work/demo.md"
echo
echo "Building the archive (both engines at once, one core each: $seed_seconds s in all)"
echo
echo "| Engine | Transcripts | Words per transcript (mean) | Whole archive written and indexed | Save of 25 transcripts, index included, per transcript |"
echo "|---|--:|--:|--:|--:|"
seed_row SQLite "$work/seed-sqlite.json"
seed_row PostgreSQL "$work/seed-pg.json"
if [ -n "$rebuild_rows" ]; then
  echo
  echo "| Engine | \`search rebuild\` | Time |"
  echo "|---|---|--:|"
  printf "%s" "$rebuild_rows"
fi
echo
echo "Size on disk"
echo
echo "| Engine | Search index | Index rows (SearchEntries) | Transcripts table | Whole database |"
echo "|---|---|---|--:|--:|"
sizes_sqlite
sizes_pg
echo
echo "Slowest queries:"
sed 's/^/    /' "$work/measure.log"
echo
echo "Whole run: $(( $(date +%s) - started )) s"
