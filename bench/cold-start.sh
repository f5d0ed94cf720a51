#!/usr/bin/env bash
# Benchmark (not part of the tests): what an instance started during the forum costs its first readers, with the
# release published as README's recipe does (ReadyToRun) and without (the JIT compiling the app's code on first use).
# Both publishes of this tree; one SQLite data folder with the demo seeded once, copied for each start; each start timed
# to /health/ready, then each page's first request and a second one (another query string, so not the output cache's
# copy); the process's CPU at the end, from /proc. Runs alternate the two builds.
# Usage: bash bench/cold-start.sh [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
work=$(mktemp -d /tmp/plenary-cold.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
echo "Publishing twice (JIT, ReadyToRun)..."
dotnet publish src/Plenary -c Release -o "$work/jit" --nologo -v quiet >/dev/null
dotnet publish src/Plenary -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" --nologo -v quiet >/dev/null
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start BUILD DATA: the app in the background; pid and base set.
start() {
  local port; port=$(free_port); base="http://127.0.0.1:$port"
  Plenary__DataFolder="$2" ASPNETCORE_URLS="$base" dotnet "$work/$1/Plenary.dll" >"$work/app.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$base/health/ready"; do kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.05; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
echo "Seeding the demo once..."
start jit "$work/seeded"; stop
pages=(/ /igf2022/programme /igf2022/sessions/of-56 "/search?q=privacy" /igf2022/people "/api/search?q=data+governance" /archive)
tck=$(getconf CLK_TCK)
echo
echo "Seconds: to ready, then each page's first request / second request; app CPU at the end. Load before each start."
printf '| Build | load | ready |'; for p in "${pages[@]}"; do printf ' `%s` |' "$p"; done; echo ' app CPU |'
printf '|---|--:|--:|'; for _ in "${pages[@]}"; do printf -- '--:|'; done; echo '--:|'
for round in $(seq 1 "$rounds"); do
  for build in r2r jit; do
    rm -rf "$work/run"; cp -r "$work/seeded" "$work/run"; sync
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N); start "$build" "$work/run"; t1=$(date +%s.%N)
    row="| $build, $round | $load | $(python3 -c "print(f'{$t1-$t0:.2f}')") |"
    for p in "${pages[@]}"; do
      sep='?'; [[ $p == *\?* ]] && sep='&'
      first=$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept-Encoding: gzip' "$base$p")
      second=$(curl -s -o /dev/null -w '%{time_total}' -H 'Accept-Encoding: gzip' "$base$p${sep}again=1")
      row="$row $(printf '%.3f / %.3f' "$first" "$second") |"
    done
    row="$row $(awk -v t="$tck" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat") |"
    stop
    echo "$row"
  done
done
