#!/usr/bin/env bash
# Sequential block throughput through the blkbench unikernel over a 256 MiB file: 4 KiB requests (Solo5 API,
# --block-sector-size 4096) and 64 KiB requests (raw BLOCK_READ/WRITE hypercalls), write then read.
# Usage: bench/block.sh [TENDER] [DIR]   (TENDER defaults to bin/tender hvt; DIR holds the backing file;
#        BLOCK_MB sets the file size, default 256)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tender=${1:-$root/bin/tender hvt}
dir=${2:-$(mktemp -d)}
image=$root/guest/build/x86_64/hvt/test_blkbench.hvt
[ -f "$image" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
file=$dir/blkbench.img
trap 'rm -f "$file"' EXIT
truncate -s "${BLOCK_MB:-256}M" "$file"
$tender --block:storage="$file" --block-sector-size:storage=4096 -- "$image" api 64K | grep '^blkbench:'
