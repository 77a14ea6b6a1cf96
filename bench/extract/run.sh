#!/bin/sh
# bench/extract/run.sh -- body precision / recall / F1 and speed of dateline's
# extractor and of Mozilla Readability + jsdom on the article-extraction
# benchmark (121 pages, ../shared/data/article-extraction), in one run, both
# scored with ../shared/tools/extraction_eval.py.
#
#   bench/extract/run.sh [BUILD_DIR] [-- extra extraction_eval.py options]
#
# BUILD_DIR holds libdateline.a (default: build-extract, then build).
# Readability is installed from package-lock.json into bench/extract/
# node_modules (npm ci) when missing; the install is not timed.  Speed is
# pages per second per core: both run pinned to one core (taskset -c 0)
# and are timed in CPU seconds of parsing and extraction only (reading and
# gunzipping the files left out); dateline's figure is the mean of
# DL_BENCH_REPEAT (default 5) passes over the pages.  Prints a table, then
# the figures as NAME=VALUE lines; exits 1 when dateline misses the issue's
# bar (F1 >= 0.965, precision >= 0.95, >= 40x Readability's speed).
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
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"

# --- dateline
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src" \
    "$here/bench_extract.c" "$build/libdateline.a" \
    $(pkg-config --cflags --libs libxml-2.0 jansson libutf8proc sqlite3 zlib) -lm \
    -o "$out/bench_extract"
$pin "$out/bench_extract" "$data/ids.txt" "$data/html" "$out/dateline.json" "${DL_BENCH_REPEAT:-5}" \
    2>"$out/dateline.log" || { cat "$out/dateline.log" >&2; exit 1; }
python3 "$shared/tools/extraction_eval.py" "$data/ground-truth.json" "$out/dateline.json" "$@" \
    >"$out/dateline.score"

# --- Mozilla Readability + jsdom (npm ci is not timed)
if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
$pin node "$here/readability.mjs" "$data/ids.txt" "$data/html" "$out/readability.json" \
    2>"$out/readability.log" || { cat "$out/readability.log" >&2; exit 1; }
python3 "$shared/tools/extraction_eval.py" "$data/ground-truth.json" "$out/readability.json" "$@" \
    >"$out/readability.score"

# --- report
python3 - "$out" "${pin:-unpinned}" <<'EOF'
import re, sys
out, pin = sys.argv[1], sys.argv[2]
def score(name):
    text = open(f"{out}/{name}.score").read()
    m = re.search(r"precision=([\d.]+) recall=([\d.]+) f1=([\d.]+)", text)
    return tuple(float(x) for x in m.groups())
def speed(name):
    text = open(f"{out}/{name}.log").read()
    return float(re.findall(r"([\d.]+) pages/s", text)[-1]), text.strip().splitlines()[-1]
dp, dr, df = score("dateline")
rp, rr, rf = score("readability")
ds, dlog = speed("dateline")
rs, rlog = speed("readability")
ratio = ds / rs if rs else 0.0
ok = df >= 0.965 and dp >= 0.95 and ratio >= 40
print(f"pages: 121, one core ({pin}), CPU time of parsing + extraction")
print(f"{'':24}{'F1':>8}{'precision':>11}{'recall':>9}{'pages/s':>10}")
print(f"{'dateline':24}{df:8.4f}{dp:11.4f}{dr:9.4f}{ds:10.1f}")
print(f"{'Readability + jsdom':24}{rf:8.4f}{rp:11.4f}{rr:9.4f}{rs:10.1f}")
print(f"speed ratio: {ratio:.0f}x   (dateline: {dlog})   (readability: {rlog})")
for k, v in [("dateline_f1", f"{df:.4f}"), ("dateline_precision", f"{dp:.4f}"),
             ("dateline_recall", f"{dr:.4f}"), ("dateline_pages_per_sec_core", f"{ds:.1f}"),
             ("readability_f1", f"{rf:.4f}"), ("readability_precision", f"{rp:.4f}"),
             ("readability_recall", f"{rr:.4f}"), ("readability_pages_per_sec_core", f"{rs:.2f}"),
             ("speed_ratio", f"{ratio:.1f}"), ("acceptance", "pass" if ok else "fail")]:
    print(f"{k}={v}")
sys.exit(0 if ok else 1)
EOF
