#!/usr/bin/env bash
# Runs every test: unit, SQLite, PostgreSQL and headless-browser tests.
# Installs what the tests need from Debian's packages when it is missing (PostgreSQL, Chromium, Node.js, LibreOffice,
# poppler-utils, fonts for Arabic and Chinese, an SMTP server),
# installs the Node tools of tests/js,
# starts a throwaway PostgreSQL cluster on a free port, and removes it afterwards.
# Extra arguments go to `dotnet test`, e.g. `bash scripts/test.sh --filter Programme`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# LibreOffice opens the outcome document's DOCX in the tests, as a reader's word processor would.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# The outcome document's PDF tests read it back with poppler's pdftotext and pdfinfo, and need a font per script:
# DejaVu Sans for Latin, Greek, Cyrillic and Arabic, WenQuanYi Micro Hei (1.6 MB) for Chinese; Skia finds them through fontconfig.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
[ -n "$(fc-list :lang=ar 2>/dev/null)" ] || need+=(fonts-dejavu-core)
[ -n "$(fc-list :lang=zh-cn 2>/dev/null)" ] || need+=(fonts-wqy-microhei)
# The mail tests hand messages to a real SMTP server on loopback: Debian's aiosmtpd, run by tests/smtp/server.py.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
# Node runs the real validators the export tests call (ajv for JSON Schema, ical.js for iCalendar).
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if ((${#need[@]})); then
  echo "Installing ${need[*]} from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Exactly the versions in tests/js/package-lock.json. npm ci deletes node_modules and writes it again (10 to 45 s on the
# shared two-core machine), so it is skipped when node_modules was installed from this very lock file; it runs beside
# the PostgreSQL start below, and the tests wait for it.
install_node_tools() {
  local lock
  lock=$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)
  if [ "$(cat tests/js/node_modules/.installed-from-lock 2>/dev/null)" != "$lock" ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock" > tests/js/node_modules/.installed-from-lock
  fi
}
install_node_tools &
node_tools=$!

pgbin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
work=$(mktemp -d /tmp/plenary-pg.XXXXXX)
chmod 755 "$work"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres: "$work"; fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
stop_pg() {
  run_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_pg EXIT

run_pg "$pgbin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A test database needs no durability; these make it quicker and keep it to loopback.
run_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o \
  "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export PLENARY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
# The outage tests make a server of their own with these binaries, to stop and start it.
export PLENARY_TEST_PGBIN="$pgbin"
export PLENARY_TEST_CHROMIUM="$(command -v chromium)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

wait "$node_tools"

# Minimal verbosity: a failure and its message are what the end of the log shows, not 1,200 "Passed" lines.
dotnet test Plenary.slnx --logger "console;verbosity=minimal" "$@"
