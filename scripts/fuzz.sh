#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser for a bounded time:  scripts/fuzz.sh TARGET SECONDS
#   TARGET: radius (Accounting-Request parser), chf (ChargingDataRequest reader), pcap (pcap/pcapng reader)
# Builds tests/ImeiGuard.Fuzz, instruments ImeiGuard.Protocols.dll with SharpFuzz (the dotnet tool in
# .config/dotnet-tools.json), seeds from the shared corpus and runs afl-fuzz (Debian package afl++).
# Findings stay in artifacts/fuzz/TARGET/out until the next run of that target. Exit 1 when a crash or hang was found.
# A longer run is the same command with more seconds, e.g. scripts/fuzz.sh radius 3600.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh radius|chf|pcap SECONDS}
seconds=${2:?usage: scripts/fuzz.sh radius|chf|pcap SECONDS}
corpus=${IMEIGUARD_CORPUS:-../shared/corpus}

if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing afl++"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++
fi

work="artifacts/fuzz/$target"
build="artifacts/fuzz/build"
rm -rf "$work"
mkdir -p "$work"
dotnet build tests/ImeiGuard.Fuzz -c Release -o "$build" -v quiet -nologo >/dev/null
dotnet tool restore >/dev/null
# Instrument a copy, so a later build never mixes instrumented and plain assemblies.
cp -r "$build" "$work/bin"
dotnet tool run sharpfuzz "$work/bin/ImeiGuard.Protocols.dll" >/dev/null
dotnet "$build/imeiguard-fuzz.dll" seed "$target" "$corpus" "$work/in"

# The target is a managed program that speaks the fork-server protocol itself (SharpFuzz), so afl-fuzz's
# binary check is skipped; the runtime starts slowly, hence the long fork-server start timeout.
# -t 2000: generous per input (a parse takes microseconds), so a loaded 2-core machine reports no false hangs.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
       AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FORKSRV_INIT_TMOUT=60000
dictionary=()
[ -f "tests/ImeiGuard.Fuzz/Dictionaries/$target.dict" ] && dictionary=(-x "tests/ImeiGuard.Fuzz/Dictionaries/$target.dict")
status=0
timeout --kill-after=30 $((seconds + 120)) \
  afl-fuzz -V "$seconds" -t 2000 -m none "${dictionary[@]}" -i "$work/in" -o "$work/out" -- \
  dotnet "$work/bin/imeiguard-fuzz.dll" "$target" >"$work/afl.log" 2>&1 || status=$?

stats="$work/out/default/fuzzer_stats"
if [ "$status" -ne 0 ] || [ ! -f "$stats" ]; then
  tail -n 30 "$work/afl.log"
  echo "fuzz $target: afl-fuzz failed (exit $status); log in $work/afl.log"
  exit 1
fi

stat() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
execs=$(stat execs_done)
crashes=$(stat saved_crashes)
hangs=$(stat saved_hangs)
echo "fuzz $target: ${execs} execs in $(stat run_time) s, $(stat corpus_count) paths, ${crashes} crashes, ${hangs} hangs"
if [ "${crashes:-0}" -gt 0 ] || [ "${hangs:-0}" -gt 0 ]; then
  ls "$work/out/default/crashes" "$work/out/default/hangs"
  echo "Reproduce (uninstrumented build): dotnet $build/imeiguard-fuzz.dll $target < $work/out/default/crashes/FILE"
  exit 1
fi
