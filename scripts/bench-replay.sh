#!/usr/bin/env bash
# Replay side by side (issue 8): the same generated captures (100k and 1M Accounting-Requests) read by
#   - imeiguard replay FILE --data-dir STORE: the product's backtest (capture reader, parser, authenticator checks
#     when a secret is given, the daemon's enforcer) against a store seeded with the generator's bindings
#     (50% of the SIMs LOCKED to their own device), with and without --secret
#   - imeiguard replay FILE --json: every packet decoded and printed (the closest to tshark -T fields)
#   - ImeiGuard.Benchmarks capture-decide: the parser + enforcer core over the file in memory, no I/O pipeline
#   - radsniff -l 3GPP-IMSI,3GPP-IMEISV,3GPP-User-Location-Info (freeradius-utils)
#   - tshark -T fields (IMSI, IMEISV, ULI type and TAC)
# each pinned to one core (taskset -c $CORE), timed with hyperfine (RUNS runs, medians). Output to /dev/null.
# radsniff exits 1 on a capture of requests without responses (it reports them as unanswered/reused), after
# decoding every packet; its exit status is therefore ignored.
#
#   scripts/bench-replay.sh                      SIZES="100000 1000000" RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
CORE=${CORE:-1}
SECRET=${SECRET:-testing123}
WORK=${WORK:-$(mktemp -d /tmp/imeiguard-replay.XXXXXX)}
mkdir -p "$WORK"
BENCH=$(pwd)/bench/ImeiGuard.Benchmarks/bin/Release/net10.0/ImeiGuard.Benchmarks
LOADGEN=$(pwd)/bench/ImeiGuard.LoadGen/bin/Release/net10.0/imeiguard-loadgen
DAEMON=$(pwd)/src/ImeiGuard.Daemon/bin/Release/net10.0/imeiguard
# The seeded store lives on tmpfs: seeding writes one transaction per binding.
STORE=${STORE:-/dev/shm/imeiguard-replay-store.$$}
trap 'rm -rf "$STORE"' EXIT

for tool in hyperfine tshark radsniff taskset jq; do
  command -v "$tool" > /dev/null || { echo "missing $tool (apt-get install hyperfine tshark freeradius-utils)"; exit 1; }
done

dotnet build -c Release bench/ImeiGuard.Benchmarks -nologo -v q > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build -c Release bench/ImeiGuard.LoadGen -nologo -v q >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build -c Release src/ImeiGuard.Daemon -nologo -v q >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
"$BENCH" seed-store "$STORE" --subscribers 100000 --bindings-percent 50 >&2

echo "Replay side by side, pinned to CPU $CORE, $RUNS runs each (hyperfine); files in $WORK"
printf '%-10s %-34s %10s %12s %12s\n' packets tool median_s packets/s vs_radsniff
for n in $SIZES; do
  pcap=$WORK/loadgen-$n.pcap
  [ -f "$pcap" ] || "$LOADGEN" --pcap "$pcap" --count "$n" --subscribers 100000 > /dev/null
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/replay-$n.json" \
    -n imeiguard-replay "taskset -c $CORE $DAEMON replay $pcap --data-dir $STORE" \
    -n imeiguard-replay-verify "taskset -c $CORE $DAEMON replay $pcap --data-dir $STORE --secret 127.0.0.1=$SECRET" \
    -n imeiguard-replay-json "taskset -c $CORE $DAEMON replay $pcap --json" \
    -n capture-decide "taskset -c $CORE $BENCH capture-decide $pcap" \
    -n capture-decide-verify "taskset -c $CORE $BENCH capture-decide $pcap --verify $SECRET" \
    -n radsniff "taskset -c $CORE sh -c 'radsniff -I $pcap -p 1813 -s $SECRET -q -l 3GPP-IMSI,3GPP-IMEISV,3GPP-User-Location-Info || true'" \
    -n tshark "taskset -c $CORE tshark -r $pcap -d udp.port==1813,radius -T fields -e radius.code -e radius.Acct_Status_Type -e e212.imsi -e radius.3GPP_IMEISV -e gtpv2.glt -e gtpv2.tai_tac" \
    > "$WORK/hyperfine-$n.log" 2>&1
  jq -r --arg n "$n" '
    (.results[] | select(.command == "radsniff") | .median) as $r
    | .results[] | [$n, .command, .median, ($n | tonumber) / .median, $r / .median] | @tsv' "$WORK/replay-$n.json" |
    awk -F'\t' '{printf "%-10s %-34s %10.3f %12.0f %11.1fx\n", $1, $2, $3, $4, $5}'
  # The pass alone (no start-up, file read or table load), as capture-decide reports it.
  for i in $(seq 1 "$RUNS"); do taskset -c "$CORE" "$BENCH" capture-decide "$pcap"; done |
    awk -v n="$n" '{for (i = 1; i <= NF; i++) if ($i ~ /^pass_rate=/) { split($i, kv, "="); r[++k] = kv[2] } }
      END { for (x = 1; x <= k; x++) for (y = x + 1; y <= k; y++) if (r[y] < r[x]) { t = r[x]; r[x] = r[y]; r[y] = t }
            printf "%-10s %-34s %10s %12.0f\n", n, "capture-decide (pass only)", "-", (k % 2 ? r[(k + 1) / 2] : (r[k / 2] + r[k / 2 + 1]) / 2) }'
done
