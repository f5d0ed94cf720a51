#!/usr/bin/env bash
# Benchmark (not part of the tests): a burst of registrations, each by a different person through the API with their
# own token, as when a forum opens registration and thousands arrive at once. Seeds the accounts and tokens straight
# into the database (signing up 10,000 people through the pages would measure password hashing, not registration),
# then sends one request per person from 64 concurrent clients, and counts the registrations written.
# Prints throughput, p50/p99 latency, failures, and whether any registration was lost.
# Usage: bash bench/registrations.sh [people, default 10000] [concurrency, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
concurrency=${2:-64}

command -v node >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null; }
command -v curl >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null; }

work=$(mktemp -d /tmp/plenary-registrations.XXXXXX)
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Publishing (Release)..."
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Plenary__DataFolder="$work/data"
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
# Mail is written as .eml files by the background sender; the burst measures registration, which queues it.
dotnet "$work/app/Plenary.dll" >"$work/app.log" 2>&1 &
app_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.2; done

echo "Seeding $people people with API tokens..."
python3 - "$work/data/plenary.db" "$people" "$work/tokens.txt" <<'PY'
import hashlib, secrets, sqlite3, sys, datetime
db, people, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c = sqlite3.connect(db)
now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
later = (datetime.datetime.utcnow() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
tokens = []
with c:
    for i in range(people):
        email = f"burst{i}@example.org"
        person = c.execute('INSERT INTO "People" ("Name") VALUES (?)', (f"Participant {i}",)).lastrowid
        account = c.execute('INSERT INTO "Accounts" ("UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","SecurityStamp","ConcurrencyStamp",'
                            '"PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","PersonId","PreferredLanguage","IsAdministrator","CreatedAt") '
                            'VALUES (?,?,?,?,1,?,?,0,0,1,0,?,?,0,?)',
                            (email, email.upper(), email, email.upper(), secrets.token_hex(16), secrets.token_hex(16), person, "en", now)).lastrowid
        token = "pln_" + secrets.token_urlsafe(32)
        c.execute('INSERT INTO "ApiTokens" ("AccountId","Name","Hash","CreatedAt","ExpiresAt") VALUES (?,?,?,?,?)',
                  (account, "burst", hashlib.sha256(token.encode()).hexdigest(), now, later))
        tokens.append(token)
open(out, "w").write("\n".join(tokens) + "\n")
PY

# Warm up: JIT and connection pools, with a few of the people (their registrations count like the rest).
head -n 200 "$work/tokens.txt" >"$work/warm.txt"; tail -n +201 "$work/tokens.txt" >"$work/burst.txt"
node bench/js/burst.mjs "http://127.0.0.1:$port" /api/forums/igf2022/registration "$work/warm.txt" 16 '{"mode":"Online","languages":["en"]}' >/dev/null
echo "Burst of $((people - 200)) registrations from $concurrency clients..."
result=$(node bench/js/burst.mjs "http://127.0.0.1:$port" /api/forums/igf2022/registration "$work/burst.txt" "$concurrency" '{"mode":"Onsite","languages":["en"]}')
echo "$result"
written=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM \"Registrations\"').fetchone()[0])" "$work/data/plenary.db")
echo "Registrations written: $written of $people ($((people - written)) lost)"
rss=$(ps -o rss= -p "$app_pid" | awk '{printf "%.1f", $1/1024}')
echo "Server resident memory after the burst: $rss MB"
