#!/usr/bin/env bash
# HTTP load on the www example: wrk with CONNS connections for SECONDS against www.hvt and www.spt, one after
# the other in the same run; prints wrk's summary and latency percentiles for each.
# Usage: [KINDS="hvt spt"] bench/www-load.sh [SECONDS] [CONNS] [PATH]   (defaults 10, 50, /index.html; root, wrk)
# Runs inside a network namespace it creates and deletes; nothing touches the root namespace.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
conns=${2:-50}
path=${3:-/index.html}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
. "$root/bench/netns.sh"
bench_netns www
for kind in ${KINDS:-hvt spt}; do
    image=$root/guest/build/x86_64/$kind/www.$kind
    [ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
    log=$(mktemp)
    ip netns exec "$ns" timeout $((secs + 120)) "$root/bin/tender" "$kind" --mem=64 --net:service=tap100 -- \
        "$image" --ipv4=10.0.0.2/24 >"$log" 2>&1 &
    pid=$!
    bench_await "$log" "www: ready"
    echo "== www.$kind: wrk -t2 -c$conns -d${secs}s --latency http://10.0.0.2$path"
    ip netns exec "$ns" wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency "http://10.0.0.2$path"
    kill -0 "$pid" 2>/dev/null || { echo "www.$kind exited under load:" >&2; cat "$log" >&2; exit 1; }
    # SIGTERM to the tender itself (below ip netns exec and timeout); it must end as on any SIGTERM.
    for p in $(ip netns pids "$ns"); do kill -TERM "$p" 2>/dev/null || true; done
    status=0
    wait "$pid" || status=$?
    echo "www.$kind: exit status $status after SIGTERM"
    rm -f "$log"
done
