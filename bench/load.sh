#!/usr/bin/env bash
# HTTP and real-time load test of a Release build, on this machine only (127.0.0.1).
#
# Publishes the working tree (copied to a temp dir, so the repo's bin/obj are not touched),
# starts the service on a free loopback port with a temp SQLite file and the demo admin, seeds
# its own users, appointments, doctors and slots through the API, runs each scenario for
# $DURATION seconds with wrk (scripts in bench/lua) or bench/FanOut, stops the service by PID,
# and prints one table. Results and how to read them: docs/PERFORMANCE.md.
#
# Settings (environment):
#   DURATION=10        seconds per wrk scenario
#   CONNS=16           connections for the ratio scenarios (one wrk thread each)
#   CONTENDERS=64      connections contending for one appointment
#   BOOKERS=200        connections booking one slot; HOT_CAPACITY=10 its seats
#   PATIENTS=200       patient accounts;  SLOTS=200 slots for the spread bookings
#   FANOUT_CLIENTS=1000 hub subscribers;  FANOUT_CHANGES=100 lock changes, FANOUT_INTERVAL_MS=50 apart
#   LEASES=100000      leases held for the memory row (0 skips); LEASE_BUDGET=120 s per bulk step
#   KEEP_WORK=1        keep the temp dir (logs, database) for inspection
#   DATABASE=Sqlite    or Postgres: the service on a private PostgreSQL server started in the temp dir
#   SCENARIOS=all      or booking: only the two booking scenarios (bench/engines.sh)
set -euo pipefail

DATABASE=${DATABASE:-Sqlite}
SCENARIOS=${SCENARIOS:-all}

DURATION=${DURATION:-10}
CONNS=${CONNS:-16}
CONTENDERS=${CONTENDERS:-64}
BOOKERS=${BOOKERS:-200}
HOT_CAPACITY=${HOT_CAPACITY:-10}
PATIENTS=${PATIENTS:-200}
SLOTS=${SLOTS:-200}
FANOUT_CLIENTS=${FANOUT_CLIENTS:-1000}
FANOUT_CHANGES=${FANOUT_CHANGES:-100}
FANOUT_INTERVAL_MS=${FANOUT_INTERVAL_MS:-50}
LEASES=${LEASES:-100000}
LEASE_BUDGET=${LEASE_BUDGET:-120}
PASSWORD='LoadPassw0rd!'

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/locking-load.XXXXXX)
export BENCH_LUA="$REPO/bench/lua"
ROWS=()

log() { printf '[load %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/service.sh
source "$REPO/bench/service.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet SDK 10 is required"
for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null; then
    log "installing $tool (Debian package)"
    apt-get install -y "$tool" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$tool" >/dev/null 2>&1; } \
      || die "could not install $tool"
  fi
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- build -------------------------------------------------------------------------------------
publish_service
timeout 300 dotnet publish "$WORK/src/bench/FanOut/FanOut.csproj" -c Release -o "$WORK/fanout" >"$WORK/fanout-build.log" 2>&1 \
  || { tail -n 30 "$WORK/fanout-build.log" >&2; die "publish of bench/FanOut"; }

# --- start -------------------------------------------------------------------------------------
if [[ $DATABASE == Postgres ]]; then start_postgres; fi
start_service
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }
RSS_START=$(rss_mb)
log "ready (pid $PID, RSS $RSS_START MB)"

# --- API helpers -------------------------------------------------------------------------------
# call METHOD PATH TOKEN [JSON] -> prints the status; the body is in $WORK/body.json
call() {
  local args=(-s -o "$WORK/body.json" -w '%{http_code}' --max-time 30 -X "$1" "$BASE$2")
  [[ -n ${3:-} ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data "$4")
  curl "${args[@]}" || echo 000
}
body() { jq -r "$1" "$WORK/body.json"; }
login() {
  curl -sf --max-time 60 -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -er .accessToken
}
# mkuser ROLE INDEX -> creates the user as admin, prints a token (run in parallel by xargs)
mkuser() {
  local email="load-$1-$2@example.com"
  curl -sf --max-time 60 -X POST "$BASE/api/users" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"name\":\"Load $1 $2\",\"role\":\"$1\"}" >/dev/null || return 1
  login "$email" "$PASSWORD"
}
export -f mkuser login
export BASE PASSWORD
users() { # ROLE COUNT FILE
  seq 1 "$2" | xargs -P 4 -I{} bash -c 'mkuser "$0" "$1"' "$1" {} >"$3" || true
  [[ $(grep -c . "$3") == "$2" ]] || die "created $(grep -c . "$3") of $2 $1 users"
}
# instant SECONDS-AFTER-2031-01-01 -> ISO-8601 UTC
instant() { date -u -d "@$(( $(date -u -d 2031-01-01 +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
appointment() { # TOKEN INDEX -> id
  local status; status=$(call POST /api/appointments "$1" \
    "{\"title\":\"Load $2\",\"patientName\":\"Load Patient\",\"dateOfBirth\":\"1980-01-01\",\"gender\":\"other\",\"startTime\":\"$(instant $(($2 * 3600)))\",\"endTime\":\"$(instant $(($2 * 3600 + 1800)))\"}")
  [[ $status == 201 ]] || die "create appointment answered $status: $(cat "$WORK/body.json")"
  body .id
}

# --- results -----------------------------------------------------------------------------------
field() { sed -nE "s/.* $2=([^ ]+).*/\1/p" <<<" $1"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
row() { ROWS+=("$1|$2|$3|$4|$5|$6|$7"); }
# wrk_run NAME THREADS CONNECTIONS SCRIPT URL 409-EXPECTED(yes|no) [wrk -H args...]: adds a row, sets $LAST_RPS
wrk_run() {
  local name=$1 threads=$2 conns=$3 script=$4 url=$5 expect409=$6; shift 6
  local out; out="$WORK/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$name").log"
  log "scenario: $name (${DURATION}s, $conns connections)"
  WRK_THREADS=$threads timeout $((DURATION + 60)) wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 5s \
    -s "$BENCH_LUA/$script" "$@" "$url" >"$out" 2>&1 || true
  RESULT=$(grep '^RESULT' "$out" || true)
  [[ -n $RESULT ]] || { cat "$out" >&2; die "wrk gave no result for $name"; }
  local s409 other; s409=$(field "$RESULT" s409)
  other=$(( $(field "$RESULT" s404) + $(field "$RESULT" s405) + $(field "$RESULT" sother) + $(field "$RESULT" socket_errors) ))
  if [[ $expect409 == no ]]; then other=$((other + s409)); s409="-"; fi
  LAST_RPS=$(field "$RESULT" rps)
  row "$name" "$LAST_RPS" "$(ms "$(field "$RESULT" p50_us)")" "$(ms "$(field "$RESULT" p99_us)")" "$other" "$s409" ""
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }'; }

ADMIN=$(login admin@example.com 'Passw0rd!') || die "demo admin login (is Seed:Demo honoured?)"
export ADMIN

if [[ $SCENARIOS == all ]]; then
# --- seed: editors and appointments ------------------------------------------------------------
STAFF_COUNT=$(( CONTENDERS > CONNS ? CONTENDERS : CONNS ))
log "seeding $STAFF_COUNT staff users"
users staff "$STAFF_COUNT" "$WORK/staff.tokens"
mapfile -t STAFF <"$WORK/staff.tokens"
log "seeding appointments"
: >"$WORK/cycle.txt"
for i in $(seq 0 $((CONNS - 1))); do
  APPT=$(appointment "$ADMIN" "$i")
  echo "${STAFF[$i]} $APPT" >>"$WORK/cycle.txt"
done
STATUS_APPT=$(appointment "$ADMIN" 1000)
CONTEND_APPT=$(appointment "$ADMIN" 1001)
FANOUT_APPT=$(appointment "$ADMIN" 1002)
[[ $(call POST "/api/appointments/$STATUS_APPT/acquire-lock" "$ADMIN") == 200 ]] || die "could not lock the status appointment"

# --- lock scenarios ----------------------------------------------------------------------------
wrk_run "GET /health/live (baseline)" "$CONNS" "$CONNS" plain.lua "$BASE/health/live" no
LIVE_RPS=$LAST_RPS
wrk_run "GET lock-status" "$CONNS" "$CONNS" plain.lua "$BASE/api/appointments/$STATUS_APPT/lock-status" no \
  -H "Authorization: Bearer ${STAFF[0]}"
STATUS_RPS=$LAST_RPS
CYCLE_FILE="$WORK/cycle.txt" wrk_run "acquire+release cycle" "$CONNS" "$CONNS" cycle.lua "$BASE/" no
CYCLE_RPS=$LAST_RPS
TOKENS_FILE="$WORK/staff.tokens" APPOINTMENT=$CONTEND_APPT \
  wrk_run "$CONTENDERS conns contend for 1 lock" "$CONTENDERS" "$CONTENDERS" contend.lua "$BASE/" yes
fi

# --- booking scenarios -------------------------------------------------------------------------
skip_booking() {
  log "SKIP booking scenarios: $1"
  row "bookings spread over $SLOTS slots" "-" "-" "-" "-" "-" "SKIPPED: $1"
  row "$BOOKERS bookers on 1 slot (cap $HOT_CAPACITY)" "-" "-" "-" "-" "-" "SKIPPED: $1"
}
absent() { [[ $1 == 404 || $1 == 405 ]]; }
booking() {
  local status
  status=$(call POST /api/bookings "$ADMIN" '{"slotId":"not-a-guid"}')
  absent "$status" && { skip_booking "POST /api/bookings answered $status (route not in this build)"; return; }
  status=$(call POST /api/specialties "$ADMIN" '{"name":"Load Specialty"}')
  absent "$status" && { skip_booking "POST /api/specialties answered $status (route not in this build)"; return; }
  [[ $status == 201 || $status == 200 ]] || die "create specialty answered $status: $(cat "$WORK/body.json")"
  local specialty; specialty=$(body .id)
  local doctors=()
  for name in "Dr. Spread" "Dr. Hot"; do
    status=$(call POST /api/doctors "$ADMIN" "{\"name\":\"$name\",\"specialtyId\":\"$specialty\"}")
    absent "$status" && { skip_booking "POST /api/doctors answered $status (route not in this build)"; return; }
    [[ $status == 201 || $status == 200 ]] || die "create doctor answered $status: $(cat "$WORK/body.json")"
    local doctor; doctor=$(body .id)
    doctors+=("$doctor")
  done
  # 15-minute slots 30 minutes apart: a patient's bookings never touch, let alone overlap.
  log "seeding $SLOTS slots and $PATIENTS patients"
  : >"$WORK/slots.txt"
  for i in $(seq 0 $((SLOTS - 1))); do
    status=$(call POST /api/slots "$ADMIN" \
      "{\"doctorId\":\"${doctors[0]}\",\"startTime\":\"$(instant $((5 * 86400 + 1800 * i)))\",\"durationMinutes\":15,\"capacity\":$(( PATIENTS + 10 < 100 ? PATIENTS + 10 : 100 ))}")
    absent "$status" && { skip_booking "POST /api/slots answered $status (route not in this build)"; return; }
    [[ $status == 201 ]] || die "create slot answered $status: $(cat "$WORK/body.json")"
    body .id >>"$WORK/slots.txt"
  done
  status=$(call POST /api/slots "$ADMIN" \
    "{\"doctorId\":\"${doctors[1]}\",\"startTime\":\"2031-03-03T09:00:00Z\",\"durationMinutes\":30,\"capacity\":$HOT_CAPACITY}")
  [[ $status == 201 ]] || die "create hot slot answered $status: $(cat "$WORK/body.json")"
  local hot; hot=$(body .id)
  users patient "$PATIENTS" "$WORK/patient.tokens"

  TOKENS_FILE="$WORK/patient.tokens" SLOTS_FILE="$WORK/slots.txt" \
    wrk_run "bookings spread over $SLOTS slots" "$CONNS" "$CONNS" book-spread.lua "$BASE/" no
  TOKENS_FILE="$WORK/patient.tokens" SLOT=$hot \
    wrk_run "$BOOKERS bookers on 1 slot (cap $HOT_CAPACITY)" 8 "$BOOKERS" book-hot.lua "$BASE/" yes
  local hot_rps=$LAST_RPS
  status=$(call GET "/api/bookings/slot/$hot" "$ADMIN")
  local confirmed verdict
  if [[ $status == 200 ]]; then
    confirmed=$(jq '[.. | objects | select(.status? == "CONFIRMED")] | length' "$WORK/body.json")
    if [[ $confirmed == "$HOT_CAPACITY" ]]; then verdict=PASS; else verdict=FAIL; fi
    verdict="$verdict: $confirmed CONFIRMED of capacity $HOT_CAPACITY"
  else
    verdict="FAIL: GET /api/bookings/slot/{id} answered $status"
  fi
  log "seat check: $verdict"
  local last=$((${#ROWS[@]} - 1))
  ROWS[$last]="${ROWS[$last]}$verdict; attempts/s ${hot_rps%.*} (target >= 2000)"
}
booking

if [[ $SCENARIOS == all ]]; then
# --- real-time fan-out -------------------------------------------------------------------------
log "scenario: fan-out to $FANOUT_CLIENTS subscribers ($FANOUT_CHANGES lock changes)"
FAN=$(timeout 300 "$WORK/fanout/FanOut" fanout --url "$BASE" --tokens-file "$WORK/staff.tokens" \
  --appointment "$FANOUT_APPT" --writer-token "$ADMIN" --clients "$FANOUT_CLIENTS" --changes "$FANOUT_CHANGES" \
  --interval-ms "$FANOUT_INTERVAL_MS" --max-seconds 240 2>"$WORK/fanout.log" | grep '^RESULT' || true)
if [[ -n $FAN ]]; then
  row "fan-out to $(field "$FAN" connected)/$FANOUT_CLIENTS subscribers" "-" "$(field "$FAN" p50_ms)" "$(field "$FAN" p99_ms)" \
    "$(field "$FAN" missing)" "-" "delivery latency send->receipt; $(field "$FAN" deliveries) deliveries, max $(field "$FAN" max_ms) ms, missing = non-2xx col"
else
  cat "$WORK/fanout.log" >&2
  row "fan-out to $FANOUT_CLIENTS subscribers" "-" "-" "-" "-" "-" "FAILED (see fanout.log; KEEP_WORK=1)"
fi

# --- memory: held leases -----------------------------------------------------------------------
if (( LEASES > 0 )); then
  log "memory: creating $LEASES appointments through the API (budget ${LEASE_BUDGET}s)"
  CREATED=$(timeout $((LEASE_BUDGET + 60)) "$WORK/fanout/FanOut" create-appointments --url "$BASE" --token "${STAFF[0]}" \
    --count "$LEASES" --out "$WORK/lease-ids.txt" --budget-seconds "$LEASE_BUDGET" --max-seconds $((LEASE_BUDGET + 30)) | grep '^RESULT' || true)
  sleep 5
  RSS_IDLE=$(rss_mb)
  log "memory: acquiring a lease on each ($CREATED)"
  HELD=$(timeout $((LEASE_BUDGET + 60)) "$WORK/fanout/FanOut" acquire-all --url "$BASE" --token "${STAFF[0]}" \
    --ids "$WORK/lease-ids.txt" --budget-seconds "$LEASE_BUDGET" --max-seconds $((LEASE_BUDGET + 30)) | grep '^RESULT' || true)
  sleep 5
  RSS_HELD=$(rss_mb)
  row "memory: $(field "$HELD" granted) leases held" "-" "-" "-" "$(field "$HELD" failed)" "-" \
    "RSS idle $RSS_IDLE MB (after $(field "$CREATED" created) appts in $(field "$CREATED" seconds)s) -> $RSS_HELD MB: +$(awk -v a="$RSS_IDLE" -v b="$RSS_HELD" 'BEGIN{printf "%.1f", b-a}') MB (target <= 60); RSS at start $RSS_START MB"
fi
fi

stop_service

# --- the table ---------------------------------------------------------------------------------
ratio_note() { # NAME RPS TARGET
  for i in "${!ROWS[@]}"; do
    if [[ ${ROWS[$i]} == "$1|"* ]]; then ROWS[$i]="${ROWS[$i]}$(pct "$2" "$LIVE_RPS") of /health/live (target >= $3)"; fi
  done
}
if [[ $SCENARIOS == all ]]; then
  ratio_note "GET lock-status" "$STATUS_RPS" 70%
  ratio_note "acquire+release cycle" "$CYCLE_RPS" 40%
fi
for i in "${!ROWS[@]}"; do
  if [[ ${ROWS[$i]} == "$CONTENDERS conns contend"* ]]; then ROWS[$i]="${ROWS[$i]}409 lock_held expected; p99 target <= 10 ms"; fi
done

echo
echo "Locking load test: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, DURATION=${DURATION}s, $DATABASE, load generator on the same machine"
printf '%-36s %10s %9s %9s %8s %8s  %s\n' "scenario" "req/s" "p50 ms" "p99 ms" "non-2xx" "409" "notes"
printf '%-36s %10s %9s %9s %8s %8s  %s\n' "--------" "-----" "------" "------" "-------" "---" "-----"
for r in "${ROWS[@]}"; do
  IFS='|' read -r name rps p50 p99 non2xx c409 notes <<<"$r"
  printf '%-36s %10s %9s %9s %8s %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$non2xx" "$c409" "$notes"
done
