#!/usr/bin/env bash
# Benchmark (not part of the tests): the end of a session block at an IGF-scale forum, when every session's rapporteur
# submits key takeaways within the same minute. Seeds one rapporteur per session (account and role straight into the
# database, with one known password), signs each in and opens their report page, then all submit at once through the
# report form, on SQLite and then on PostgreSQL. Prints throughput, p50/p99 latency, failures, and the submissions
# found in the database afterwards (none may be lost).
# Usage: bash bench/reports.sh [rapporteurs, default 300] [spread in seconds, default 60; 0 = all at once] [concurrency when at once, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
rapporteurs=${1:-300}
spread=${2:-60}
concurrency=${3:-300}
password="solar wind over Addis"

command -v node >/dev/null || { echo "Node.js is needed" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

work=$(mktemp -d /tmp/plenary-reports.XXXXXX)
app_pid=""
source bench/postgres.sh
stop_app() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
cleanup() { stop_app; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

echo "Publishing (Release)..."
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
export Plenary__Demo__Sessions=$rapporteurs Plenary__Demo__Rooms=12 Plenary__Demo__People=1500
export Plenary__Accounts__AttemptsPerMinutePerAddress=1000000

# ASP.NET Core Identity's V3 password hash (PBKDF2-HMAC-SHA512, 100,000 rounds), the same for every seeded account.
hash=$(python3 - "$password" <<'PY'
import base64, hashlib, struct, sys
salt = bytes(range(16))
key = hashlib.pbkdf2_hmac("sha512", sys.argv[1].encode(), salt, 100_000, 32)
print(base64.b64encode(b"\x01" + struct.pack(">III", 2, 100_000, 16) + salt + key).decode())
PY
)

seed_sql() {
  python3 - "$rapporteurs" "$hash" <<'PY'
import sys, secrets
n, hash = int(sys.argv[1]), sys.argv[2]
print("BEGIN;")
for i in range(n):
    email = f"rapporteur{i}@example.org"
    person = f"(SELECT MAX(\"Id\") FROM \"People\" WHERE \"Name\" = 'Rapporteur {i}')"
    print(f"INSERT INTO \"People\" (\"Name\") VALUES ('Rapporteur {i}');")
    print('INSERT INTO "Accounts" ("UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp",'
          '"PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","PersonId","PreferredLanguage","IsAdministrator","CreatedAt") '
          f"VALUES ('{email}','{email.upper()}','{email}','{email.upper()}',TRUE,'{hash}','{secrets.token_hex(16)}','{secrets.token_hex(16)}',"
          f"FALSE,FALSE,TRUE,0,{person},'en',FALSE,'2026-11-25 08:00:00');")
    print('INSERT INTO "SessionRoles" ("SessionId","Kind","PersonId","Mode","Position") VALUES ('
          f"(SELECT s.\"Id\" FROM \"Sessions\" s JOIN \"Forums\" f ON f.\"Id\" = s.\"ForumId\" WHERE f.\"Slug\" = 'igf2022' ORDER BY s.\"Id\" LIMIT 1 OFFSET {i}),"
          f"'Rapporteur',{person},'Onsite',100);")
print("COMMIT;")
PY
}
keys_sql='SELECT a."Email" || '"' '"' || lower(t."Code") || '"'-'"' || s."Number" FROM "SessionRoles" r JOIN "Accounts" a ON a."PersonId" = r."PersonId" JOIN "Sessions" s ON s."Id" = r."SessionId" JOIN "SessionTypes" t ON t."Id" = s."TypeId" WHERE a."Email" LIKE '"'rapporteur%@example.org'"' ORDER BY a."Id"'
count_sql='SELECT COUNT(*) FROM "OutputVersions" WHERE "Part" = '"'Takeaways'"' AND "SubmittedBy" LIKE '"'Rapporteur %'"''
sessions_sql='SELECT COUNT(*) FROM "SessionReporting" r JOIN "SessionRoles" x ON x."SessionId" = r."SessionId" AND x."Kind" = '"'Rapporteur'"' JOIN "People" p ON p."Id" = x."PersonId" WHERE p."Name" LIKE '"'Rapporteur %'"' AND r."TakeawaysSubmittedAt" IS NOT NULL'

start_app() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  ASPNETCORE_URLS="$base" dotnet "$work/app/Plenary.dll" >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  until curl -sf -o /dev/null "$base/health"; do kill -0 "$app_pid" 2>/dev/null || { cat "$work/app-$1.log"; exit 1; }; sleep 0.2; done
}

burst() {
  echo "$rapporteurs rapporteurs sign in and open their report page; then each submits takeaways within $spread s (0: all at once from $concurrency clients)..."
  node bench/js/reports.mjs "$base" "$work/rapporteurs.txt" "$password" "$concurrency" "$spread"
}

echo "== SQLite"
export Plenary__DataFolder="$work/sqlite"
start_app sqlite
db="$work/sqlite/plenary.db"
seed_sql | python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read())" "$db"
python3 -c "import sqlite3,sys; print('\n'.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$db" "$keys_sql" >"$work/rapporteurs.txt"
burst
echo "Takeaways versions written: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$count_sql") of $rapporteurs;" \
  "sessions marked submitted: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$sessions_sql")"
stop_app

echo "== PostgreSQL"
pg_start -c max_connections=200
export Plenary__DataFolder="$work/pgdata" ConnectionStrings__Postgres="$(pg postgres 100)"
start_app postgres
seed_sql | psql -d postgres >/dev/null
psql -d postgres -tA -c "$keys_sql" >"$work/rapporteurs.txt"
burst
echo "Takeaways versions written: $(psql -d postgres -tA -c "$count_sql") of $rapporteurs; sessions marked submitted: $(psql -d postgres -tA -c "$sessions_sql")"
stop_app
