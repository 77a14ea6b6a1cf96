#!/usr/bin/env bash
# bench/accuracy/run.sh [BUILD] [GOLD_DIR] -- how the coders generalise.
# Codes every NN.txt of GOLD_DIR (default ../shared/news-dev) with the date of
# its NN.gold.json, scores the output with ../shared/tools/score_gold.py, and
# prints the summary line for the train split, the dev split (with its
# bootstrap interval over articles, bench/accuracy/interval.py), the seed and
# our own annotations of data/gold/extra (when ../shared/data has their texts),
# then recall and precision per CAMEO root and the most frequent error kinds
# over train+dev.  The split: NN divisible by 3 is dev, the rest is train
# (see GOLD_DIR/README.md).  Options through the environment:
#   MIN_DEV="events_country_f1=0.55 ..."   exit 1 when dev is below these
#   MIN_SEED="..."                         the same for the seed
#   MIN_TRAIN="..."                        the same for train (MIN_EXTRA: extra)
#   KEEP=DIR                               keep outputs in DIR
#   DL_ARGS="--dict ..."                   extra arguments to dateline code
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
gold=${2:-$here/../shared/news-dev}
bin=$build/dateline
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 2; }
shared=$(cd "$gold/.." && pwd)
scorer=$shared/tools/score_gold.py
[ -f "$scorer" ] || scorer=$here/../shared/tools/score_gold.py
[ -f "$scorer" ] || { echo "no score_gold.py beside $gold" >&2; exit 2; }
work=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
rc=0
# code_split NAME DIR [train|dev]: codes DIR's articles (of that split) into
# $work/NAME and prints NAME's summary line
code_split() {
  local split=$1 dir=$2 which=${3:-}
  mkdir -p "$work/$split/gold" "$work/$split/out"
  for g in "$dir"/*.gold.json; do
    n=$(basename "$g" .gold.json)
    if [[ $n =~ ^[0-9]+$ ]]; then
      if [ "$which" = dev ]; then [ $((10#$n % 3)) -eq 0 ] || continue
      elif [ "$which" = train ]; then [ $((10#$n % 3)) -ne 0 ] || continue; fi
    elif [ "$which" = dev ]; then continue; fi
    txt="$dir/$n.txt"; [ -f "$txt" ] || txt="$dir/$n.html"
    ln -sf "$g" "$work/$split/gold/$n.gold.json"
    d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("date") or "")' "$g")
    # shellcheck disable=SC2086
    "$bin" code ${d:+--date "$d"} ${DL_ARGS:-} "$txt" >"$work/$split/out/$n.json" 2>"$work/$split/out/$n.err" || true
  done
  var=MIN_$(echo "$split" | tr a-z A-Z)
  mins=${!var:-}
  printf '%-6s ' "$split"
  # shellcheck disable=SC2086
  python3 "$scorer" --pairs "$work/$split/gold" "$work/$split/out" ${mins:+--min $mins} | tr '\n' ' ' || rc=1
  echo
}
for split in train dev; do code_split $split "$gold" $split; done
# how far dev's figures can move by which articles are in it (a bootstrap)
python3 "$here/bench/accuracy/interval.py" "$work/dev/gold" "$work/dev/out" | sed 's/^/dev    /'
seed=$shared/seed
if [ -d "$seed" ]; then
  mkdir -p "$work/seed"
  s=$(ls "$seed"/*.gold.json | head -n 1)
  "$bin" code ${DL_ARGS:-} "${s%.gold.json}.txt" >"$work/seed/out.json" 2>/dev/null || true
  printf '%-6s ' seed
  # shellcheck disable=SC2086
  python3 "$scorer" "$s" "$work/seed/out.json" ${MIN_SEED:+--min $MIN_SEED} | tr '\n' ' ' || rc=1
  echo
fi
# our own annotations (data/gold/extra: training data of the bundled models),
# their texts rebuilt from ../shared/data
if ls "$here"/data/gold/extra/*.json >/dev/null 2>&1 && [ -d "$shared/data" ]; then
  python3 "$here/tools/extra_gold.py" unpack "$shared" "$work/extra-gold"
  code_split extra "$work/extra-gold"
fi
python3 "$here/bench/accuracy/breakdown.py" "$work"
exit $rc
