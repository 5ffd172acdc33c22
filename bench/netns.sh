# Sourced by the network benchmarks (bash): a namespace of the script's own, "tender-bench-NAME-PID", with its
# loopback up and tap100 at 10.0.0.1/24 for the unikernel (10.0.0.2); on exit everything still running in it is
# killed and it is deleted, which removes the TAP. Nothing touches the root namespace.
#   bench_netns NAME          sets $ns
#   bench_await LOG TEXT [N]  waits N tenths of a second (default 300) for TEXT in LOG (the tender's output);
#                             fails showing LOG
bench_netns() {
    ns=tender-bench-$1-$$
    trap bench_netns_cleanup EXIT
    ip netns add "$ns"
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip tuntap add tap100 mode tap
    ip netns exec "$ns" ip addr add 10.0.0.1/24 dev tap100
    ip netns exec "$ns" ip link set dev tap100 up
}

bench_netns_cleanup() {
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
    sleep 0.5
    ip netns del "$ns" 2>/dev/null || true
}

bench_await() {
    for _ in $(seq "${3:-300}"); do grep -q "$2" "$1" && return 0; sleep 0.1; done
    cat "$1" >&2
    return 1
}
