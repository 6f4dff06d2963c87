#!/usr/bin/env bash
# End-to-end UDP benchmark (issue 8): ImeiGuard against the machine's own limit, on loopback.
#
# Builds Release, seeds a database (LOCKED_PERCENT of SUBSCRIBERS locked to their devices), starts the daemon
# on its own ports and drives it with imeiguard-loadgen at rising rates (STEP_SECONDS each). For every step it
# reports: packets sent, received by the socket, decided, dropped (socket and queue), loss, decision latency
# p50/p99/p99.9 (from the daemon's histogram), and the daemon's CPU seconds per million packets. Then it drives
# the C recvmmsg receiver (bench/c/recvmmsg_sink.c) at the same rates for the machine's limit, and prints
# ImeiGuard's highest zero-loss rate as a fraction of the receiver's. RUNS sweeps; medians at the end.
#
# Everything goes to 127.0.0.1, every load run is bounded by --duration, and every process this script starts
# is stopped by its PID (on exit too). Before each step it waits (at most QUIET_WAIT s) until the rest of the
# machine is quiet (busy below MAX_BUSY percent over one second), and it records how busy the machine was.
#
# Usage: scripts/bench-e2e.sh            (settings through the environment, defaults below)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

RATES=${RATES:-"20000 50000 100000 150000 200000 300000 max"}
STEP_SECONDS=${STEP_SECONDS:-5}
RUNS=${RUNS:-3}
SUBSCRIBERS=${SUBSCRIBERS:-100000}
LOCKED_PERCENT=${LOCKED_PERCENT:-50}
SECRET=${SECRET:-testing123}
RADIUS_PORT=${RADIUS_PORT:-21813}
HTTP_PORT=${HTTP_PORT:-28080}
SINK_PORT=${SINK_PORT:-21814}
DAEMON_ARGS=${DAEMON_ARGS:-}          # extra daemon settings, e.g. --ImeiGuard:Radius:SendResponses=false
LOADGEN_ARGS=${LOADGEN_ARGS:-}        # extra generator settings, e.g. --flows 4
MAX_BUSY=${MAX_BUSY:-15}              # percent of all CPUs that others may use before a step starts
QUIET_WAIT=${QUIET_WAIT:-120}
WORK=${WORK:-$(mktemp -d /tmp/imeiguard-e2e.XXXXXX)}
mkdir -p "$WORK"
RESULTS=${RESULTS:-$WORK/results.tsv}
SKIP_BUILD=${SKIP_BUILD:-0}

DAEMON=$ROOT/src/ImeiGuard.Daemon/bin/Release/net10.0/imeiguard
LOADGEN=$ROOT/bench/ImeiGuard.LoadGen/bin/Release/net10.0/imeiguard-loadgen
SINK=$WORK/recvmmsg_sink
METRICS=http://127.0.0.1:$HTTP_PORT/metrics
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)

DAEMON_PID=""
SINK_PID=""
LOADGEN_PID=""

stop_pid() { # stop_pid PID SECONDS: SIGTERM, then SIGKILL after SECONDS
  local pid=$1 wait=${2:-10}
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$LOADGEN_PID" 2
  stop_pid "$SINK_PID" 2
  stop_pid "$DAEMON_PID" 15
}
trap cleanup EXIT INT TERM

log() { echo "[bench-e2e] $*" >&2; }

port_in_use() { ss -Hlnu "sport = :$1" | grep -q . || ss -Hlnt "sport = :$1" | grep -q .; }

cpu_busy_jiffies() { awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }

busy_percent() { # busy share of all CPUs over one second
  local a b
  a=$(cpu_busy_jiffies); sleep 1; b=$(cpu_busy_jiffies)
  echo "$a $b" | awk '{printf "%.0f", (($4 - $2) > 0 ? 100 * ($3 - $1) / ($4 - $2) : 0)}'
}

wait_quiet() {
  local waited=0 busy
  busy=$(busy_percent)
  while [ "$busy" -gt "$MAX_BUSY" ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
    log "machine busy (${busy}% of ${NCPU} CPUs used by others); waiting"
    sleep 4; waited=$((waited + 5)); busy=$(busy_percent)
  done
  echo "$busy"
}

proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

udp_drops() { # the drops column of /proc/net/udp for 127.0.0.1:PORT
  local hex
  hex=$(printf '0100007F:%04X' "$1")
  awk -v a="$hex" '$2 == a {print $NF; found=1} END {if (!found) print 0}' /proc/net/udp
}

scrape() { curl -sf --max-time 3 "$METRICS" > "$1" || : > "$1"; }

metric() { # metric FILE NAME_WITH_LABELS -> value (0 when absent)
  awk -v m="$2" '$1 == m {print $2; found=1} END {if (!found) print 0}' "$1"
}

verdicts() { awk '$1 ~ /^imeiguard_verdicts_total\{/ {s += $2} END {printf "%.0f", s}' "$1"; }

percentiles() { # percentiles BEFORE AFTER -> "p50 p99 p999" in microseconds from the histogram bucket deltas
  awk '
    FNR == 1 { file++ }
    $1 ~ /^imeiguard_decision_duration_seconds_bucket\{le="/ {
      le = $1; sub(/.*le="/, "", le); sub(/".*/, "", le)
      if (file == 1) before[le] = $2; else { after[le] = $2; order[++n] = le }
    }
    END {
      total = after["+Inf"] - before["+Inf"]
      split("0.5 0.99 0.999", qs, " ")
      for (q = 1; q <= 3; q++) {
        want = qs[q] * total; prev_le = 0; prev_c = 0; out = "-"
        for (i = 1; i <= n && total > 0; i++) {
          le = order[i]; c = after[le] - before[le]
          if (c >= want) {
            if (le == "+Inf") { out = ">" prev_le * 1e6; break }
            frac = (c > prev_c) ? (want - prev_c) / (c - prev_c) : 1
            out = sprintf("%.0f", (prev_le + frac * (le - prev_le)) * 1e6); break
          }
          prev_le = le; prev_c = c
        }
        printf "%s%s", out, (q < 3 ? " " : "\n")
      }
    }' "$1" "$2"
}

wait_drained() { # until the decision count stops moving (1 s), at most 30 s
  local last=-1 same=0 now file=$WORK/drain.prom
  for _ in $(seq 1 120); do
    scrape "$file"; now=$(verdicts "$file")
    if [ "$now" = "$last" ]; then same=$((same + 1)); [ "$same" -ge 4 ] && return 0; else same=0; fi
    last=$now; sleep 0.25
  done
}

run_loadgen() { # run_loadgen PORT RATE FIRST -> the generator's summary line
  local out=$WORK/loadgen.out
  # shellcheck disable=SC2086
  "$LOADGEN" --send "127.0.0.1:$1" --rate "$2" --duration "$STEP_SECONDS" --first "$3" \
    --subscribers "$SUBSCRIBERS" --secret "$SECRET" $LOADGEN_ARGS > "$out" 2>&1 &
  LOADGEN_PID=$!
  wait "$LOADGEN_PID" || true
  LOADGEN_PID=""
  cat "$out"
}

field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

start_daemon() {
  local data=$WORK/data-$1
  rm -rf "$data"; mkdir -p "$data"
  "$LOADGEN" --seed-db "$data/imeiguard.db" --subscribers "$SUBSCRIBERS" --locked-percent "$LOCKED_PERCENT" >&2
  # The load generator resends a pool of pre-built packets, which duplicate detection would answer without
  # deciding; it is off here so every packet costs a full decision. Its Event-Timestamps are a fixed time base, so
  # the replay window (MaxEventAge) is off too, or every record would be dropped as stale.
  # shellcheck disable=SC2086
  "$DAEMON" --ImeiGuard:Radius:Port="$RADIUS_PORT" --ImeiGuard:Radius:BindAddress=127.0.0.1 \
    --ImeiGuard:Radius:DuplicateWindow=00:00:00 --ImeiGuard:Radius:MaxEventAge=00:00:00 \
    --Urls="http://127.0.0.1:$HTTP_PORT" --ImeiGuard:DataDirectory="$data" $DAEMON_ARGS > "$WORK/daemon-$1.log" 2>&1 &
  DAEMON_PID=$!
  for _ in $(seq 1 150); do
    curl -sf --max-time 1 "http://127.0.0.1:$HTTP_PORT/readyz" > /dev/null && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$WORK/daemon-$1.log" >&2; return 1; }
    sleep 0.2
  done
  log "daemon not ready after 30 s"; return 1
}

measure_daemon_step() { # measure_daemon_step RUN RATE FIRST -> appends one row, echoes packets sent
  local run=$1 rate=$2 first=$3 before=$WORK/before.prom after=$WORK/after.prom quiet line
  quiet=$(wait_quiet)
  scrape "$before"
  local drops0 ticks0 busy0
  drops0=$(udp_drops "$RADIUS_PORT"); ticks0=$(proc_cpu_ticks "$DAEMON_PID"); busy0=$(cpu_busy_jiffies)
  line=$(run_loadgen "$RADIUS_PORT" "$rate" "$first")
  wait_drained
  scrape "$after"
  local drops1 ticks1 busy1
  drops1=$(udp_drops "$RADIUS_PORT"); ticks1=$(proc_cpu_ticks "$DAEMON_PID"); busy1=$(cpu_busy_jiffies)
  local sent secs gen_cpu received accepted decided qdrops pct
  sent=$(field "$line" sent); secs=$(field "$line" seconds); gen_cpu=$(field "$line" cpu_seconds)
  received=$(awk -v a="$(metric "$before" imeiguard_ingest_datagrams_received_total)" -v b="$(metric "$after" imeiguard_ingest_datagrams_received_total)" 'BEGIN {printf "%.0f", b - a}')
  accepted=$(awk -v a="$(metric "$before" imeiguard_radius_accounting_requests_total)" -v b="$(metric "$after" imeiguard_radius_accounting_requests_total)" 'BEGIN {printf "%.0f", b - a}')
  decided=$(awk -v a="$(verdicts "$before")" -v b="$(verdicts "$after")" 'BEGIN {printf "%.0f", b - a}')
  qdrops=$(awk -v a="$(metric "$before" 'imeiguard_ingest_dropped_total{reason="queue_full"}')" -v b="$(metric "$after" 'imeiguard_ingest_dropped_total{reason="queue_full"}')" 'BEGIN {printf "%.0f", b - a}')
  pct=$(percentiles "$before" "$after")
  echo "$run imeiguard $rate $sent $secs $received $accepted $decided $qdrops $((drops1 - drops0)) $pct $((ticks1 - ticks0)) $gen_cpu $quiet $busy0 $busy1" |
    awk -v tck="$CLK_TCK" -v ncpu="$NCPU" '{
      sent = $4; secs = $5; decided = $8; sockd = $10; qd = $9
      loss = sent > 0 ? 100 * (sent - decided) / sent : 0
      cpu = $14 / tck; permil = decided > 0 ? cpu / (decided / 1e6) : 0
      split($17 " " $18 " " $19 " " $20, j, " ")
      busy = (j[4] - j[2]) > 0 ? 100 * (j[3] - j[1]) / (j[4] - j[2]) : 0
      zero = (sent > 0 && decided == sent && sockd == 0 && qd == 0) ? "yes" : "no"
      printf "%s\t%s\t%s\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%.3f\t%s\t%s\t%s\t%.2f\t%s\t%s\t%.0f\t%s\n",
        $1, $2, $3, sent, (secs > 0 ? sent / secs : 0), $6, $7, decided, qd, sockd, loss, $11, $12, $13, permil, $15, $16, busy, zero
    }' >> "$RESULTS"
  echo "$sent"
}

measure_sink_step() { # measure_sink_step RUN RATE
  local run=$1 rate=$2 quiet line out=$WORK/sink.out err=$WORK/sink.err
  quiet=$(wait_quiet)
  "$SINK" "$SINK_PORT" $((STEP_SECONDS + 10)) 1000 > "$out" 2> "$err" &
  SINK_PID=$!
  for _ in $(seq 1 50); do grep -q listening "$err" 2>/dev/null && break; sleep 0.1; done
  local busy0 busy1
  busy0=$(cpu_busy_jiffies)
  line=$(run_loadgen "$SINK_PORT" "$rate" 0)
  busy1=$(cpu_busy_jiffies)
  for _ in $(seq 1 $(((STEP_SECONDS + 12) * 10))); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
  stop_pid "$SINK_PID" 2; SINK_PID=""
  local sent secs gen_cpu received drops
  sent=$(field "$line" sent); secs=$(field "$line" seconds); gen_cpu=$(field "$line" cpu_seconds)
  received=$(field "$(cat "$out")" received); drops=$(field "$(cat "$out")" drops)
  echo "$run c-recvmmsg $rate $sent $secs ${received:-0} ${drops:-0} $gen_cpu $quiet $busy0 $busy1" |
    awk '{
      sent = $4; secs = $5; rec = $6; d = $7
      loss = sent > 0 ? 100 * (sent - rec) / sent : 0
      split($10 " " $11 " " $12 " " $13, j, " ")
      busy = (j[4] - j[2]) > 0 ? 100 * (j[3] - j[1]) / (j[4] - j[2]) : 0
      zero = (sent > 0 && rec == sent && d == 0) ? "yes" : "no"
      printf "%s\t%s\t%s\t%d\t%.0f\t%d\t%d\t%d\t0\t%d\t%.3f\t-\t-\t-\t-\t%s\t%s\t%.0f\t%s\n",
        $1, $2, $3, sent, (secs > 0 ? sent / secs : 0), rec, rec, rec, d, loss, $8, $9, busy, zero
    }' >> "$RESULTS"
}

# --- build -------------------------------------------------------------------------------------------------
for p in "$RADIUS_PORT" "$HTTP_PORT" "$SINK_PORT"; do
  if port_in_use "$p"; then log "port $p is in use; set RADIUS_PORT/HTTP_PORT/SINK_PORT"; exit 1; fi
done
if [ "$SKIP_BUILD" != 1 ]; then
  log "building Release (daemon, load generator)"
  dotnet build -c Release src/ImeiGuard.Daemon -nologo -v q > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  dotnet build -c Release bench/ImeiGuard.LoadGen -nologo -v q >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
gcc -O2 -Wall -o "$SINK" bench/c/recvmmsg_sink.c

{
  echo "# bench-e2e $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) CPUs, $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo), kernel $(uname -r), .NET $(dotnet --version)"
  echo "# RATES='$RATES' STEP_SECONDS=$STEP_SECONDS SUBSCRIBERS=$SUBSCRIBERS LOCKED_PERCENT=$LOCKED_PERCENT DAEMON_ARGS='$DAEMON_ARGS' LOADGEN_ARGS='$LOADGEN_ARGS' rmem_max=$(cat /proc/sys/net/core/rmem_max)"
  printf 'run\ttarget\trate\tsent\tsent_pps\treceived\taccepted\tdecided\tqueue_drops\tsocket_drops\tloss_pct\tp50_us\tp99_us\tp999_us\tcpu_s_per_M\tgen_cpu_s\tidle_check_busy_pct\tbusy_pct\tzero_loss\n'
} > "$RESULTS"

# --- sweeps ------------------------------------------------------------------------------------------------
for run in $(seq 1 "$RUNS"); do
  log "run $run/$RUNS: daemon"
  start_daemon "$run"
  first=0
  # Warm-up (not measured): JIT, session and identifier tables, one sighting flush.
  run_loadgen "$RADIUS_PORT" 20000 0 > /dev/null; first=$((first + 20000 * STEP_SECONDS)); wait_drained; sleep 2
  for rate in $RATES; do
    sent=$(measure_daemon_step "$run" "$rate" "$first")
    first=$((first + sent))
    tail -1 "$RESULTS" | awk -F'\t' '{printf "  imeiguard %8s: sent %9d (%7d/s) decided %9d drops sock %7d queue %7d loss %6.2f%% p50/p99/p99.9 %s/%s/%s us  %s cpu-s/M\n", $3, $4, $5, $8, $10, $9, $11, $12, $13, $14, $15}' >&2
  done
  stop_pid "$DAEMON_PID" 15; DAEMON_PID=""

  log "run $run/$RUNS: C recvmmsg receiver"
  for rate in $RATES; do
    measure_sink_step "$run" "$rate"
    tail -1 "$RESULTS" | awk -F'\t' '{printf "  c-recvmmsg %7s: sent %9d (%7d/s) received %9d drops %7d loss %6.2f%%\n", $3, $4, $5, $6, $10, $11}' >&2
  done
done

# --- summary -----------------------------------------------------------------------------------------------
echo
echo "Results: $RESULTS"
echo
echo "Medians over $RUNS run(s), per requested rate:"
awk -F'\t' '
  /^#/ || $1 == "run" { next }
  { key = $2 SUBSEP $3; if (!(key in seen)) { seen[key] = 1; keys[++nk] = key }
    for (c = 4; c <= 18; c++) vals[key, c, ++cnt[key, c]] = $c
    zeros[key] += ($19 == "yes") }
  function median(key, c,   n, i, j, t, a) {
    n = cnt[key, c]; for (i = 1; i <= n; i++) a[i] = vals[key, c, i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "%-11s %8s %10s %9s %10s %10s %9s %8s %8s %8s %8s %9s %7s %s\n", "target", "rate", "sent/s", "sent", "decided", "sock_drop", "q_drop", "loss%", "p50us", "p99us", "p999us", "cpu-s/M", "busy%", "zero-loss runs"
    for (k = 1; k <= nk; k++) { split(keys[k], p, SUBSEP); key = keys[k]
      printf "%-11s %8s %10.0f %9.0f %10.0f %10.0f %9.0f %8.3f %8s %8s %8s %9s %7.0f %d/%d\n", p[1], p[2], median(key, 5), median(key, 4), median(key, 8),
        median(key, 10), median(key, 9), median(key, 11), median(key, 12), median(key, 13), median(key, 14), median(key, 15), median(key, 18), zeros[key], cnt[key, 4] }
  }' "$RESULTS"

echo
echo "Highest zero-loss rate per run (achieved sent/s), and ImeiGuard as a fraction of the C receiver:"
awk -F'\t' '
  /^#/ || $1 == "run" { next }
  $19 == "yes" && $5 + 0 > best[$1, $2] + 0 { best[$1, $2] = $5; p99[$1, $2] = $13 }
  { runs[$1] = 1 }
  END {
    n = 0
    for (r in runs) {
      ig = best[r, "imeiguard"] + 0; c = best[r, "c-recvmmsg"] + 0
      f = c > 0 ? ig / c : 0; fr[++n] = f; igs[n] = ig; cs[n] = c
      printf "  run %s: imeiguard %8.0f/s (p99 %s us)  c-recvmmsg %8.0f/s  fraction %.2f\n", r, ig, (ig > 0 ? p99[r, "imeiguard"] : "-"), c, f
    }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
      if (fr[j] < fr[i]) { t = fr[i]; fr[i] = fr[j]; fr[j] = t }
      if (igs[j] < igs[i]) { t = igs[i]; igs[i] = igs[j]; igs[j] = t }
      if (cs[j] < cs[i]) { t = cs[i]; cs[i] = cs[j]; cs[j] = t } }
    m = (n + 1) / 2
    if (n % 2) printf "  median: imeiguard %.0f/s  c-recvmmsg %.0f/s  fraction %.2f (target >= 0.6)\n", igs[m], cs[m], fr[m]
    else printf "  median: imeiguard %.0f/s  c-recvmmsg %.0f/s  fraction %.2f (target >= 0.6)\n", (igs[n/2] + igs[n/2+1]) / 2, (cs[n/2] + cs[n/2+1]) / 2, (fr[n/2] + fr[n/2+1]) / 2
  }' "$RESULTS"
