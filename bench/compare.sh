#!/usr/bin/env bash
# Two tender launchers side by side (for example another checkout's bin/tender against this one), alternating
# run by run so that both see the same machine state: spt hello, elftool query-manifest and --version.
# Usage: bench/compare.sh OTHER_BIN_TENDER [RUNS]   (default 20 runs; keep the machine otherwise idle)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
other=${1:?usage: bench/compare.sh OTHER_BIN_TENDER [RUNS]}
runs=${2:-20}
image=$root/guest/build/x86_64/spt/test_hello.spt
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=timing.sh
. "$root/bench/timing.sh"

printf '| command | %s | %s | change |\n|---|---|---|---|\n' "$other" "$root/bin/tender"
for args in "spt --mem=2 $image Hello_Solo5" "elftool query-manifest $image" "--version"; do
    : > "$work/a"; : > "$work/b"
    # shellcheck disable=SC2086 # the argument strings are split on purpose
    { "$other" $args; "$root/bin/tender" $args; } >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
        # shellcheck disable=SC2086
        time_us "$other" $args >> "$work/a"
        # shellcheck disable=SC2086
        time_us "$root/bin/tender" $args >> "$work/b"
    done
    a=$(median_ms < "$work/a"); b=$(median_ms < "$work/b")
    printf '| `tender %s` | %s ms | %s ms | %+.0f%% |\n' "${args%% *}" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print (b - a) * 100 / a }')"
done
