#!/usr/bin/env bash
# Managed allocation per packet on the live path (issue 8): what the garbage collector has to clean up, and how many
# gen-2 collections that costs, measured on the running daemon rather than in a micro-benchmark.
#
# Seeds a store as scripts/bench-e2e.sh does (100,000 subscribers, half LOCKED), starts the daemon on loopback with the
# same settings, and drives imeiguard-loadgen at RATE for DURATION seconds, twice: the first pass includes what
# happens once per SIM (first sightings written, sessions and learned identities created), the second is steady
# state. For each pass it prints bytes allocated per packet (system_runtime_dotnet_gc_heap_total_allocated) and the
# collections by generation. Everything on 127.0.0.1; the daemon it starts is stopped by PID.
#
# Usage: bench/allocation-per-packet.sh     (RATE, DURATION, RADIUS_PORT, HTTP_PORT through the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-50000}
DURATION=${DURATION:-8}
RADIUS_PORT=${RADIUS_PORT:-21833}
HTTP_PORT=${HTTP_PORT:-28095}
WORK=$(mktemp -d /tmp/imeiguard-alloc.XXXXXX)
DAEMON=src/ImeiGuard.Daemon/bin/Release/net10.0/imeiguard
LOADGEN=bench/ImeiGuard.LoadGen/bin/Release/net10.0/imeiguard-loadgen
DAEMON_PID=""
trap '[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

dotnet build -c Release src/ImeiGuard.Daemon -nologo -v q > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build -c Release bench/ImeiGuard.LoadGen -nologo -v q >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
mkdir -p "$WORK/data"
"$LOADGEN" --seed-db "$WORK/data/imeiguard.db" --subscribers 100000 --locked-percent 50 > /dev/null
# As in bench-e2e.sh: the generator resends pre-built packets with a fixed time base, so duplicate detection and the
# replay window are off, or records would be answered without a decision.
"$DAEMON" --ImeiGuard:Radius:Port="$RADIUS_PORT" --ImeiGuard:Radius:BindAddress=127.0.0.1 \
  --ImeiGuard:Radius:DuplicateWindow=00:00:00 --ImeiGuard:Radius:MaxEventAge=00:00:00 \
  --Urls="http://127.0.0.1:$HTTP_PORT" --ImeiGuard:DataDirectory="$WORK/data" > "$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 150); do curl -sf --max-time 1 "http://127.0.0.1:$HTTP_PORT/readyz" > /dev/null && break; sleep 0.2; done

# allocated-bytes gen0 gen1 gen2
snapshot() {
  curl -s "http://127.0.0.1:$HTTP_PORT/metrics" | awk '
    /^system_runtime_dotnet_gc_heap_total_allocated / { a = $2 }
    /^dotnet_collection_count_total\{generation="0"\}/ { g0 = $2 }
    /^dotnet_collection_count_total\{generation="1"\}/ { g1 = $2 }
    /^dotnet_collection_count_total\{generation="2"\}/ { g2 = $2 }
    END { printf "%.0f %d %d %d\n", a, g0, g1, g2 }'
}

before=$(snapshot)
for pass in first steady; do
  sent=$("$LOADGEN" --send "127.0.0.1:$RADIUS_PORT" --rate "$RATE" --duration "$DURATION" --first 0 --subscribers 100000 --secret testing123 |
    tr ' ' '\n' | awk -F= '$1 == "sent" { print $2 }')
  sleep 6 # one flush interval and a little: what the pass caused is counted in it
  after=$(snapshot)
  echo "$pass $sent $before $after" | awk -v rate="$RATE" '{
    printf "%-7s rate %d/s  packets %d  allocated %.0f B/packet  collections gen0 %d gen1 %d gen2 %d\n",
      $1, rate, $2, ($7 - $3) / $2, $8 - $4, $9 - $5, $10 - $6 }'
  before=$after
done
