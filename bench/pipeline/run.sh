#!/usr/bin/env bash
# bench/pipeline/run.sh [BUILD_DIR] [ROUNDS] -- per-stage articles/s of the
# pipeline, one core, over the bundled examples and the seed article.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
rounds=${2:-200}
[ -f "$build/libdateline.a" ] || { echo "build first (no $build/libdateline.a)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
libs="libxml-2.0 libutf8proc jansson sqlite3 zlib libmicrohttpd libpq"
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src" \
   "$root/bench/pipeline/bench_pipeline.c" "$build/libdateline.a" \
   $(pkg-config --cflags --libs $libs) -lm -lpthread -o "$out/bench"
shared=$root/../shared/seed/000_8b56783a122f561b.txt
files=("$root"/examples/*.txt)
[ -f "$shared" ] && files+=("$shared")
taskset -c 0 "$out/bench" "$rounds" "${files[@]}"
