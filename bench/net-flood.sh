#!/usr/bin/env bash
# Flood-ping latency through the echo unikernel: total time and rtt of `ping -f -c COUNT`.
# Usage: bench/net-flood.sh [COUNT] [TENDER]   (TENDER defaults to bin/tender hvt; needs root)
# Runs everything inside a network namespace it creates and deletes; nothing touches the root namespace.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-10000}
tender=${2:-$root/bin/tender hvt}
image=$root/guest/build/x86_64/hvt/test_net.hvt
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
. "$root/bench/netns.sh"
bench_netns flood
log=$(mktemp)
ip netns exec "$ns" timeout 300 $tender --net:service0=tap100 -- "$image" >"$log" 2>&1 &
bench_await "$log" "Serving ping" 100
ip netns exec "$ns" ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null   # ARP and warm-up
start=$(date +%s%N)
out=$(ip netns exec "$ns" timeout 300 ping -fq -c "$count" 10.0.0.2)
end=$(date +%s%N)
# The tender's peak resident memory: the largest VmHWM among the namespace's processes (the JVM).
hwm=0
for pid in $(ip netns pids "$ns"); do
    kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$kb" ] && [ "$kb" -gt "$hwm" ] && hwm=$kb
done
rm -f "$log"
loss=$(echo "$out" | grep -o '[0-9.]*% packet loss')
rtt=$(echo "$out" | sed -n 's/^rtt min\/avg\/max\/mdev = \([^ ]*\) ms.*/\1/p')
awk -v n="$count" -v t="$(( (end - start) / 1000000 ))" -v loss="$loss" -v rtt="$rtt" -v hwm="$hwm" 'BEGIN {
    split(rtt, r, "/");
    printf "ping -f -c %d: %.2f s total, rtt avg %s ms (min %s, max %s), %s; tender peak RSS %d MiB\n",
        n, t/1000, r[2], r[1], r[3], loss, hwm/1024 }'
