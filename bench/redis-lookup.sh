#!/usr/bin/env bash
# Redis-miss lookups (issue 7): how fast the daemon decides SIMs its near-cache has never seen, next to what
# redis-benchmark gets from the same redis-server with plain pipelined HGETALLs.
#
# Starts its own redis-server (free loopback port, no persistence, own temp dir) and the daemon with
# ImeiGuard:Store=Redis on a cold near-cache, then, for each rate in RATES, drives imeiguard-loadgen for DURATION
# seconds over SIMs no earlier step used (every record a first sight: a miss). Per rate it reports misses decided
# per second, whether all were decided, and the p99 of the store's Redis round-trips (one per fetch batch) and of
# receipt-to-decision (a miss is decided after its fetch), from the histogram deltas of that step. Then
# redis-benchmark HGETALL -P 16 on the same server. Everything on 127.0.0.1; every process it starts is stopped by PID.
#
# Usage: bench/redis-lookup.sh     (RATES, DURATION, RADIUS_PORT, HTTP_PORT, REDIS_PORT through the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${RATES:-${RATE:-"5000 10000 20000 30000 50000"}}
DURATION=${DURATION:-10}
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

# p99 of what histogram NAME counted between BEFORE and AFTER: the upper edge of the first bucket whose cumulative
# delta reaches 99 % of the delta total ("+Inf" when beyond the top bucket).
p99() { awk -v m="$3" 'FNR == 1 { f++ } $1 ~ "^"m"_bucket" { split($1, a, "le=\""); sub(/".*/, "", a[2])
    if (f == 1) b[a[2]] = $2; else { le[n] = a[2]; c[n++] = $2 - b[a[2]] } }
  END { total = c[n - 1]; if (total == 0) { print "-"; exit } for (i = 0; i < n; i++) if (c[i] >= 0.99 * total) { print le[i]; exit } }' "$1" "$2"; }
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

miss='imeiguard_near_cache_lookups_total{result="miss"}'
first=0
printf '%-8s %-9s %-12s %-8s %-14s %-14s\n' rate sent misses/s all roundtrip_p99 decision_p99
for rate in $RATES; do
  curl -s "$METRICS" > "$WORK/before.prom"
  line=$("$LOADGEN" --send "127.0.0.1:$RADIUS_PORT" --rate "$rate" --duration "$DURATION" --first "$first" --subscribers $((first + rate * DURATION + 1)) --secret testing123)
  sent=$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "sent" {print $2}')
  first=$((first + sent))
  sleep 3 # let the last fetch batches drain
  curl -s "$METRICS" > "$WORK/after.prom"
  misses=$(( $(value "$WORK/after.prom" "$miss" | cut -d. -f1) - $(value "$WORK/before.prom" "$miss" | cut -d. -f1) ))
  decided=$(awk '$1 ~ /^imeiguard_verdicts_total/ {s += $2} END {printf "%.0f", s}' "$WORK/after.prom")
  decided=$((decided - $(awk '$1 ~ /^imeiguard_verdicts_total/ {s += $2} END {printf "%.0f", s}' "$WORK/before.prom")))
  printf '%-8s %-9s %-12s %-8s %-14s %-14s\n' "$rate" "$sent" "$((misses / DURATION))" "$([ "$decided" -ge "$sent" ] && echo yes || echo no)" \
    "$(p99 "$WORK/before.prom" "$WORK/after.prom" imeiguard_redis_roundtrip_seconds)" \
    "$(p99 "$WORK/before.prom" "$WORK/after.prom" imeiguard_decision_duration_seconds)"
done
echo "redis-benchmark, HGETALL pipelined by 16 on the same server:"
redis-benchmark -p "$REDIS_PORT" -n 500000 -P 16 -q hgetall 'imeiguard:{262010000000001}:b'
