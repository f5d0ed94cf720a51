#!/usr/bin/env bash
# Benchmark (not part of the tests): N live-page subscribers (Server-Sent Events) on one session of one instance
# (SQLite, in-process fan-out), a participant raising and lowering a hand R times; prints the p50/p99 latency from
# the post to each subscriber reading the event, and the server's memory per open subscriber (managed heap and resident
# set after a full collection, read through the startup hook in bench/memory-probe).
# Usage: bash bench/queue.sh [subscribers, default 2000] [changes, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-2000}
rounds=${2:-20}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/plenary-queue-bench.XXXXXX)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cores=$(nproc)
server_cpu=$((cores > 1 ? 1 : 0))

echo "Publishing (Release)..." >&2
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
# Lets the fan-out script read the app's managed heap after a full collection (see bench/memory-probe).
dotnet build bench/memory-probe -c Release -o "$work/probe" --nologo -v quiet >/dev/null
export DOTNET_STARTUP_HOOKS="$work/probe/MemoryProbe.dll" PLENARY_MEMORY_PROBE="$work/memory"

port=$(free_port)
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
export Plenary__DataFolder="$work/data" Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
export Plenary__Accounts__AttemptsPerMinutePerAddress=100000 Plenary__Queue__HandChangesPerMinute=100000
taskset -c "$server_cpu" dotnet "$work/app/Plenary.dll" >"$work/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$port"
until curl -sf -o /dev/null "$base/health"; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.2
done

db="$work/data/plenary.db"
# Open Forum #56 runs now.
sqlite3 -cmd ".timeout 10000" "$db" "UPDATE Sessions SET StartsAt = strftime('%Y-%m-%d %H:%M:%S', 'now', '-10 minutes'), EndsAt = strftime('%Y-%m-%d %H:%M:%S', 'now', '+50 minutes')
  WHERE Number = 56 AND TypeId = (SELECT Id FROM SessionTypes WHERE Code = 'OF' AND ForumId = (SELECT Id FROM Forums WHERE Slug = 'igf2022'));"

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
account() { # email -> cookie header of a signed-in, confirmed account
  local jar="$work/$1.jar"
  local t
  t=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-up" | token)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Email=$1" \
    --data-urlencode "Name=Bench $1" --data-urlencode "Password=solar wind over Addis" "$base/account/sign-up"
  sqlite3 -cmd ".timeout 10000" "$db" "UPDATE Accounts SET EmailConfirmed = 1 WHERE Email = '$1';"
  t=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" | token)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Email=$1" \
    --data-urlencode "Password=solar wind over Addis" "$base/account/sign-in"
  awk -F'\t' 'NF >= 7 && $1 !~ /^# / { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
}
watcher=$(account watcher@bench.invalid)
raiser=$(account raiser@bench.invalid)

echo "Opening $subscribers subscribers..."
taskset -c 0 env -u DOTNET_STARTUP_HOOKS dotnet run bench/queue-fanout.cs -- "$base" /igf2022/sessions/of-56 "$watcher" "$raiser" "$subscribers" "$rounds" "$app_pid" "$work/memory"
