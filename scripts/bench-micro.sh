#!/usr/bin/env bash
# BenchmarkDotNet suites (issue 8), RUNS times, with medians; then the measured memory per SIM of the tables.
#
#   scripts/bench-micro.sh                      every suite, --job short, 3 runs, then memory at 10M SIMs
#   FILTER='*Radius*' RUNS=1 scripts/bench-micro.sh
#   FILTER='*UserLocation* *ChfRecordReader*' scripts/bench-micro.sh   several patterns, space-separated
#   MEMORY_SIMS=0 scripts/bench-micro.sh        skip the memory measurement
#
# The suites are not part of the test command (CI time); tests/ImeiGuard.Benchmarks.Tests smoke-runs each of them.
# BenchmarkDotNet must start in the repository (it looks for the project from the current directory).
set -euo pipefail
cd "$(dirname "$0")/.."

FILTER=${FILTER:-*}
JOB=${JOB:-short}
RUNS=${RUNS:-3}
MEMORY_SIMS=${MEMORY_SIMS:-10000000}
WORK=${WORK:-$(mktemp -d /tmp/imeiguard-micro.XXXXXX)}
mkdir -p "$WORK"
BENCH=bench/ImeiGuard.Benchmarks/bin/Release/net10.0/ImeiGuard.Benchmarks.dll

log() { echo "[bench-micro] $*" >&2; }

dotnet build -c Release bench/ImeiGuard.Benchmarks -nologo -v q > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

for run in $(seq 1 "$RUNS"); do
  log "run $run/$RUNS: --filter '$FILTER' --job $JOB"
  read -ra patterns <<< "$FILTER"
  dotnet "$BENCH" --filter "${patterns[@]}" --job "$JOB" --exporters json --artifacts "$WORK/run-$run" > "$WORK/run-$run.log" 2>&1 ||
    { tail -50 "$WORK/run-$run.log"; exit 1; }
  # One line per benchmark case: name, mean ns/op, allocated B/op.
  for f in "$WORK/run-$run"/results/*-report-full-compressed.json "$WORK/run-$run"/results/*-report.json; do
    [ -f "$f" ] || continue
    jq -r '.Benchmarks[] | [(.Type + "." + .Method + "(" + (.Parameters // "") + ")"), .Statistics.Mean, (.Memory.BytesAllocatedPerOperation // 0)] | @tsv' "$f"
  done | sort -u > "$WORK/run-$run.tsv"
done

echo "Medians over $RUNS run(s) of BenchmarkDotNet means (--job $JOB); results in $WORK"
printf '%-92s %12s %14s %10s\n' "benchmark(case)" "ns/op" "ops/s" "B/op"
cat "$WORK"/run-*.tsv | awk -F'\t' '
  { if (!($1 in n)) order[++k] = $1; v[$1, ++n[$1]] = $2; a[$1] = ($3 > a[$1] ? $3 : a[$1]) }
  END {
    for (i = 1; i <= k; i++) { key = order[i]; m = n[key]
      for (x = 1; x <= m; x++) s[x] = v[key, x]
      for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (s[y] < s[x]) { t = s[x]; s[x] = s[y]; s[y] = t }
      med = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
      printf "%-92s %12.1f %14.0f %10.0f\n", key, med, (med > 0 ? 1e9 / med : 0), a[key] }
  }'

if [ "$MEMORY_SIMS" -gt 0 ]; then
  echo
  echo "Managed heap per SIM at $MEMORY_SIMS SIMs (dotnet $BENCH memory --sims $MEMORY_SIMS), $RUNS run(s):"
  for run in $(seq 1 "$RUNS"); do
    dotnet "$BENCH" memory --sims "$MEMORY_SIMS" | tee "$WORK/memory-$run.txt" | sed 's/^/  /'
  done
fi
