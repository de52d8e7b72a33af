#!/usr/bin/env bash
# PostgreSQL against SQLite, in one run, on this machine only (127.0.0.1): the booking transaction
# in-process (BenchmarkDotNet, bench/Locking.Benchmarks) and contended booking over HTTP
# (bench/load.sh's two booking scenarios), each on both engines. PostgreSQL is a private server
# started in a temp dir with its default durability, stopped by its PID. Figures: docs/PERFORMANCE.md.
#
# Settings (environment): BDN_ARGS (extra BenchmarkDotNet arguments, e.g. "--job short" for a quick look),
# DURATION (seconds per wrk scenario, default 10), KEEP_WORK=1.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/locking-engines.XXXXXX)
BDN_ARGS=${BDN_ARGS-}

log() { printf '[engines %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/service.sh
source "$REPO/bench/service.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  log "installing postgresql (Debian package)"
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/locking-tests.conf
  { apt-get update && apt-get install -y postgresql; } >/dev/null 2>&1 || die "could not install postgresql"
fi

start_postgres
log "booking transaction, BenchmarkDotNet $BDN_ARGS"
# shellcheck disable=SC2086 # BDN_ARGS is a list of arguments
LOCKING_BENCH_POSTGRES="$POSTGRES_CONNECTION" timeout 1800 dotnet run -c Release --project "$REPO/bench/Locking.Benchmarks" -- \
  --filter '*BookingBenchmarks*' $BDN_ARGS >"$WORK/bdn.log" 2>&1 || { tail -n 40 "$WORK/bdn.log" >&2; die "BenchmarkDotNet"; }
stop_postgres

for engine in Sqlite Postgres; do
  log "contended booking over HTTP on $engine (bench/load.sh)"
  SCENARIOS=booking DATABASE=$engine LEASES=0 "$REPO/bench/load.sh" >"$WORK/load-$engine.txt" || die "bench/load.sh on $engine"
done

echo
echo "Booking on SQLite and PostgreSQL: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, one run"
grep -E '^\| *(Method|-|.booking)' "$WORK/bdn.log" || true
for engine in Sqlite Postgres; do
  echo
  sed -n '/^Locking load test/,$p' "$WORK/load-$engine.txt"
done
