#!/usr/bin/env bash
# Boot-to-exit time of the hello unikernel: median (and min/max) of N runs.
# Usage: bench/boot.sh hvt|spt [RUNS] [TENDER]
#   TENDER defaults to "bin/tender hvt" / "bin/tender spt"; pass e.g. "solo5-hvt" to time another tender with
#   the same image. Run after `mvn -DskipTests package`; keep the machine otherwise idle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: bench/boot.sh hvt|spt [RUNS] [TENDER]}
runs=${2:-30}
tender=${3:-$root/bin/tender $target}
case $target in
    hvt) mem=64 ;;
    spt) mem=2 ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
image=$root/guest/build/x86_64/$target/test_hello.$target
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }

$tender --mem=$mem "$image" Hello_Solo5 >/dev/null 2>&1   # warm-up: page cache, CDS archive mapping
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $tender --mem=$mem "$image" Hello_Solo5 >/dev/null 2>&1 || { echo "boot failed" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[n/2]}; else median=$(( (sorted[n/2-1] + sorted[n/2]) / 2 )); fi
awk -v t="$target" -v n="$n" -v med="$median" -v lo="${sorted[0]}" -v hi="${sorted[n-1]}" 'BEGIN {
    printf "%s hello boot-to-exit over %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n", t, n, med/1000, lo/1000, hi/1000 }'
