#!/usr/bin/env bash
# Runs every test: restores exactly the pinned packages, builds, publishes the single-file
# executable the README describes, and runs the xUnit suite against real HTTP, SQLite and SignalR
# (the install tests start that published executable as a clinic would).
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

dotnet restore Locking.slnx --locked-mode
# The benchmark and load tools are not tests, but they must keep compiling against the service.
dotnet build bench/Locking.Benchmarks/Locking.Benchmarks.csproj --no-restore -v quiet
dotnet build bench/FanOut/FanOut.csproj --no-restore -v quiet
dotnet build bench/BrowserBench/BrowserBench.csproj --no-restore -v quiet

published=$(mktemp -d)
trap 'rm -rf "$published"' EXIT
dotnet publish Locking.csproj -c Release -r linux-x64 -p:RestoreLockedMode=true -o "$published" -v quiet
export LOCKING_EXECUTABLE="$published/Locking"

# Unit tests of the browser app's own logic (Vitest); node_modules came with the build above.
(cd ui && npx vitest run)

dotnet test Locking.slnx --no-restore --logger "console;verbosity=normal" "$@"
