#!/usr/bin/env bash
# Benchmark (not part of the tests): the peak hour of an IGF day on the reference installation of deploy/ (two
# instances behind nginx, PostgreSQL, started by deploy/lib.sh as deploy/test.sh does), on this machine. The mix
# (docs/performance.md, "An IGF day under load", says where each rate comes from): anonymous programme and session
# reads; signed-in programme, session, agenda and live pages from many distinct accounts; agenda changes (forms with
# their antiforgery tokens); 2,000 live-page subscribers (Server-Sent Events) while hands are raised; the 300 takeaways
# of the hour after a session block, compressed into the run; registrations through the API and check-ins at the door.
# Accounts, API tokens and approved registrations are seeded straight into the database (one known password, as
# bench/reports.sh does: signing up hundreds of people through the pages measures mail and password hashing, not the
# day); every account then signs in through the sign-in form, before the clock starts.
# Prints per kind: rate asked, requests sent, achieved rate, p50/p99/max, errors (anything but 2xx/3xx); resident
# memory per instance at the end; the writes counted in PostgreSQL against the successes the clients were told of; then
# saturation runs (wrk) of the programme, anonymous and signed in in turn, and their ratio; and how long PostgreSQL's
# WAL flushes (each commit waits for one) took during the mix.
# Usage: bash bench/igf-day.sh [--quick] [--duration SECONDS] [--scale FACTOR] [--subscribers N] [--participants N] [--takeaways N] [--saturation SECONDS] [--rounds N]
#   default: 600 s of the mix at the peak's rates, 2,000 subscribers, 200 signed-in participants, 300 takeaways, 20 s per
#   saturation run in two rounds (anonymous, signed in, anonymous, signed in: one run's anonymous figure moved by a
#   quarter on an unchanged path, and the ratio with it); --quick: 60 s of the mix (other figures unchanged), to check
#   the script end to end; --scale: every rate but the takeaways' multiplied by FACTOR (to find the rate this machine
#   holds with p99 under 100 ms).
# IGF_DAY_POOL: each instance's most pooled PostgreSQL connections (Maximum Pool Size, 40 by default).
# IGF_DAY_ENV: lines added to the instances' environment file, to compare runtime settings (for example
#   IGF_DAY_ENV=DOTNET_gcConcurrent=1); IGF_DAY_WARM_WRITES=0: no writes before the clock.
# IGF_DAY_LOGS=DIR: to profile the requests statement by statement (slows everything: not for the figures), PostgreSQL
#   logs every statement with its duration, backend pid and transaction (log_min_duration_statement=0), each instance
#   every EF command with its time and its request (JSON console, with scopes), and both logs are copied to DIR after
#   the mix (pg.log, a.log, b.log).
# IGF_DAY_KEEP=DIR: keeps the run's own records in DIR (the work folder is deleted on exit): timings.tsv (each request's
#   kind, when it was due, latency and status: when a kind's tail happens tells its causes apart), nginx's access log
#   (each request's end, method, path, status and times), the outcome counts and wrk's output of each saturation run.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=600; scale=1; subscribers=2000; participants=200; takeaways=300; saturation=20; rounds=2
while (($#)); do
  case $1 in
    --quick) duration=60 ;;
    --duration) duration=$2; shift ;;
    --scale) scale=$2; shift ;;
    --subscribers) subscribers=$2; shift ;;
    --participants) participants=$2; shift ;;
    --takeaways) takeaways=$2; shift ;;
    --saturation) saturation=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
password="solar wind over Addis"

# The mix at the peak, in requests per second (see docs/performance.md for the derivation from the IGF's figures).
# Takeaways: the hour's 300 spread evenly over the run; registrations and check-ins as people arrive.
takeaway_rate=$(python3 -c "print(round($takeaways / $duration, 3))")
mix="anonymous programme=12,anonymous session=20,signed-in programme=14,signed-in session=18,signed-in agenda=10"
mix+=",signed-in live page=6,agenda add/remove=5,hand raised=0.5,takeaways submitted=$takeaway_rate"
mix+=",registration (API)=1,check-in at the door=2.5"
mix=$(python3 -c "import sys; print(','.join(k + '=' + (v if k.startswith('takeaways') else str(round(float(v) * $scale, 3))) for k, v in (p.split('=') for p in sys.argv[1].split(','))))" "$mix")
late=$(python3 -c "import math; print(math.ceil(1 * $scale * $duration) + 5)")
arrivals=$(python3 -c "import math; print(math.ceil(2.5 * $scale * $duration) + 5)")

# shellcheck source=../deploy/lib.sh
. deploy/lib.sh
need=()
command -v wrk >/dev/null || need+=(wrk)
deploy_install "${need[@]}"
deploy_workdir plenary-igfday
trap deploy_cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
began=$(date +%s)

deploy_publish
deploy_database
if [ -n "${IGF_DAY_LOGS:-}" ]; then
  cat >"$work/opt/app/appsettings.Production.json" <<'JSON'
{ "Logging": { "LogLevel": { "Microsoft.EntityFrameworkCore.Database.Command": "Information" },
  "Console": { "FormatterName": "json", "FormatterOptions": { "IncludeScopes": true } } } }
JSON
  psql -d postgres -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %v %x '" \
    -c "SELECT pg_reload_conf()" >/dev/null
fi
# An IGF-sized demo forum (bench/run.sh has 300 sessions; 20 more here: 12 run now, without a rapporteur). Every
# client here comes from 127.0.0.1, where on the day thousands of addresses share the load: the per-address limits on
# sign-in attempts and hand changes are raised accordingly.
deploy_env_file "${IGF_DAY_POOL:-40}" <<ENV
Plenary__Demo__Sessions=320
Plenary__Demo__Rooms=14
Plenary__Demo__People=1500
Plenary__Accounts__AttemptsPerMinutePerAddress=1000000
Plenary__Queue__HandChangesPerMinute=1000000
${IGF_DAY_ENV:-}
ENV
deploy_migrate || { cat "$work/migrate.log"; exit 1; }
deploy_instances
deploy_nginx 8192
echo "Installation ready in $(($(date +%s) - began)) s: $site"

# The sessions as the public sees them (released, public), by id and key.
curl -sk "$site/api/forums/igf2022/sessions" | python3 -c 'import json,sys; print("\n".join(s["key"] for s in json.load(sys.stdin) if s.get("number")))' >"$work/public-keys.txt"
mkdir -p "$work/lists"
psql -d plenary -tA -F' ' -c "SELECT s.\"Id\", lower(t.\"Code\") || '-' || s.\"Number\" FROM \"Sessions\" s
  JOIN \"SessionTypes\" t ON t.\"Id\" = s.\"TypeId\" JOIN \"Forums\" f ON f.\"Id\" = s.\"ForumId\"
  WHERE f.\"Slug\" = 'igf2022' AND s.\"Number\" IS NOT NULL ORDER BY s.\"Id\"" | grep -wFf "$work/public-keys.txt" >"$work/lists/sessions.txt"
count=$(wc -l <"$work/lists/sessions.txt")
# The load driver submits warm_writes takeaways (as it raises hands, registers and checks in) before the clock starts,
# so that no kind's p99 is its first write on an instance (bench/igf-day.cs; IGF_DAY_WARM_WRITES=0 leaves them out).
warm_writes=4
((takeaways + warm_writes <= count - 12)) || { echo "Only $count public sessions: at most $((count - 12 - warm_writes)) takeaways" >&2; exit 1; }
# Rapporteurs on the first sessions; the last twelve (one per room) run now, for the live pages.
head -n "$((takeaways + warm_writes))" "$work/lists/sessions.txt" >"$work/rapporteur-sessions.txt"
tail -n 12 "$work/lists/sessions.txt" | cut -d' ' -f2 >"$work/lists/live.txt"
live_ids=$(tail -n 12 "$work/lists/sessions.txt" | cut -d' ' -f1 | paste -sd,)
psql -d plenary -c "UPDATE \"Sessions\" SET \"StartsAt\" = now() - interval '10 minutes', \"EndsAt\" = now() + interval '80 minutes' WHERE \"Id\" IN ($live_ids)"

# ASP.NET Core Identity's V3 password hash (PBKDF2-HMAC-SHA512, 100,000 rounds), the same for every seeded account.
echo "Seeding $participants participants, $takeaways rapporteurs, $late late registrants, $arrivals approved registrations and a desk..."
python3 - "$password" "$participants" "$work/rapporteur-sessions.txt" "$late" "$arrivals" "$work/lists" <<'PY' | psql -d plenary >/dev/null
import base64, hashlib, secrets, struct, sys
password, participants, rapporteur_sessions, late, arrivals, lists = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
salt = bytes(range(16))
key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 32)
hashed = base64.b64encode(b"\x01" + struct.pack(">III", 2, 100_000, 16) + salt + key).decode()
forum = "(SELECT \"Id\" FROM \"Forums\" WHERE \"Slug\" = 'igf2022')"
def account(email, name, with_password=True):
    h = f"'{hashed}'" if with_password else "NULL"
    return ('WITH p AS (INSERT INTO "People" ("Name") VALUES (' + f"'{name}'" + ') RETURNING "Id") '
            'INSERT INTO "Accounts" ("UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp",'
            '"PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","PersonId","PreferredLanguage","IsAdministrator","CreatedAt") '
            f"SELECT '{email}','{email.upper()}','{email}','{email.upper()}',TRUE,{h},'{secrets.token_hex(16)}','{secrets.token_hex(16)}',"
            'FALSE,FALSE,TRUE,0,p."Id",\'en\',FALSE,now() FROM p;')
def account_id(email): return f"(SELECT \"Id\" FROM \"Accounts\" WHERE \"NormalizedEmail\" = '{email.upper()}')"
def person_id(email): return f"(SELECT \"PersonId\" FROM \"Accounts\" WHERE \"NormalizedEmail\" = '{email.upper()}')"
print("BEGIN;")
with open(f"{lists}/participants.txt", "w") as out:
    for i in range(participants):
        email = f"participant{i}@bench.invalid"
        print(account(email, f"Bench Participant {i}"))
        out.write(email + "\n")
with open(f"{lists}/rapporteurs.txt", "w") as out:
    for i, line in enumerate(open(rapporteur_sessions)):
        session_id, session_key = line.split()
        email = f"rapporteur{i}@bench.invalid"
        print(account(email, f"Bench Rapporteur {i}"))
        print(f'INSERT INTO "SessionRoles" ("SessionId","Kind","PersonId","Mode","Position") VALUES ({session_id},\'Rapporteur\',{person_id(email)},\'Onsite\',100);')
        out.write(f"{email} {session_key}\n")
with open(f"{lists}/tokens.txt", "w") as out:
    for i in range(late):
        email = f"late{i}@bench.invalid"
        print(account(email, f"Bench Late Registrant {i}", with_password=False))
        token = "pln_" + secrets.token_urlsafe(32)
        print(f'INSERT INTO "ApiTokens" ("AccountId","Name","Hash","CreatedAt","ExpiresAt") VALUES ({account_id(email)},\'bench\',\'{hashlib.sha256(token.encode()).hexdigest()}\',now(),now() + interval \'1 day\');')
        out.write(token + "\n")
badges = []
for i in range(arrivals):
    email = f"arrival{i}@bench.invalid"
    print(account(email, f"Bench Arrival {i}", with_password=False))
    secret = secrets.token_hex(6).upper()
    print('INSERT INTO "Registrations" ("ForumId","AccountId","PersonId","Mode","Languages","Status","CreatedAt","UpdatedAt","BadgeSecret") '
          f"VALUES ({forum},{account_id(email)},{person_id(email)},'Onsite','en','Approved',now(),now(),'{secret}');")
    badges.append((email, secret))
email = "desk@bench.invalid"
print(account(email, "Bench Registration Desk"))
print(f'INSERT INTO "ForumMembers" ("ForumId","AccountId","Role","AddedAt") VALUES ({forum},{account_id(email)},\'Secretariat\',now());')
open(f"{lists}/staff.txt", "w").write(email + "\n")
print("COMMIT;")
PY
psql -d plenary -tA -c "SELECT 'R' || r.\"Id\" || '-' || substr(r.\"BadgeSecret\", 1, 4) || '-' || substr(r.\"BadgeSecret\", 5, 4) || '-' || substr(r.\"BadgeSecret\", 9, 4)
  FROM \"Registrations\" r JOIN \"Accounts\" a ON a.\"Id\" = r.\"AccountId\" WHERE a.\"Email\" LIKE 'arrival%@bench.invalid' ORDER BY r.\"Id\"" >"$work/lists/badges.txt"

echo "Compiling the load driver (bench/igf-day.cs)..."
dotnet build bench/igf-day.cs -c Release -o "$work/driver" --nologo -v quiet >/dev/null 2>&1 || dotnet build bench/igf-day.cs -c Release -o "$work/driver" --nologo -v quiet
echo "Mix: $mix"
echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# Every commit waits for its WAL flush: their count and time over the mix tell a slow disk from a busy processor.
psql -d postgres -c "ALTER SYSTEM SET track_wal_io_timing = on" -c "SELECT pg_reload_conf()" -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
mix_began=$(date +%s)
"$work/driver/igf-day" "$site" "$work/lists" "$password" "$duration" "$subscribers" "$mix" "$work/outcome.txt"
mix_ended=$(date +%s)
if [ -n "${IGF_DAY_LOGS:-}" ]; then
  mkdir -p "$IGF_DAY_LOGS" && cp "$work/pg/log" "$IGF_DAY_LOGS/pg.log" && cp "$work/a.log" "$work/b.log" "$IGF_DAY_LOGS/"
fi

echo
rss() { ps -o rss= -p "$1" | awk '{ printf "%.0f MB", $1 / 1024 }'; }
echo "Resident memory at the end: instance A $(rss "$pid_a"), instance B $(rss "$pid_b") (nginx $(rss "$nginx_pid"))"
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# The same requests as the proxy timed them, from its access log (deploy/lib.sh's "timed" format): the load driver also
# reads 2,000 event streams, and a time it measured may include waiting for its own threads. Reads by page, signed in or
# not together.
python3 - "$work/nginx/access.log" "$(cat "$work/mix-began")" "$duration" <<'PY'
import sys
log, began, duration = sys.argv[1], int(sys.argv[2]) / 1000, int(sys.argv[3])
def kind(method, uri, args):
    if method == "POST" and uri.endswith("/report") and "handler=SubmitTakeaways" in args: return "takeaways submitted"
    if method == "POST" and uri.endswith("/live") and "handler=Raise" in args: return "hand raised"
    if method == "PUT" and uri.endswith("/registration"): return "registration (API)"
    if method == "POST" and uri.endswith("/manage/check-in"): return "check-in at the door"
    if method == "POST" and uri.endswith("/agenda"): return "agenda add/remove"
    if method == "GET" and uri.endswith("/programme"): return "programme"
    if method == "GET" and uri.endswith("/agenda"): return "agenda"
    if method == "GET" and uri.endswith("/live"): return "live page"
    if method == "GET" and "/sessions/" in uri and uri.count("/") == 3: return "session page"
    return None
times, upstream = {}, {}
for line in open(log):
    parts = line.split()
    if len(parts) < 7:
        continue
    try:
        ended, total = float(parts[0]), float(parts[5])
    except ValueError:
        continue
    k = kind(parts[1], parts[2], parts[3])
    if k is None or not began <= ended - total <= began + duration:
        continue
    times.setdefault(k, []).append(total * 1000)
    if parts[6] not in ("-",):
        try: upstream.setdefault(k, []).append(float(parts[6].split(",")[-1]) * 1000)
        except ValueError: pass
def pct(v, q): v = sorted(v); return v[min(len(v) - 1, int(len(v) * q))]
print("As nginx timed them (request time; the instance's own answer time, upstream):")
print("| Kind | Requests | p50 ms | p99 ms | upstream p99 ms |")
print("|---|---:|---:|---:|---:|")
order = ["programme", "session page", "agenda", "live page", "agenda add/remove", "hand raised", "takeaways submitted", "registration (API)", "check-in at the door"]
for k in order:
    if k in times:
        u = upstream.get(k)
        print(f"| {k} | {len(times[k])} | {pct(times[k], .5):.1f} | {pct(times[k], .99):.1f} | {pct(u, .99) if u else float('nan'):.1f} |")
PY
echo "PostgreSQL's WAL flushes during the mix: $(psql -d postgres -tA -F' ' -c "SELECT wal_sync, round((wal_sync_time / greatest(wal_sync, 1))::numeric, 2), wal_records FROM pg_stat_wal" |
  awk '{ printf "%s, %s ms each on average, %s WAL records", $1, $2, $3 }')"
if [ -n "${IGF_DAY_KEEP:-}" ]; then
  mkdir -p "$IGF_DAY_KEEP" && cp "$work/timings.tsv" "$work/outcome.txt" "$work/nginx/access.log" "$IGF_DAY_KEEP/"
fi

# No lost write: what PostgreSQL holds against what the clients were told succeeded. A write that got no answer, or the
# proxy's 5xx, may or may not have happened ("outcome unknown"): the rows may differ from the successes by at most those.
told() { awk -v k="$1" '$1 == k { print $2 }' "$work/outcome.txt"; }
unanswered() { awk -v k="$1" '$1 == k { print $3 }' "$work/outcome.txt"; }
of_accounts() { echo "JOIN \"Accounts\" a ON a.\"Id\" = $1 WHERE a.\"Email\" LIKE '$2%@bench.invalid'"; }
declare -A found
found[agenda]=$(psql -d plenary -tA -c "SELECT COUNT(*) FROM \"AgendaEntries\" e $(of_accounts 'e."AccountId"' participant)")
found[hands]=$(psql -d plenary -tA -c "SELECT COUNT(*) FROM \"Hands\" h $(of_accounts 'h."AccountId"' participant)")
found[takeaways]=$(psql -d plenary -tA -c "SELECT COUNT(DISTINCT \"SessionId\") FROM \"OutputVersions\" WHERE \"Part\" = 'Takeaways' AND \"SubmittedBy\" LIKE 'Bench Rapporteur %'")
found[registrations]=$(psql -d plenary -tA -c "SELECT COUNT(*) FROM \"Registrations\" r $(of_accounts 'r."AccountId"' late)")
found[checkins]=$(psql -d plenary -tA -c "SELECT COUNT(*) FROM \"CheckIns\" c JOIN \"Registrations\" r ON r.\"Id\" = c.\"RegistrationId\" $(of_accounts 'r."AccountId"' arrival)")
lost=0
echo "| Write | Successes told | Outcome unknown | Rows in PostgreSQL | Verdict |"
echo "|---|---:|---:|---:|---|"
for k in agenda hands takeaways registrations checkins; do
  t=$(told "$k"); u=$(unanswered "$k"); f=${found[$k]}
  if [ "$t" = "$f" ]; then verdict="exact"
  elif ((f - t <= u && t - f <= u)); then verdict="within the unknown outcomes"
  else verdict="LOST OR UNTOLD WRITE"; lost=1; fi
  echo "| $k | $t | $u | $f | $verdict |"
done
((lost)) && echo "MISMATCH: more difference between the rows and the successes than writes of unknown outcome." || echo "No lost write."
if [ -s "$work/nginx/error.log" ]; then
  echo "nginx's error log ($(wc -l <"$work/nginx/error.log") lines), most frequent:"
  sed -E 's/^.*\*[0-9]+ //; s/, client:.*//; s/[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+:[0-9]+/ADDR/g' "$work/nginx/error.log" | sort | uniq -c | sort -rn | head -n 5
fi

# Saturation: the programme, anonymous and then signed in (the participants' own cookies in turn), same setup.
cat >"$work/signed-in.lua" <<LUA
local cookies = {}
for line in io.lines("$work/lists/cookies.txt") do cookies[#cookies + 1] = line end
local n = 0
request = function()
  n = n % #cookies + 1
  return wrk.format("GET", "/igf2022/programme", { ["Cookie"] = cookies[n], ["Accept-Encoding"] = "br, gzip" })
end
LUA
saturate() { # label, then wrk's own arguments
  local label=$1; shift
  wrk -t 2 -c 32 -d "${saturation}s" --latency -H 'Accept-Encoding: br, gzip' "$@" "$site/igf2022/programme" >"$work/wrk-$label.txt"
  [ -z "${IGF_DAY_KEEP:-}" ] || cp "$work/wrk-$label.txt" "$IGF_DAY_KEEP/"
  echo "$label: $(awk '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx/ { e = $NF } END { printf "%s req/s, p50 %s, p99 %s, non-2xx/3xx %s", r, p50, p99, e ? e : 0 }' "$work/wrk-$label.txt")"
}
echo
echo "Saturation runs of the programme (wrk -c 32 -d ${saturation}s through nginx), anonymous and signed in in turn, $rounds rounds..."
for ((round = 1; round <= rounds; round++)); do
  saturate "anonymous-$round"
  saturate "signed-in-$round" -s "$work/signed-in.lua"
done
rate() { cat "$work"/wrk-"$1"-*.txt | awk '/Requests\/sec/ { sum += $2; n++ } END { printf "%.0f", sum / n }'; }
anonymous=$(rate anonymous); signed=$(rate signed-in)
echo "Mean of the rounds: anonymous $anonymous req/s, signed in $signed req/s"
echo "Signed-in / anonymous programme throughput: $(python3 -c "print(f'{$signed / $anonymous:.3f}')") (goal: at least 0.5)"
echo "Mix $((mix_ended - mix_began)) s (sign-ins and subscribers included); whole run $(($(date +%s) - began)) s."
