#!/bin/sh
# build.sh: builds every guest image of the project through `tender build` (run by Maven's guest module
# after cli is packaged; `make all` runs it too).
#
#   tests/test_X/   -> build/x86_64/hvt/test_X.hvt, build/x86_64/spt/test_X.spt
#   ../examples/X/  -> build/x86_64/hvt/X.hvt,      build/x86_64/spt/X.spt
#   aarch64         -> build/aarch64/{hvt,spt}/... (only when aarch64-linux-gnu-gcc is installed)
#   buggyelf.hvt    -> test_hello.hvt with a broken MFT1 note size (tools/mkbuggyelf.c)
#
# Each project directory's optional tender.json says which targets and architectures it supports and
# which extra flags it needs. Objects and the per-context runtime cache are in build/work/.
set -eu
cd "$(dirname "$0")"
tender=${TENDER:-../bin/tender}
projects=$(for d in tests/test_*/ ../examples/*/; do [ -f "$d/manifest.json" ] && echo "${d%/}"; done)
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Everything the images are made from: the sources, this script, the builder (tender's jars) and the
# compilers. When none of it changed since the last complete build, the images are up to date.
inputs() {
    find runtime lib include netstack tests tools ../examples build.sh -type f \
        ! -path '*/dist/*' ! -path '*/_build/*' ! -name tender.lock | LC_ALL=C sort | xargs sha256sum
    sha256sum ../cli/target/tender.jar | sed 's|  .*/|  |'
    for cc in "${HOSTCC:-cc}" aarch64-linux-gnu-gcc; do
        command -v "$cc" >/dev/null 2>&1 && "$cc" --version | head -n1
    done
}
stamp=build/inputs.sha256
now=$(inputs | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$now" ] && [ -f build/x86_64/hvt/buggyelf.hvt ]; then
    echo "guest/build.sh: images up to date (no input changed since the last build)"
    exit 0
fi
rm -f "$stamp"

count=$(echo "$projects" | wc -w)
build() {  # build TARGET ARCH
    echo "guest/build.sh: building $count $1 images for $2"
    # shellcheck disable=SC2086 # one word per project directory
    "$tender" build --quiet --no-lock -j "$jobs" --work build/work --target "$1" --arch "$2" \
        --out "build/$2/$1" $projects >/dev/null
}

build hvt x86_64
build spt x86_64
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    build hvt aarch64
    build spt aarch64
else
    echo "guest/build.sh: aarch64-linux-gnu-gcc not found, aarch64 images skipped" \
        "(apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu)" >&2
fi

mkdir -p build/tools
${HOSTCC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o build/tools/mkbuggyelf tools/mkbuggyelf.c
build/tools/mkbuggyelf build/x86_64/hvt/test_hello.hvt build/x86_64/hvt/buggyelf.hvt
echo "$now" > "$stamp"
echo "guest/build.sh: done"
