#!/usr/bin/env bash
# Benchmark (not part of the tests): the programme and a session page for a signed-in reader against the same pages
# for a visitor (served whole from the output cache), on one instance with SQLite and the demo of 300 sessions. A
# quicker look than bench/igf-day.sh's saturation runs (two instances, nginx, PostgreSQL) at what a signed-in page
# costs. The Development environment gives the demo accounts their password. Server on one core, wrk on the other.
# Usage: bash bench/signed-in.sh [seconds per run, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d /tmp/plenary-signed-in.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Development Plenary__DataFolder="$work/data"
export Plenary__Demo__Sessions=300 Plenary__Demo__Rooms=12 Plenary__Demo__People=1500 Logging__LogLevel__Default=Warning
taskset -c 1 dotnet "$work/app/Plenary.dll" >"$work/app.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
until curl -sf -o /dev/null "$base/health/live"; do kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.5; done
jar="$work/jar"
token=$(curl -s -c "$jar" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=participant@demo.invalid" --data-urlencode "Password=plenary-demo" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
# All the reader's cookies, as their browser sends them: the sign-in cookie and the form-token cookie (without it, each
# page would make the reader a new one). curl's jar marks HttpOnly cookies with a prefix.
grep -q $'\tplenary\t' "$jar" || { echo "Could not sign in"; exit 1; }
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')
# What Chromium sends: visitors get the output cache's Brotli, signed-in readers of a kept page its gzip pieces.
encodings='Accept-Encoding: gzip, deflate, br, zstd'
# Server CPU per request, from /proc (utime + stime of the app, in clock ticks of 10 ms), around each run: less moved
# by whatever else the machine does than the requests a second are.
cpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
run() { # prints "REQUESTS/S CPU-MS-PER-REQUEST"
  local before after out
  before=$(cpu)
  out=$(taskset -c 0 wrk -t1 -c"$connections" -d"${secs}s" -H "$encodings" "$@")
  after=$(cpu)
  echo "$out" | awk -v b="$before" -v a="$after" '/requests in/{n=$1} /Requests\/sec/{r=$2} END{printf "%s %.3f\n", r, (a-b)*10/n}'
}
for path in /igf2022/programme /igf2022/sessions/of-56; do
  curl -s -o /dev/null "$base$path"; curl -s -o /dev/null -H "Cookie: $cookie" "$base$path"
  read -r anonymous anonymous_cpu < <(run "$base$path")
  read -r signed signed_cpu < <(run -H "Cookie: $cookie" "$base$path")
  echo "$path: visitor $anonymous req/s ($anonymous_cpu ms CPU each), signed in $signed req/s ($signed_cpu ms CPU each), ratio $(python3 -c "print(round($signed / $anonymous, 3))")"
done
