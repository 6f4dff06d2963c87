#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests drive for real:
# radclient (freeradius-utils), a FreeRADIUS server (freeradius), Prometheus and promtool (prometheus),
# systemd-analyze (systemd), Python's YAML parser (python3-yaml), redis-server and redis-cli
# (redis-server, redis-tools; the tests start their own servers, never a system service) and afl-fuzz (afl++).
# Needs the .NET SDK of global.json.
# After the test projects, each fuzz target runs for IMEIGUARD_FUZZ_SECONDS (default 20) under afl-fuzz;
# a crash or hang fails the run (scripts/fuzz.sh TARGET SECONDS runs one target longer).
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
command -v afl-fuzz >/dev/null 2>&1 || missing+=(afl++)
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

fuzz_failed=0
for target in radius chf pcap; do
  scripts/fuzz.sh "$target" "${IMEIGUARD_FUZZ_SECONDS:-20}" || fuzz_failed=$((fuzz_failed + 1))
done
if ((fuzz_failed)); then
  status=1
fi

# One closing line over all test projects (the per-project summaries are "total/failed/succeeded/skipped");
# a fuzz target that found a crash counts as one failed test.
passed=$(awk '/^ *succeeded:/ {s += $2} END {print s + 0}' "$log")
failed=$(awk -v fuzz="$fuzz_failed" '/^ *failed:/ {s += $2} END {print s + fuzz}' "$log")
skipped=$(awk '/^ *skipped:/ {s += $2} END {print s + 0}' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
