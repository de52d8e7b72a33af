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

dotnet restore Locking.slnx --locked-mode
# The benchmark and load tools are not tests, but they must keep compiling against the service.
dotnet build bench/Locking.Benchmarks/Locking.Benchmarks.csproj --no-restore -v quiet
dotnet build bench/FanOut/FanOut.csproj --no-restore -v quiet

published=$(mktemp -d)
trap 'rm -rf "$published"' EXIT
dotnet publish Locking.csproj -c Release -r linux-x64 -p:RestoreLockedMode=true -o "$published" -v quiet
export LOCKING_EXECUTABLE="$published/Locking"

dotnet test Locking.slnx --no-restore --logger "console;verbosity=normal" "$@"
