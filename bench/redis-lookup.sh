#!/usr/bin/env bash
# Redis-miss lookups (issue 7): how fast the daemon decides SIMs its near-cache has never seen, next to what
# redis-benchmark gets from the same redis-server with plain pipelined HGETALLs.
#
# Starts its own redis-server (free loopback port, no persistence, own temp dir) and the daemon with
# ImeiGuard:Store=Redis on a cold near-cache, then drives imeiguard-loadgen at RATE for DURATION seconds over
# SUBSCRIBERS distinct SIMs (keep RATE*DURATION <= SUBSCRIBERS so every record is a first sight: a miss). Reports
# misses/s, the p99 of the store's Redis round-trips (one per fetch batch) and of receipt-to-hand-off, then
# redis-benchmark HGETALL -P 16 on the same server. Everything on 127.0.0.1; every process it starts is stopped by PID.
#
# Usage: bench/redis-lookup.sh     (RATE, DURATION, SUBSCRIBERS, RADIUS_PORT, HTTP_PORT, REDIS_PORT through the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-50000}
DURATION=${DURATION:-10}
SUBSCRIBERS=${SUBSCRIBERS:-1000000}
RADIUS_PORT=${RADIUS_PORT:-21823}
HTTP_PORT=${HTTP_PORT:-28090}
REDIS_PORT=${REDIS_PORT:-26390}
WORK=$(mktemp -d /tmp/imeiguard-redis-lookup.XXXXXX)
DAEMON=src/ImeiGuard.Daemon/bin/Release/net10.0/imeiguard
LOADGEN=bench/ImeiGuard.LoadGen/bin/Release/net10.0/imeiguard-loadgen
METRICS=http://127.0.0.1:$HTTP_PORT/metrics
REDIS_PID="" DAEMON_PID=""

stop() { [ -n "$1" ] && kill "$1" 2>/dev/null && for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; [ -n "$1" ] && kill -9 "$1" 2>/dev/null || true; }
trap 'stop "$DAEMON_PID"; stop "$REDIS_PID"; rm -rf "$WORK"' EXIT

# p99 from a Prometheus histogram in FILE: the first bucket whose cumulative count reaches 99 % of the total.
p99() { awk -v m="$2" '$1 ~ "^"m"_bucket" { split($1, a, "le=\""); sub(/".*/, "", a[2]); le[n] = a[2]; c[n++] = $2 }
  $1 == m"_count" { total = $2 } END { for (i = 0; i < n; i++) if (c[i] >= 0.99 * total) { print le[i]; exit } }' "$1"; }
value() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

dotnet build -c Release src/ImeiGuard.Daemon -nologo -v q > "$WORK/build.log" && dotnet build -c Release bench/ImeiGuard.LoadGen -nologo -v q >> "$WORK/build.log" \
  || { cat "$WORK/build.log"; exit 1; }
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done

"$DAEMON" --ImeiGuard:Store=Redis --ImeiGuard:Redis:Configuration="127.0.0.1:$REDIS_PORT" --ImeiGuard:Redis:InstanceName=bench \
  --ImeiGuard:Radius:Port="$RADIUS_PORT" --ImeiGuard:Radius:BindAddress=127.0.0.1 --Urls="http://127.0.0.1:$HTTP_PORT" \
  --ImeiGuard:DataDirectory="$WORK/data" --ImeiGuard:Radius:MaxEventAge=00:00:00 > "$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 150); do curl -sf --max-time 1 "http://127.0.0.1:$HTTP_PORT/readyz" > /dev/null && break; sleep 0.2; done

curl -s "$METRICS" > "$WORK/before.prom"
"$LOADGEN" --send "127.0.0.1:$RADIUS_PORT" --rate "$RATE" --duration "$DURATION" --subscribers "$SUBSCRIBERS" --secret testing123
sleep 2 # let the last fetch batches drain
curl -s "$METRICS" > "$WORK/after.prom"
miss='imeiguard_near_cache_lookups_total{result="miss"}'
misses=$(( $(value "$WORK/after.prom" "$miss" | cut -d. -f1) - $(value "$WORK/before.prom" "$miss" | cut -d. -f1) ))
echo "imeiguard: $misses near-cache misses in ${DURATION} s = $((misses / DURATION)) misses/s;" \
  "Redis round-trip p99 <= $(p99 "$WORK/after.prom" imeiguard_redis_roundtrip_seconds) s;" \
  "receipt-to-hand-off p99 (a miss is decided after its fetch) <= $(p99 "$WORK/after.prom" imeiguard_decision_duration_seconds) s"
echo "redis-benchmark, HGETALL pipelined by 16 on the same server:"
redis-benchmark -p "$REDIS_PORT" -n 500000 -P 16 -q hgetall 'imeiguard:{262010000000001}:b'
