#!/usr/bin/env bash
# Runs every test: restores exactly the pinned packages, builds and runs the xUnit suite against real HTTP, SQLite and SignalR.
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
dotnet test Locking.slnx --no-restore --logger "console;verbosity=normal" "$@"
