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
log() { printf '[browser %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/service.sh
source "$REPO/bench/service.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v dotnet >/dev/null || die "dotnet SDK 10 is required"
command -v npm >/dev/null || { apt-get update >/dev/null 2>&1 && apt-get install -y nodejs npm >/dev/null 2>&1; } || die "could not install npm"
[[ -x $CHROMIUM ]] || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } || die "could not install chromium"

publish_service
timeout 300 dotnet build "$WORK/src/bench/BrowserBench/BrowserBench.csproj" -c Release -o "$WORK/bench" >"$WORK/bench-build.log" 2>&1 \
  || { tail -n 30 "$WORK/bench-build.log" >&2; die "build of bench/BrowserBench"; }

start_service

log "measuring $CHANGES lock changes in $CHROMIUM"
timeout 600 "$WORK/bench/BrowserBench" "$BASE" "$CHANGES" "$CHROMIUM"
