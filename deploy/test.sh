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

# shellcheck source=lib.sh
. deploy/lib.sh
need=()
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
deploy_install "${need[@]}"
deploy_workdir plenary-deploy
mkdir -p "$work/mail"
smtp_pid=""
cleanup() {
  exec 7>&- 2>/dev/null || true # closing its input stops the SMTP server
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  deploy_cleanup
}
trap cleanup EXIT

failures=0
pass() { echo "PASS  $1"; }
fail() { echo "FAIL  $1${2:+: $2}"; failures=$((failures + 1)); }

deploy_publish
published=$(date +%s)

deploy_database

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

# The operator's file, written as deploy/plenary.env.example says (quoted values with ';').
deploy_env_file <<ENV
Plenary__Mail__SmtpHost=127.0.0.1
Plenary__Mail__SmtpPort=$smtp_port
Plenary__Mail__SmtpSecurity=StartTls
Plenary__Mail__SmtpUser=plenary
Plenary__Mail__SmtpPassword=smtp-secret
Plenary__Mail__SmtpTrustedCertificate=$fingerprint
Plenary__Mail__From="IGF Secretariat <no-reply@forum.example.org>"
# A smaller demo forum than the default: seeding it is most of the first instance's start-up.
Plenary__Demo__Sessions=40
Plenary__Demo__Rooms=4
Plenary__Demo__People=200
ENV

# An upgrade's first step: the schema once, before any instance starts (plenary-migrate.service).
if deploy_migrate; then pass "migrate command brings the schema up to date ($(tail -n1 "$work/migrate.log"))"; else fail "migrate command" "$(tail -n5 "$work/migrate.log")"; fi

deploy_instances
deploy_nginx
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
