#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests drive for real:
# radclient (freeradius-utils), a FreeRADIUS server (freeradius), Prometheus and promtool (prometheus),
# systemd-analyze (systemd), Python's YAML parser (python3-yaml), and redis-server and redis-cli
# (redis-server, redis-tools; the tests start their own servers, never a system service). Needs the .NET SDK of global.json.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v radclient >/dev/null 2>&1 || missing+=(freeradius-utils)
{ command -v freeradius || [ -x /usr/sbin/freeradius ]; } >/dev/null 2>&1 || missing+=(freeradius)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
{ command -v redis-server || [ -x /usr/bin/redis-server ]; } >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing test dependencies: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test ImeiGuard.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects (the per-project summaries are "total/failed/succeeded/skipped").
passed=$(awk '/^ *succeeded:/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '/^ *failed:/ {s += $2} END {print s + 0}' "$log")
skipped=$(awk '/^ *skipped:/ {s += $2} END {print s + 0}' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
