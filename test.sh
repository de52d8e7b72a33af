#!/usr/bin/env bash
# Runs every test: restores exactly the pinned packages, builds, publishes the single-file
# executable the README describes, and runs the xUnit suite against real HTTP and SignalR twice:
# on SQLite, then on a private PostgreSQL server (the install tests start that published
# executable as a clinic would).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (see global.json)" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser app (ui/) is built by the dotnet build below and tested in a real browser, so both
# must be here: a missing one is installed now (Debian's packages), never a silently skipped test.
command -v npm >/dev/null 2>&1 || (apt-get update && apt-get install -y nodejs npm)
command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium)
# The PostgreSQL pass starts its own server from Debian's binaries; the package's default cluster
# is not wanted (nothing here uses it), so none is created.
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/locking-tests.conf
  apt-get update && apt-get install -y postgresql
fi

dotnet restore Locking.slnx --locked-mode
# The benchmark and load tools are not tests, but they must keep compiling against the service.
dotnet build bench/Locking.Benchmarks/Locking.Benchmarks.csproj --no-restore -v quiet
dotnet build bench/FanOut/FanOut.csproj --no-restore -v quiet
dotnet build bench/BrowserBench/BrowserBench.csproj --no-restore -v quiet

published=$(mktemp -d)
# The test servers live here (the PostgreSQL cluster runs as the postgres user, so others may enter).
run=$(mktemp -d) && chmod 755 "$run"
export LOCKING_TEST_RUN="$run"
cleanup() {
  # A test process that crashed leaves its PostgreSQL server running: stop it by its PID file.
  for pidfile in "$run"/pg-*/data/postmaster.pid; do
    [ -f "$pidfile" ] && kill -INT "$(head -1 "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$published" "$run"
}
trap cleanup EXIT
dotnet publish Locking.csproj -c Release -r linux-x64 -p:RestoreLockedMode=true -o "$published" -v quiet
export LOCKING_EXECUTABLE="$published/Locking"

# Unit tests of the browser app's own logic (Vitest); node_modules came with the build above.
(cd ui && npx vitest run)

# A --filter given to this script narrows both passes (each has its own engine filter too).
user_filter="" rest=()
while (($#)); do
  if [[ $1 == --filter && $# -ge 2 ]]; then user_filter=$2; shift 2; else rest+=("$1"); shift; fi
done
filter() { if [[ -n $user_filter ]]; then echo "($1)&($user_filter)"; else echo "$1"; fi; }

dotnet test Locking.slnx --no-restore --logger "console;verbosity=normal" --filter "$(filter "Engine!=Postgres")" "${rest[@]}" \
  | tee "$run/sqlite.log"
# The same suite on PostgreSQL (less what is about the SQLite file itself), plus its own tests.
LOCKING_TEST_DATABASE=Postgres dotnet test Locking.slnx --no-build --logger "console;verbosity=normal" \
  --filter "$(filter "Engine!=SqliteOnly")" "${rest[@]}" | tee "$run/postgres.log"

summary() { awk '/^Total tests:/ { t = $3 } /^ +Passed:/ { p = $2 } /^ +Failed:/ { f = $2 } END { printf "%d tests run, %d passed, %d failed", t, p, f }' "$1"; }
echo "SQLite:     $(summary "$run/sqlite.log")"
echo "PostgreSQL: $(summary "$run/postgres.log")"
