#!/usr/bin/env bash
# Start-up of tender against its floor, in paired runs (issue 13): for each JDK, each command is timed
# alternately with a bare Java hello-world started by the same JVM with the same flags and its own start-up
# archive (AOT cache on 25+, class-data archive before), so both see the same machine state. Commands: hvt hello
# (where /dev/kvm is usable), spt hello, elftool query-manifest; upstream's solo5-hvt/solo5-spt/solo5-elftool
# too when they are on PATH. Times are from the shell's fork to the process exit, output discarded.
# Usage: bench/boot.sh [RUNS] [JDK_HOME...]   (default: 30 runs; Debian's JDK 17 and the JDK bin/tender picks,
# in that order). Records each JDK's tender archive first (bin/tender-cds). Keep the machine otherwise idle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
shift || true
images=$root/guest/build/x86_64
[ -f "$images/spt/test_hello.spt" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
if [ $# -eq 0 ]; then
    # shellcheck source=../bin/tender-jvm
    . "$root/bin/tender-jvm"
    select_jvm
    set -- /usr/lib/jvm/java-17-openjdk-amd64 "${java%/bin/java}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("Hello"); } }
JAVA

# shellcheck source=timing.sh
. "$root/bench/timing.sh"

# paired NAME CMD... : times CMD against the floor, alternating, and prints one table row.
paired() {
    local name=$1 i
    shift
    : > "$work/a"; : > "$work/b"
    "$@" >/dev/null 2>&1 || true; "${floor[@]}" >/dev/null 2>&1  # warm-up
    for ((i = 0; i < runs; i++)); do
        time_us "$@" >> "$work/a"
        time_us "${floor[@]}" >> "$work/b"
    done
    local a b
    a=$(median_ms < "$work/a"); b=$(median_ms < "$work/b")
    printf '| %s | %s | %s ms | %s ms | %.2fx |\n' "$jdk_name" "$name" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
}

# floor_for WORD: sets floor to a hello-world run with the JVM flags bin/tender gives command WORD (ergonomic
# values left out), with its own archive recorded under the same flags.
floor_for() {
    local flags
    flags=$(TENDER_JAVA_OPTS=-XX:+PrintCommandLineFlags "$root/bin/tender" "$1" --version 2>&1 >/dev/null \
        | tr ' ' '\n' | grep -e '^-XX:' -e '^-Xint' | grep -v -e AOT -e Archiv -e SharedArchiveFile -e PrintCommandLineFlags \
            -e HeapSize -e THPStack -e ProfileInterpreter -e Compressed | tr '\n' ' ' || true)
    local dir=$work/$jdk_name/$1
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    if [ "$major" -ge 25 ]; then
        "$home/bin/java" $flags -XX:AOTCacheOutput="$dir/hello.aot" -cp "$hello" Hello >/dev/null 2>&1
        floor=("$home/bin/java" $flags -XX:AOTCache="$dir/hello.aot" -cp "$hello" Hello)
    else
        "$home/bin/java" $flags -XX:ArchiveClassesAtExit="$dir/hello.jsa" -cp "$hello" Hello >/dev/null 2>&1
        floor=("$home/bin/java" $flags -XX:SharedArchiveFile="$dir/hello.jsa" -cp "$hello" Hello)
    fi
}

printf '| JDK | command | median | floor (hello-world) | ratio |\n|---|---|---|---|---|\n'
for home in "$@"; do
    export JAVA_HOME=$home
    jdk_name=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$home/release")
    major=${jdk_name%%[!0-9]*}
    "$root/bin/tender-cds"
    mkdir -p "$work/$jdk_name/classes"
    "$home/bin/javac" -d "$work/$jdk_name/classes" "$work/Hello.java"
    hello=$work/$jdk_name/hello.jar
    "$home/bin/jar" cf "$hello" -C "$work/$jdk_name/classes" .
    if [ -w /dev/kvm ]; then
        floor_for hvt
        paired "tender hvt hello" "$root/bin/tender" hvt --mem=64 "$images/hvt/test_hello.hvt" Hello_Solo5
    fi
    floor_for spt
    paired "tender spt hello" "$root/bin/tender" spt --mem=2 "$images/spt/test_hello.spt" Hello_Solo5
    floor_for elftool
    paired "tender elftool query-manifest" "$root/bin/tender" elftool query-manifest "$images/spt/test_hello.spt"
    paired "tender --version" "$root/bin/tender" --version
done
# Upstream's C tools, where installed, against the floor of the last JDK (the one bin/tender picks).
for tool in solo5-hvt solo5-spt solo5-elftool; do
    command -v "$tool" >/dev/null || continue
    case $tool in
        solo5-hvt) [ -w /dev/kvm ] && paired "upstream $tool hello" "$tool" --mem=64 "$images/hvt/test_hello.hvt" Hello_Solo5 ;;
        solo5-spt) paired "upstream $tool hello" "$tool" --mem=2 "$images/spt/test_hello.spt" Hello_Solo5 ;;
        solo5-elftool) paired "upstream $tool query-manifest" "$tool" query-manifest "$images/spt/test_hello.spt" ;;
    esac
done
