#!/bin/sh
# bench/extract/run.sh -- body precision / recall / F1 of dateline's extractor
# on the article-extraction benchmark (121 dev pages), scored with
# ../shared/tools/extraction_eval.py.
#
#   bench/extract/run.sh [BUILD_DIR] [-- extra extraction_eval.py options]
#
# BUILD_DIR holds libdateline.a (default: build-extract, then build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${DL_SHARED:-$root/../shared}
data=$shared/data/article-extraction
build=${1:-}
[ "$#" -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
if [ -z "$build" ]; then
    for b in "$root/build-extract" "$root/build"; do
        [ -f "$b/libdateline.a" ] && build=$b && break
    done
fi
[ -n "$build" ] && [ -f "$build/libdateline.a" ] || { echo "run.sh: build the library first (no libdateline.a)" >&2; exit 2; }
out=${TMPDIR:-/tmp}/dateline-bench-extract.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src" \
    "$here/bench_extract.c" "$build/libdateline.a" \
    $(pkg-config --cflags --libs libxml-2.0 jansson libutf8proc sqlite3 zlib) -lm \
    -o "$out/bench_extract"
"$out/bench_extract" "$data/ids.txt" "$data/html" "$out/pred.json"
python3 "$shared/tools/extraction_eval.py" "$data/ground-truth.json" "$out/pred.json" "$@"
