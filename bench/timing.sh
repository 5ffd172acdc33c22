# shellcheck shell=bash
# Sourced by the start-up benchmarks: one run's wall time and the median of a series.

now_us() { local t; t=$(date +%s%N); echo $(( t / 1000 )); }

# time_us CMD...: microseconds from fork to exit of one run, output discarded; fails with the command.
time_us() {
    local s e
    s=$(now_us)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    e=$(now_us)
    echo $(( e - s ))
}

# median_ms < FILE: the median of microsecond figures, in milliseconds.
median_ms() { sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }
