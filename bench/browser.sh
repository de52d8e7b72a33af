#!/usr/bin/env bash
# Browser benchmark, on this machine only (127.0.0.1): publishes a Release build of the working
# tree into a temp dir (browser app included), starts it on a free loopback port with a temp SQLite
# file and the demo accounts, runs bench/BrowserBench in headless Chromium (a lock change on one
# screen until another shows it; the first page's JavaScript size), stops the service by PID.
# Results: docs/PERFORMANCE.md, "Browser".
#
# Settings (environment): CHANGES=200 lock changes measured (after 20 of warm-up);
# CHROMIUM=/usr/bin/chromium; KEEP_WORK=1 keeps the temp dir.
set -euo pipefail

CHANGES=${CHANGES:-200}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/locking-browser.XXXXXX)
PID=""

log() { printf '[browser %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
  local rc=$?
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    log "stopping the service (pid $PID)"
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
  fi
  [[ $rc -ne 0 && -f $WORK/service.log ]] && { log "last service log lines:"; tail -n 20 "$WORK/service.log" >&2 || true; }
  if [[ ${KEEP_WORK:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v dotnet >/dev/null || die "dotnet SDK 10 is required"
command -v npm >/dev/null || { apt-get update >/dev/null 2>&1 && apt-get install -y nodejs npm >/dev/null 2>&1; } || die "could not install npm"
[[ -x $CHROMIUM ]] || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } || die "could not install chromium"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "copying the working tree and publishing a Release build into $WORK"
mkdir -p "$WORK/src"
tar -C "$REPO" --exclude=.git --exclude=bin --exclude=obj --exclude=node_modules --exclude=wwwroot --exclude=BenchmarkDotNet.Artifacts \
    --exclude=TestResults --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' -cf - . | tar -C "$WORK/src" -xf -
timeout 600 dotnet publish "$WORK/src/Locking.csproj" -c Release -o "$WORK/app" >"$WORK/publish.log" 2>&1 \
  || { tail -n 30 "$WORK/publish.log" >&2; die "publish of Locking.csproj"; }
timeout 300 dotnet build "$WORK/src/bench/BrowserBench/BrowserBench.csproj" -c Release -o "$WORK/bench" >"$WORK/bench-build.log" 2>&1 \
  || { tail -n 30 "$WORK/bench-build.log" >&2; die "build of bench/BrowserBench"; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
log "starting the service on $BASE"
(
  cd "$WORK/app"
  exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    Auth__SigningKey="$(head -c 36 /dev/urandom | base64 | tr -d '\n')" \
    ConnectionStrings__Locking="Data Source=$WORK/locking.db" \
    Seed__Demo=true \
    RateLimits__AcquireLock__PermitLimit=0 RateLimits__Login__PermitLimit=0 \
    Serilog__MinimumLevel__Default=Warning \
    ./Locking
) >"$WORK/service.log" 2>&1 &
PID=$!
for i in $(seq 1 120); do
  curl -sf --max-time 2 "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || die "the service exited during start-up"
  [[ $i == 120 ]] && die "/health/ready not healthy within 60 s"
  sleep 0.5
done

log "measuring $CHANGES lock changes in $CHROMIUM"
timeout 600 "$WORK/bench/BrowserBench" "$BASE" "$CHANGES" "$CHROMIUM"
