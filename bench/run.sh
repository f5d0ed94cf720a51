#!/usr/bin/env bash
# Benchmark (not part of the tests): an IGF-scale forum (300 sessions, 12 rooms, 5 days, 1,500 people) served by
# the published app, against nginx serving the very same compressed bytes as static files, in the same run.
# Prints start-up time, requests per second, p99 latency, the ratio to nginx, compressed page sizes and the
# server's peak resident memory. Usage: bash bench/run.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=64

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  echo "Installing ${need[*]} from Debian's packages..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/plenary-bench.XXXXXX)
chmod 755 "$work" # nginx's worker runs as nobody and must read the saved pages
app_pid=""; nginx_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One core for the server under test, the other for wrk, so the two never compete; nginx gets the same core.
cores=$(nproc)
server_cpu=$((cores > 1 ? 1 : 0))
load_cpu=0

echo "Publishing (Release)..."
dotnet publish src/Plenary -c Release -o "$work/app" --nologo -v quiet >/dev/null

app_port=$(free_port)
export ASPNETCORE_URLS="http://127.0.0.1:$app_port"
export ASPNETCORE_ENVIRONMENT=Production
export Plenary__DataFolder="$work/data"
export Plenary__Demo__Sessions=300 Plenary__Demo__Rooms=12 Plenary__Demo__People=1500
export Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1

launched=$(date +%s.%N)
taskset -c "$server_cpu" dotnet "$work/app/Plenary.dll" >"$work/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$app_port"
until curl -sf -o /dev/null "$base/health"; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.1
done
started=$(date +%s.%N)
startup=$(awk -v a="$launched" -v b="$started" 'BEGIN { printf "%.1f", b - a }')

programme="/igf2022/programme"
session="/igf2022/sessions/of-56"
sessions=$(curl -s "$base/api/forums/igf2022/sessions" | grep -o '"key"' | wc -l)

# The bytes a browser on HTTPS gets (brotli), saved for nginx with the same headers.
mkdir -p "$work/www"
chmod 755 "$work/www"
fetch() { # url name -> saves body and prints its size
  curl -s -H 'Accept-Encoding: br' -D "$work/www/$2.headers" -o "$work/www/$2" "$base$1"
  stat -c %s "$work/www/$2"
}
programme_html=$(fetch "$programme" programme.br)
session_html=$(fetch "$session" session.br)
grep -qi '^content-encoding: br' "$work/www/programme.br.headers" || { echo "The app did not answer with brotli"; exit 1; }
css=$(curl -s "$base$programme" | grep -o 'href="/css/[^"]*"' | head -1 | cut -d'"' -f2)
js=$(curl -s "$base$programme" | grep -o 'src="/js/[^"]*"' | head -1 | cut -d'"' -f2)
css_size=$(fetch "$css" site.css.br)
js_size=$(fetch "$js" site.js.br)
if [ "$css_size" -eq 0 ] || [ "$js_size" -eq 0 ]; then echo "Empty CSS or JS answer: the published assets are not being served"; exit 1; fi
css_encoding=$(grep -i '^content-encoding' "$work/www/site.css.br.headers" | tr -d '\r' | cut -d' ' -f2)
css_cache=$(grep -i '^cache-control' "$work/www/site.css.br.headers" | tr -d '\r' | cut -d' ' -f2-)
csp=$(grep -i '^content-security-policy' "$work/www/programme.br.headers" | tr -d '\r' | cut -d' ' -f2-)

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    default_type "text/html; charset=utf-8";
    add_header Content-Encoding br;
    add_header Vary Accept-Encoding;
    add_header Content-Security-Policy "$csp";
    add_header X-Content-Type-Options nosniff;
    add_header Referrer-Policy strict-origin-when-cross-origin;
    location = $programme { alias $work/www/programme.br; }
    location = $session { alias $work/www/session.br; }
  }
}
CONF
taskset -c "$server_cpu" "$nginx_bin" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port$programme" && break; sleep 0.1; done
cmp -s <(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$nginx_port$programme") "$work/www/programme.br" \
  || { echo "nginx does not serve the same bytes"; exit 1; }

# wrk prints latency as 850.00us, 1.20ms or 1.01s; this turns it into milliseconds.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.2f", v }'; }
run_wrk() { # url -> "rps p99ms"
  local out
  out=$(taskset -c "$load_cpu" wrk -t2 -c"$connections" -d"${duration}s" --latency -H 'Accept-Encoding: br' "$1")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$out" >&2; echo "non-2xx answers from $1" >&2; exit 1; fi
  local rps p99
  rps=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }' | to_ms)
  echo "$rps $p99"
}

# Warm up before measuring: on one core, tiered JIT recompiles hot code in the background for the first
# half-minute or so and throughput is a third of its steady state until it has (seen: 8k vs 31k req/s).
for _ in 1 2; do
  taskset -c "$load_cpu" wrk -t2 -c"$connections" -d10s -H 'Accept-Encoding: br' "$base$programme" >/dev/null
  taskset -c "$load_cpu" wrk -t2 -c"$connections" -d5s -H 'Accept-Encoding: br' "$base$session" >/dev/null
done

read -r app_programme_rps app_programme_p99 < <(run_wrk "$base$programme")
read -r nginx_programme_rps nginx_programme_p99 < <(run_wrk "http://127.0.0.1:$nginx_port$programme")
read -r app_session_rps app_session_p99 < <(run_wrk "$base$session")
read -r nginx_session_rps nginx_session_p99 < <(run_wrk "http://127.0.0.1:$nginx_port$session")
rss_peak_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$app_pid/status")
rss_now_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status")

# The worst case: every request a different URL, so nothing comes from the output cache and each programme is
# queried, rendered and compressed afresh (as after a change, or for a crawler walking every filter).
cat >"$work/uncached.lua" <<'LUA'
request = function() return wrk.format(nil, wrk.path .. "?n=" .. math.random(1, 1000000000)) end
LUA
taskset -c "$load_cpu" wrk -t2 -c8 -d5s -s "$work/uncached.lua" -H 'Accept-Encoding: br' "$base$programme" >/dev/null
uncached=$(taskset -c "$load_cpu" wrk -t2 -c8 -d"${duration}s" --latency -s "$work/uncached.lua" -H 'Accept-Encoding: br' "$base$programme")
uncached_rps=$(echo "$uncached" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
uncached_p99=$(echo "$uncached" | awk '$1 == "99%" { print $2 }' | to_ms)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
kb() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1024 }'; }
programme_total=$((programme_html + css_size + js_size))
session_total=$((session_html + css_size + js_size))

cat <<REPORT

Plenary benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))
Forum: $sessions sessions, 12 rooms, 5 days, 1,500 people. wrk: 2 threads, $connections connections, ${duration}s, Accept-Encoding: br.
Server and nginx (1 worker) pinned to CPU $server_cpu, wrk to CPU $load_cpu. .NET $(dotnet --version), $("$nginx_bin" -v 2>&1 | cut -d/ -f2).

Start-up, empty data folder to first answer (migrate + seed $sessions sessions): ${startup} s

| Page                | Plenary req/s | p99 ms | nginx req/s | p99 ms | Plenary/nginx |
|---------------------|--------------:|-------:|------------:|-------:|--------------:|
| Programme (300)     | $app_programme_rps | $app_programme_p99 | $nginx_programme_rps | $nginx_programme_p99 | $(ratio "$app_programme_rps" "$nginx_programme_rps") |
| Session (OF #56)    | $app_session_rps | $app_session_p99 | $nginx_session_rps | $nginx_session_p99 | $(ratio "$app_session_rps" "$nginx_session_rps") |

Programme rendered afresh on every request (no output cache, 8 connections): $uncached_rps req/s, p99 $uncached_p99 ms.

Compressed sizes (brotli): programme HTML $(kb "$programme_html") KB, session HTML $(kb "$session_html") KB,
CSS $(kb "$css_size") KB ($css_encoding, Cache-Control: $css_cache), JS $(kb "$js_size") KB.
Programme page with CSS and JS: $(kb "$programme_total") KB; session page with CSS and JS: $(kb "$session_total") KB
(CSS and JS are cached for a year, fingerprinted, so a second page costs only its HTML).

Server memory: peak resident $(kb "$rss_peak_kb") MB, after the runs $(kb "$rss_now_kb") MB.
REPORT
