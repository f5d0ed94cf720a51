#!/usr/bin/env bash
# Benchmark (not part of the tests): the speaking queue across two app instances sharing one PostgreSQL database.
# N live-page subscribers (Server-Sent Events) on one session, spread evenly over both instances; a participant raises
# and lowers a hand R times through the first instance, so half the subscribers hear of it in process and half through
# PostgreSQL's NOTIFY/LISTEN. Prints p50/p99 from the post to each subscriber reading the event, per instance, and each
# instance's memory per open subscriber (managed heap and resident set after a full collection, via bench/memory-probe).
# Starts a throwaway PostgreSQL cluster on a free port (as scripts/test.sh does) and removes it afterwards.
# Usage: bash bench/queue-two-instances.sh [subscribers, default 2000] [changes, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-2000}
rounds=${2:-20}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/plenary-queue-bench2.XXXXXX)
chmod 755 "$work"
pgbin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  run_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cores=$(nproc)
server_cpu=$((cores > 1 ? 1 : 0))

mkdir -p "$work/pg" && if [ "$(id -u)" = 0 ]; then chown postgres: "$work/pg"; fi
pg_port=$(free_port)
run_pg "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/postgres.log" -w -o \
  "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
psql_() { "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d plenary -qtA -c "$1"; }
"$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres plenary

echo "Publishing (Release)..." >&2
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
dotnet build bench/memory-probe -c Release -o "$work/probe" --nologo -v quiet >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=plenary;Maximum Pool Size=40"
export Plenary__Accounts__AttemptsPerMinutePerAddress=100000 Plenary__Queue__HandChangesPerMinute=100000
bases=()
start_instance() { # n -> starts instance n, waits until it answers
  local port
  port=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$port" Plenary__DataFolder="$work/data$1" \
    DOTNET_STARTUP_HOOKS="$work/probe/MemoryProbe.dll" PLENARY_MEMORY_PROBE="$work/memory$1" \
    taskset -c "$server_cpu" dotnet "$work/app/Plenary.dll" >"$work/app$1.log" 2>&1 &
  pids+=($!)
  bases+=("http://127.0.0.1:$port")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/app$1.log"; exit 1; }
    sleep 0.2
  done
}
# One after the other: the first migrates and seeds the demo forum, the second finds it done.
start_instance 1
start_instance 2
base=${bases[0]}

# Open Forum #56 runs now.
psql_ "UPDATE \"Sessions\" SET \"StartsAt\" = now() - interval '10 minutes', \"EndsAt\" = now() + interval '50 minutes'
  WHERE \"Number\" = 56 AND \"TypeId\" = (SELECT \"Id\" FROM \"SessionTypes\" WHERE \"Code\" = 'OF' AND \"ForumId\" = (SELECT \"Id\" FROM \"Forums\" WHERE \"Slug\" = 'igf2022'));"

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
account() { # email -> cookie header of a signed-in, confirmed account (valid on both instances: one key ring in the database)
  local jar="$work/$1.jar"
  local t
  t=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-up" | token)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Email=$1" \
    --data-urlencode "Name=Bench $1" --data-urlencode "Password=solar wind over Addis" "$base/account/sign-up"
  psql_ "UPDATE \"Accounts\" SET \"EmailConfirmed\" = TRUE WHERE \"Email\" = '$1';"
  t=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" | token)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Email=$1" \
    --data-urlencode "Password=solar wind over Addis" "$base/account/sign-in"
  awk -F'\t' 'NF >= 7 && $1 !~ /^# / { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
}
watcher=$(account watcher@bench.invalid)
raiser=$(account raiser@bench.invalid)

echo "Opening $subscribers subscribers over two instances..."
taskset -c 0 dotnet run bench/queue-fanout.cs -- "$(IFS=,; echo "${bases[*]}")" /igf2022/sessions/of-56 "$watcher" "$raiser" \
  "$subscribers" "$rounds" "$(IFS=,; echo "${pids[*]}")" "$work/memory1,$work/memory2"
