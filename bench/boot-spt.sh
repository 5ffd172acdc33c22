#!/usr/bin/env bash
# Start-to-exit time of the hello unikernel through bin/tender spt: median (and min/max) of N runs.
# Usage: bench/boot-spt.sh [RUNS] [TENDER]   (TENDER defaults to "bin/tender spt"; pass "solo5-spt" to
# measure upstream's tender with the same image)
# Run after `mvn -DskipTests package`. Prints one summary line; keep the machine otherwise idle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
tender=${2:-$root/bin/tender spt}
image=$root/guest/build/x86_64/spt/test_hello.spt
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }

# one warm-up run (page cache, CDS archive mapping)
$tender --mem=2 "$image" Hello_Solo5 >/dev/null 2>&1
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $tender --mem=2 "$image" Hello_Solo5 >/dev/null 2>&1 || { echo "boot failed" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[n/2]}; else median=$(( (sorted[n/2-1] + sorted[n/2]) / 2 )); fi
awk -v n="$n" -v med="$median" -v lo="${sorted[0]}" -v hi="${sorted[n-1]}" 'BEGIN {
    printf "spt hello start-to-exit over %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n", n, med/1000, lo/1000, hi/1000 }'
