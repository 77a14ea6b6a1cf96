#!/usr/bin/env bash
# bench/pipeline/compile.sh BUILD_DIR OUT -- builds bench_pipeline.c against
# BUILD_DIR's libdateline.a into OUT (for run.sh and articles600.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1 out=$2
[ -f "$build/libdateline.a" ] || { echo "build first (no $build/libdateline.a)" >&2; exit 2; }
libs="libxml-2.0 libutf8proc jansson sqlite3 zlib libmicrohttpd libpq"
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src" \
   "$root/bench/pipeline/bench_pipeline.c" "$build/libdateline.a" \
   $(pkg-config --cflags --libs $libs) -lm -lpthread -o "$out"
