#!/usr/bin/env bash
# Benchmark (not part of the tests): server CPU per request of the session page rendered afresh, as most session reads
# of the IGF-day mix are (300 sessions on two instances, each takeaway evicting its page): every request a new address
# (the sessions of the programme in turn, with a ?n= the output cache and the kept pages have never seen), for a visitor
# and for the demo participant. One instance on SQLite with the demo of 300 sessions, the app on core 1, wrk on core 0.
# Usage: bash bench/session-miss.sh APPDIR (a published Release build) [seconds per run, default 8]
set -euo pipefail
app=$1; secs=${2:-8}
work=$(mktemp -d /tmp/plenary-session-miss.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Development Plenary__DataFolder="$work/data"
export Plenary__Demo__Sessions=300 Plenary__Demo__Rooms=12 Plenary__Demo__People=1500 Logging__LogLevel__Default=Warning
taskset -c 1 dotnet "$app/Plenary.dll" >"$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
until curl -sf -o /dev/null "$base/health/live"; do kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.5; done
jar="$work/jar"
token=$(curl -s -c "$jar" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=participant@demo.invalid" --data-urlencode "Password=plenary-demo" --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')
curl -s "$base/igf2022/programme" | grep -o '/igf2022/sessions/[a-z]*-[0-9]*' | sort -u > "$work/paths"
echo "$(wc -l < "$work/paths") session paths"
{ echo "paths = {"; sed 's/.*/"&",/' "$work/paths"; echo "}"; cat <<'LUA'
counter = 0
math.randomseed(os.time() + math.floor(os.clock()*1000000))
run = math.random(1000000000)
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1] .. "?n=" .. run .. "-" .. counter)
end
LUA
} > "$work/miss.lua"
enc='Accept-Encoding: gzip, deflate, br, zstd'
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
run() { # label [cookie]
  local h=(-H "$enc"); [ -n "${2:-}" ] && h+=(-H "Cookie: $2")
  taskset -c 0 wrk -t1 -c8 -d2s -s "$work/miss.lua" "${h[@]}" "$base/" >/dev/null
  local c0; c0=$(cpu)
  local out; out=$(taskset -c 0 wrk -t1 -c8 -d"${secs}s" -s "$work/miss.lua" "${h[@]}" "$base/")
  local c1; c1=$(cpu)
  local n; n=$(echo "$out" | awk '/requests in/{print $1}')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  echo "$out" | grep -i "non-2xx" || true
  python3 -c "print(f'$1: {$rps} req/s, CPU {($c1-$c0)*10/$n:.3f} ms/request ({$n} requests)')"
}

echo "load $(cat /proc/loadavg)"
run "visitor   session miss"
run "signed-in session miss" "$cookie"
run "visitor   session miss"
run "signed-in session miss" "$cookie"
