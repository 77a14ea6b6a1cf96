#!/usr/bin/env bash
# bench/nlp/speed.sh [BUILD_DIR] [SHARED] -- tokenize + tag speed, one core,
# dateline against wink-nlp (npm wink-nlp + wink-eng-lite-web-model) on the
# same raw text (UD EWT test rebuilt from its "# text" lines), in one run;
# then dateline's whole nlp stage (tokenize, tag, lemmas, parse, NER) on the
# same text (dateline_nlp_tokens_per_s, the acceptance figure of issue 16:
# at least 50,000), the engine's open time (every model and dictionary)
# and the peak resident memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
shared=${2:-$root/../shared}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$shared/data/ud-ewt/en_ewt-ud-test.conllu" "$out/text.txt" <<'PY'
import sys
paras, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith(("# newpar", "# newdoc")) and cur:
        paras.append(" ".join(cur)); cur = []
    elif line.startswith("# text = "):
        cur.append(line[9:].rstrip("\n"))
if cur: paras.append(" ".join(cur))
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(paras))
PY
libs="libxml-2.0 libutf8proc jansson sqlite3 zlib libmicrohttpd libpq"
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/src" "$here/bench_tagspeed.c" \
   "$build/libdateline.a" $(pkg-config --cflags --libs $libs) -lm -lpthread -o "$out/tagspeed"
[ -d "$here/node_modules/wink-nlp" ] || (cd "$here" && npm ci --silent >/dev/null 2>&1 || npm install --silent >/dev/null)
d=$(taskset -c 0 "$out/tagspeed" "$out/text.txt" 5)
w=$(taskset -c 0 node "$here/wink.mjs" "$out/text.txt" 5)
echo "$d"
echo "$w"
dt=$(echo "$d" | sed -n 's/^dateline_tokens_per_s=//p')
wt=$(echo "$w" | sed -n 's/^wink_tokens_per_s=//p')
awk -v a="$dt" -v b="$wt" 'BEGIN { printf "ratio_dateline_over_wink=%.2f\n", a / b }'
nt=$(echo "$d" | sed -n 's/^dateline_nlp_tokens_per_s=//p')
awk -v a="$nt" 'BEGIN { ok = a >= 50000; printf "nlp_at_least_50000=%s\n", (ok ? "yes" : "no") }'
