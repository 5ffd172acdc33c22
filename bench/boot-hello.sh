#!/usr/bin/env bash
# Boot-to-exit time of the hello unikernel through bin/tender hvt: median (and min/max) of N runs.
# Usage: bench/boot-hello.sh [RUNS] [TENDER]   (TENDER defaults to bin/tender hvt)
# Run after `mvn -DskipTests package`. Prints one summary line; keep the machine otherwise idle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
tender=${2:-$root/bin/tender hvt}
image=$root/guest/build/x86_64/hvt/test_hello.hvt
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }

# one warm-up run (page cache, CDS archive mapping)
$tender --mem=64 "$image" Hello_Solo5 >/dev/null 2>&1
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $tender --mem=64 "$image" Hello_Solo5 >/dev/null 2>&1 || { echo "boot failed" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[n/2]}; else median=$(( (sorted[n/2-1] + sorted[n/2]) / 2 )); fi
awk -v n="$n" -v med="$median" -v lo="${sorted[0]}" -v hi="${sorted[n-1]}" 'BEGIN {
    printf "hello boot-to-exit over %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n", n, med/1000, lo/1000, hi/1000 }'
