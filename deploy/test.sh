#!/usr/bin/env bash
# Checks the reference installation of deploy/ end to end on one Debian machine (run as root; not part of the test
# command: it needs nginx and a few minutes, most of them publishing the app). Installs nginx, PostgreSQL and
# python3-aiosmtpd from Debian when missing; publishes the app; starts a throwaway PostgreSQL cluster, an SMTP server
# (tests/smtp/server.py), two instances with exactly the environment deploy/systemd/plenary@.service gives them (run as
# plain processes: systemd need not be PID 1 here), and nginx with deploy/nginx/plenary.conf on loopback ports; then
# checks through nginx, one PASS or FAIL a line, and removes everything on exit.
# Usage: bash deploy/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
began=$(date +%s)

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
  echo "Installing ${need[*]} from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/plenary-deploy.XXXXXX)
chmod 755 "$work" # nginx's worker (nobody) reads the published wwwroot
pids=(); nginx_pid=""; smtp_pid=""
# shellcheck source=../bench/postgres.sh
. bench/postgres.sh
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  exec 7>&- 2>/dev/null || true # closing its input stops the SMTP server
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

failures=0
pass() { echo "PASS  $1"; }
fail() { echo "FAIL  $1${2:+: $2}"; failures=$((failures + 1)); }
# wait_for SECONDS COMMAND...: true once the command succeeds within the time. Its arguments are expanded once, when
# called: what must be read afresh on each try goes in a function.
wait_for() { local until=$(($(date +%s) + $1)); shift; until "$@"; do (($(date +%s) < until)) || return 1; sleep 0.3; done; }

echo "Publishing (Release)..."
mkdir -p "$work/opt" "$work/data" "$work/www" "$work/tls" "$work/mail"
dotnet publish src/Plenary -c Release -o "$work/opt/app" --nologo -v quiet >/dev/null
published=$(date +%s)

pg_start -c max_connections=200
psql -d postgres -c "CREATE DATABASE plenary"

# The SMTP server wants STARTTLS with a certificate; the app trusts it by its fingerprint, as for an internal relay.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" 2>/dev/null
fingerprint=$(openssl x509 -in "$work/tls/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)
mkfifo "$work/smtp.in"
/usr/bin/python3 tests/smtp/server.py "$work/mail" "$work/tls/cert.pem" "$work/tls/key.pem" plenary smtp-secret \
  <"$work/smtp.in" >"$work/smtp.out" 2>&1 &
smtp_pid=$!
exec 7>"$work/smtp.in"
wait_for 20 grep -q '^ready ' "$work/smtp.out" || { cat "$work/smtp.out"; exit 1; }
smtp_port=$(awk '/^ready / { print $2 }' "$work/smtp.out")

http_port=$(free_port); tls_port=$(free_port); port_a=$(free_port); port_b=$(free_port)
site="https://127.0.0.1:$tls_port"

# The operator's file, written as deploy/plenary.env.example says (quoted values with ';').
cat >"$work/plenary.env" <<ENV
ConnectionStrings__Postgres="$(pg plenary 40)"
Plenary__Mail__PublicBaseUrl=$site
AllowedHosts="127.0.0.1;localhost"
Plenary__Mail__SmtpHost=127.0.0.1
Plenary__Mail__SmtpPort=$smtp_port
Plenary__Mail__SmtpSecurity=StartTls
Plenary__Mail__SmtpUser=plenary
Plenary__Mail__SmtpPassword=smtp-secret
Plenary__Mail__SmtpTrustedCertificate=$fingerprint
Plenary__Mail__From="IGF Secretariat <no-reply@forum.example.org>"
Logging__LogLevel__Default=Warning
# A smaller demo forum than the default: seeding it is most of the first instance's start-up.
Plenary__Demo__Sessions=40
Plenary__Demo__Rooms=4
Plenary__Demo__People=200
ENV
chmod 600 "$work/plenary.env"

# The units with this machine's paths in place of /opt/plenary, /var/lib/plenary and /etc/plenary.
localize() {
  sed -e "s|/opt/plenary|$work/opt|g" -e "s|/var/lib/plenary|$work/data|g" -e "s|/etc/plenary/plenary.env|$work/plenary.env|g" "$1"
}
# unit_run UNIT INSTANCE LOG: starts the unit's ExecStart in its WorkingDirectory with only the environment systemd
# would give it (Environment= lines with %i, then EnvironmentFile=, whose values win as in systemd), in the background.
unit_run() {
  local unit instance log line key value dir="" cmd=""
  unit=$(localize "$1"); instance=$2; log=$3
  local env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  while IFS= read -r line; do
    line=${line//%i/$instance}
    case $line in
      WorkingDirectory=*) dir=${line#*=} ;;
      ExecStart=*) cmd=${line#*=} ;;
      Environment=*) env+=("${line#Environment=}") ;;
    esac
  done <<<"$unit"
  local file
  file=$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' <<<"$unit")
  while IFS= read -r line; do
    [[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || continue
    key=${line%%=*}; value=${line#*=}; value=${value#\"}; value=${value%\"}
    env+=("$key=$value")
  done <"$file"
  # shellcheck disable=SC2086 # ExecStart is split into words, as systemd does
  (cd "$dir" && exec env -i "${env[@]}" $cmd) >"$log" 2>&1 &
  pids+=($!)
}
ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/health/ready"; }

# An upgrade's first step: the schema once, before any instance starts (plenary-migrate.service).
unit_run deploy/systemd/plenary-migrate.service "" "$work/migrate.log"
if wait "${pids[-1]}"; then pass "migrate command brings the schema up to date ($(tail -n1 "$work/migrate.log"))"; else fail "migrate command" "$(tail -n5 "$work/migrate.log")"; fi
unset 'pids[-1]'

# A first, then B: the first seeds the demo forums, the second finds them.
unit_run deploy/systemd/plenary@.service "$port_a" "$work/a.log"; pid_a=${pids[-1]}
wait_for 180 ready "$port_a" || { cat "$work/a.log"; exit 1; }
unit_run deploy/systemd/plenary@.service "$port_b" "$work/b.log"; pid_b=${pids[-1]}
wait_for 120 ready "$port_b" || { cat "$work/b.log"; exit 1; }
echo "Instances ready: A on $port_a (pid $pid_a), B on $port_b (pid $pid_b)"

# nginx with the reference site file: loopback ports, a self-signed certificate, this run's wwwroot.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout "$work/tls/site.key" -out "$work/tls/site.crt" 2>/dev/null
mkdir -p "$work/nginx"
sed -e "s|server 127.0.0.1:8001 |server 127.0.0.1:$port_a |" -e "s|server 127.0.0.1:8002 |server 127.0.0.1:$port_b |" \
  -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$http_port;|" -e "s|^\( *\)listen 443 ssl http2;|\1listen 127.0.0.1:$tls_port ssl http2;|" \
  -e '/listen \[::\]/d' \
  -e "s|/etc/letsencrypt/live/forum.example.org/fullchain.pem|$work/tls/site.crt|" \
  -e "s|/etc/letsencrypt/live/forum.example.org/privkey.pem|$work/tls/site.key|" \
  -e "s|/opt/plenary|$work/opt|g" -e "s|/var/www/html|$work/www|g" deploy/nginx/plenary.conf >"$work/nginx/plenary.conf"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/nginx/plenary.conf;
}
CONF
"$nginx_bin" -t -q -c "$work/nginx/nginx.conf" || { cat "$work/nginx/error.log" 2>/dev/null; exit 1; }
"$nginx_bin" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
wait_for 20 curl -skf -o /dev/null "$site/" || { fail "nginx answers"; cat "$work/nginx/error.log"; exit 1; }
started=$(date +%s)

# Through nginx (curl -k: the certificate is this run's own).
get() { curl -sk -o /dev/null -w '%{http_code}' "$@"; }
status=$(get "http://127.0.0.1:$http_port/igf2022/programme")
location=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$http_port/igf2022/programme")
# $host carries no port: on the real site both are the standard ones.
if [ "$status" = 301 ] && [ "$location" = "https://127.0.0.1/igf2022/programme" ]; then
  pass "plain HTTP redirects to HTTPS (301)"
else
  fail "plain HTTP redirects to HTTPS" "$status $location"
fi
status=$(get "$site/"); [ "$status" = 200 ] && pass "home page 200" || fail "home page" "$status"
status=$(get "$site/igf2022/programme"); [ "$status" = 200 ] && pass "forum programme 200" || fail "forum programme" "$status"
read -r session_key session_type session_number < <(curl -sk "$site/api/forums/igf2022/sessions" | python3 -c '
import json, sys
s = next(s for s in json.load(sys.stdin) if s.get("number"))
print(s["key"], s["type"], s["number"])')
session="/igf2022/sessions/$session_key"
status=$(get "$site$session"); [ "$status" = 200 ] && pass "session page $session 200" || fail "session page $session" "$status"

css=$(curl -sk "$site/igf2022/programme" | grep -o 'href="/css/[^"]*"' | head -1 | cut -d'"' -f2)
headers=$(curl -sk -D - -o "$work/site.css.gz" -H 'Accept-Encoding: gzip' "$site$css" | tr -d '\r')
if grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$headers" && grep -qi '^content-encoding: gzip' <<<"$headers" \
  && cmp -s <(gunzip -c "$work/site.css.gz") "$work/opt/app/wwwroot/css/site.css"; then
  pass "fingerprinted $css served by nginx from wwwroot, gzip, cached a year"
else
  fail "fingerprinted $css from nginx" "$(grep -i '^\(cache-control\|content-encoding\)' <<<"$headers" | xargs)"
fi

signup_headers=$(curl -sk -D - -o /dev/null "$site/account/sign-up" | tr -d '\r')
cookies=$(grep -i '^set-cookie:' <<<"$signup_headers" || true)
if [ -n "$cookies" ] && ! grep -qiv '; *secure' <<<"$cookies"; then
  pass "cookies over HTTPS carry Secure (proxy_cookie_flags): $(grep -c . <<<"$cookies") set"
else
  fail "cookies over HTTPS are Secure" "$cookies"
fi
status=$(get -H 'Host: forum.attacker.example' "$site/igf2022/programme")
[ "$status" = 400 ] && pass "another host name is refused (AllowedHosts, 400)" || fail "another host name refused" "$status"
grep -qi '^strict-transport-security:' <<<"$signup_headers" && pass "HSTS header" || fail "HSTS header"

# Sign-up through nginx: one confirmation message, however many instances run their outbox.
email="delegate-$RANDOM@example.org"
password="solar wind over Addis"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
jar="$work/site.jar"
t=$(curl -sk -c "$jar" -b "$jar" "$site/account/sign-up" | token)
status=$(curl -sk -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" \
  --data-urlencode "Email=$email" --data-urlencode "Name=Deploy Delegate" --data-urlencode "Password=$password" "$site/account/sign-up")
[ "$status" = 302 ] && pass "sign-up through nginx (302)" || fail "sign-up through nginx" "$status"
received() { grep -l "^X-Envelope-To: $email" "$work"/mail/*.eml 2>/dev/null | wc -l; }
has_mail() { [ "$(received)" -ge 1 ]; }
if wait_for 30 has_mail; then
  # Both instances poll the outbox every 5 seconds: a few rounds each, and the message must still be alone.
  sleep 12
  n=$(received)
  [ "$n" = 1 ] && pass "confirmation mail received by the SMTP server exactly once" || fail "mail exactly once" "$n messages"
else
  fail "confirmation mail received" "none in 30 s"
fi
link=$(python3 - "$work/mail" "$email" <<'PY'
import email, email.policy, glob, re, sys
for name in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    message = email.message_from_binary_file(open(name, "rb"), policy=email.policy.default)
    if sys.argv[2] not in message["X-Envelope-To"]:
        continue
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            found = re.search(r'https?://\S*/account/confirm\S*', part.get_content())
            if found:
                print(found.group(0)); sys.exit()
PY
)
if [[ $link == "$site/account/confirm"* ]]; then
  status=$(get "$link"); [ "$status" = 200 ] && pass "confirmation link (PublicBaseUrl) opens through nginx" || fail "confirmation link" "$status"
else
  fail "confirmation link starts with the public address" "${link:-none}"
fi

# Signed in on A, directly on its port; the cookie works on B: one key ring, in the database.
a="http://127.0.0.1:$port_a"; b="http://127.0.0.1:$port_b"
jar="$work/a.jar"
t=$(curl -s -c "$jar" -b "$jar" "$a/account/sign-in" | token)
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" \
  --data-urlencode "Email=$email" --data-urlencode "Password=$password" "$a/account/sign-in")
[ "$status" = 302 ] && pass "sign-in on instance A (302)" || fail "sign-in on instance A" "$status"
status=$(curl -s -o "$work/account-b.html" -w '%{http_code}' -b "$jar" "$b/account")
[ "$status" = 200 ] && grep -q "$email" "$work/account-b.html" && pass "A's sign-in cookie accepted by instance B (/account 200)" \
  || fail "A's cookie on instance B" "$status"

# The session runs now; a subscriber on B (directly) and one through nginx; a hand raised on A.
psql -d plenary -c "UPDATE \"Sessions\" SET \"StartsAt\" = now() - interval '10 minutes', \"EndsAt\" = now() + interval '50 minutes'
  WHERE \"Number\" = $session_number AND \"TypeId\" = (SELECT \"Id\" FROM \"SessionTypes\" WHERE \"Code\" = '$session_type'
  AND \"ForumId\" = (SELECT \"Id\" FROM \"Forums\" WHERE \"Slug\" = 'igf2022'))"
curl -sN -b "$jar" "$b$session/live/events" >"$work/events-b" 2>/dev/null &
pids+=($!)
curl -skN -b "$jar" "$site$session/live/events" >"$work/events-nginx" 2>/dev/null &
pids+=($!)
events() { grep -c '^id:' "$1" 2>/dev/null || true; }
# more_events FILE COUNT: the stream in FILE holds more than COUNT events (read afresh on each try of wait_for).
more_events() { [ "$(events "$1")" -gt "$2" ]; }
wait_for 20 more_events "$work/events-b" 0 && wait_for 20 more_events "$work/events-nginx" 0 \
  || fail "live-page streams open" "B: $(events "$work/events-b"), nginx: $(events "$work/events-nginx")"
before_b=$(events "$work/events-b"); before_nginx=$(events "$work/events-nginx")
t=$(curl -s -b "$jar" "$a$session/live" | token)
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Mode=Online" \
  "$a$session/live?handler=Raise")
[ "$status" = 302 ] && pass "hand raised on instance A (302)" || fail "hand raised on instance A" "$status"
wait_for 10 more_events "$work/events-b" "$before_b" \
  && pass "subscriber on instance B saw the hand raised on A" || fail "subscriber on B saw A's change" "$(events "$work/events-b") events"
wait_for 10 more_events "$work/events-nginx" "$before_nginx" \
  && pass "subscriber through nginx saw it unbuffered" || fail "subscriber through nginx" "$(events "$work/events-nginx") events"

# A dies without warning; nginx sends everything to B.
{ kill -9 "$pid_a"; wait "$pid_a"; } 2>/dev/null || true # waited for here, so that bash reports nothing
codes=""
for _ in $(seq 10); do
  codes+=" $(get "$site/")$(get "$site/igf2022/programme" | sed 's/^/\//')$(get "$site$session" | sed 's/^/\//')"
done
if ! grep -qv '^200/200/200$' <(tr ' ' '\n' <<<"${codes# }"); then
  pass "instance A killed (SIGKILL): 30 requests through nginx, all 200"
else
  fail "after killing A" "${codes# }"
fi
ready "$port_b" && pass "instance B still ready" || fail "instance B ready"

ended=$(date +%s)
echo
echo "Publish $((published - began)) s, start-up $((started - published)) s, checks $((ended - started)) s; total $((ended - began)) s."
if ((failures)); then
  echo "$failures check(s) failed. Logs: instance A, B, nginx error log follow."
  tail -n 20 "$work/a.log" "$work/b.log" "$work/nginx/error.log" 2>/dev/null
  exit 1
fi
echo "All checks passed."
