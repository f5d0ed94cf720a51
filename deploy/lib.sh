# Sourced by deploy/test.sh and bench/igf-day.sh: the reference installation of deploy/ on one Debian machine, run as
# plain processes on loopback ports (systemd need not be PID 1): a throwaway PostgreSQL cluster, the migration unit,
# two instances with exactly the environment deploy/systemd/plenary@.service gives them, and nginx with
# deploy/nginx/plenary.conf. Run from the repository's root. The caller sets a trap that calls deploy_cleanup.
# Gives: work, pids (every process started), site (https through nginx), http_port, tls_port, port_a, port_b,
# pid_a, pid_b, nginx_pid, and bench/postgres.sh's psql/pg.

# deploy_install [PACKAGE...]: installs nginx, PostgreSQL, curl and openssl from Debian's packages when missing, with the
# caller's own packages (already checked by the caller).
deploy_install() {
  local need=("$@")
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v curl >/dev/null || need+=(curl)
  command -v openssl >/dev/null || need+=(openssl)
  if ((${#need[@]})); then
    echo "Installing ${need[*]} from Debian's packages..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
}

# deploy_workdir PREFIX: the run's folder, removed by deploy_cleanup.
deploy_workdir() {
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$work" # nginx's worker (nobody) reads the published wwwroot
  pids=(); nginx_pid=""
  mkdir -p "$work/opt" "$work/data" "$work/www" "$work/tls"
  # shellcheck source=../bench/postgres.sh
  . bench/postgres.sh
}

deploy_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_for SECONDS COMMAND...: true once the command succeeds within the time. Its arguments are expanded once, when
# called: what must be read afresh on each try goes in a function.
wait_for() { local until=$(($(date +%s) + $1)); shift; until "$@"; do (($(date +%s) < until)) || return 1; sleep 0.3; done; }

deploy_publish() {
  echo "Publishing (Release, ReadyToRun)..."
  # ReadyToRun, as README's recipe publishes: an instance started or restarted during the day answers its first
  # requests without compiling the app's code first (docs/performance.md, "Compiled ahead").
  dotnet publish src/Plenary -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -o "$work/opt/app" --nologo -v quiet >/dev/null
}

# deploy_database [POSTGRES SETTING...]: the cluster and an empty database "plenary"; picks the ports and the site address.
deploy_database() {
  pg_start -c max_connections=200 "$@"
  psql -d postgres -c "CREATE DATABASE plenary"
  http_port=$(free_port); tls_port=$(free_port); port_a=$(free_port); port_b=$(free_port)
  site="https://127.0.0.1:$tls_port"
}

# deploy_env_file [POOL]: the operator's file, written as deploy/plenary.env.example says (quoted values with ';'), with
# the caller's own lines from standard input after the common ones.
deploy_env_file() {
  {
    cat <<ENV
ConnectionStrings__Postgres="$(pg plenary "${1:-40}")"
Plenary__Mail__PublicBaseUrl=$site
AllowedHosts="127.0.0.1;localhost"
Logging__LogLevel__Default=Warning
ENV
    cat
  } >"$work/plenary.env"
  chmod 600 "$work/plenary.env"
}

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

# deploy_migrate: an upgrade's first step, the schema once, before any instance starts (plenary-migrate.service).
# Its status is the command's; its log is "$work/migrate.log".
deploy_migrate() {
  unit_run deploy/systemd/plenary-migrate.service "" "$work/migrate.log"
  local status=0
  wait "${pids[-1]}" || status=$?
  unset 'pids[-1]'
  return "$status"
}

# deploy_instances: A first, then B: the first seeds the demo forums, the second finds them.
deploy_instances() {
  unit_run deploy/systemd/plenary@.service "$port_a" "$work/a.log"; pid_a=${pids[-1]}
  wait_for 300 ready "$port_a" || { cat "$work/a.log"; exit 1; }
  unit_run deploy/systemd/plenary@.service "$port_b" "$work/b.log"; pid_b=${pids[-1]}
  wait_for 180 ready "$port_b" || { cat "$work/b.log"; exit 1; }
  echo "Instances ready: A on $port_a (pid $pid_a), B on $port_b (pid $pid_b)"
}

# deploy_nginx [WORKER CONNECTIONS]: nginx with the reference site file: loopback ports, a self-signed certificate,
# this run's wwwroot.
deploy_nginx() {
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
worker_rlimit_nofile $((${1:-1024} * 2 + 64));
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections ${1:-1024}; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  # When each request ended, and how long nginx and the instance behind it took (bench/igf-day.sh reads them).
  log_format timed '\$msec \$request_method \$uri "\$args" \$status \$request_time \$upstream_response_time';
  access_log ${DEPLOY_ACCESS_LOG:-$work/nginx/access.log} timed;
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
  wait_for 20 curl -skf -o /dev/null "$site/" || { echo "nginx does not answer"; cat "$work/nginx/error.log"; exit 1; }
}
