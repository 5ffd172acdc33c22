#!/usr/bin/env bash
# The cost of the statistics counters on the I/O path: this checkout's tender against another one (for example a
# checkout from before the counters), alternating run by run so both see the same machine state: flood-ping total
# time (bench/net-flood.sh) and block throughput (bench/block.sh, 4 KiB API requests and 64 KiB raw hypercalls).
# Usage: bench/counters.sh OTHER_BIN_TENDER [ROUNDS] [COUNT]   (default 5 rounds, 3000 pings; BLOCK_MB, default 64)
# Needs root (the flood ping runs in a network namespace the script makes and removes) and /dev/kvm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
other=${1:?usage: bench/counters.sh OTHER_BIN_TENDER [ROUNDS] [COUNT]}
rounds=${2:-5}
count=${3:-3000}
export BLOCK_MB=${BLOCK_MB:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() {   # one round of both benchmarks for tender $1, figures appended to $work/$2.*
    "$root/bench/net-flood.sh" "$count" "$1 hvt" | sed -n 's/.*: \([0-9.]*\) s total.*/\1/p' >> "$work/$2.ping"
    "$root/bench/block.sh" "$1 hvt" "$work" > "$work/block.out"
    for size in 4096 65536; do
        for op in write read; do
            sed -n "s/^blkbench: $op $size B requests: .* = \([0-9.]*\) MB\/s/\1/p" "$work/block.out" \
                >> "$work/$2.$op$size"
        done
    done
}
raw() { tr "\n" " " < "$1"; }
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for ((i = 0; i < rounds; i++)); do
    one "$other" a
    one "$root/bin/tender" b
done
printf '| median of %d rounds | %s | %s | change |\n|---|---|---|---|\n' "$rounds" "$other" "$root/bin/tender"
row() {
    a=$(median "$work/a.$1"); b=$(median "$work/b.$1")
    printf '| %s | %s | %s | %+.1f%% |\n' "$2" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print (b - a) * 100 / a }')"
}
row ping "flood ping $count, s (lower is better)"
row write4096 "block write 4 KiB, MB/s"
row read4096 "block read 4 KiB, MB/s"
row write65536 "block write 64 KiB, MB/s"
row read65536 "block read 64 KiB, MB/s"
printf '\nflood ping per round, s: %s: %s; this: %s\n' "$other" "$(raw "$work/a.ping")" "$(raw "$work/b.ping")"
