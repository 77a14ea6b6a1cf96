#!/usr/bin/env bash
# bench/accuracy/cv.sh [BUILD] [K] [GOLD_DIR] -- K-fold cross-validation of the
# event model over the train split of GOLD_DIR (default ../shared/news-dev,
# K = 4): for each fold, `dateline train events --leave-out I/K` learns from
# the other train articles and the fold's articles are coded with that model
# and scored together.  A figure that uses the train split alone, so rules and
# features can be compared without reading dev.  DL_ARGS are passed to
# `dateline code` (e.g. --rules-only).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
k=${2:-4}
gold=${3:-$here/../shared/news-dev}
bin=$build/dateline
scorer=$(cd "$gold/.." && pwd)/tools/score_gold.py
work=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold" "$work/out"
names=()
for g in "$gold"/*.gold.json; do
  n=$(basename "$g" .gold.json)
  [[ $n =~ ^[0-9]+$ ]] && [ $((10#$n % 3)) -ne 0 ] || continue
  names+=("$n")
done
for ((f = 0; f < k; f++)); do
  "$bin" train events -q --gold "$gold" --split train --leave-out "$f/$k" ${TRAIN_ARGS:-} -o "$work/fold$f.model"
  for ((i = f; i < ${#names[@]}; i += k)); do
    n=${names[$i]}
    ln -sf "$gold/$n.gold.json" "$work/gold/$n.gold.json"
    d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("date") or "")' "$gold/$n.gold.json")
    # shellcheck disable=SC2086
    "$bin" code ${d:+--date "$d"} --event-model "$work/fold$f.model" ${DL_ARGS:-} "$gold/$n.txt" \
      >"$work/out/$n.json" 2>/dev/null || true
  done
done
printf 'cv%-4s ' "$k"
python3 "$scorer" --pairs "$work/gold" "$work/out"
