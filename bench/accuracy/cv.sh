#!/usr/bin/env bash
# bench/accuracy/cv.sh [BUILD] [K] [GOLD_DIR] -- K-fold cross-validation of the
# learned models over the train split of GOLD_DIR (default ../shared/news-dev,
# K = 4): for each fold, `dateline train quotes --leave-out I/K` learns the
# speaker model from the other train articles, then `dateline train events
# --leave-out I/K` the event model, coding with that speaker model (the order
# of the bundled models: data/models/README.md), and the fold's articles are
# coded with both models and scored together.  A figure that uses the train
# split alone, so rules and features can be compared without reading dev.
# Options through the environment:
#   QUOTES=0        no speaker model: the rules' speakers (as before it existed)
#   TRAIN_ARGS=...  extra arguments to `train events` (a second --gold DIR adds
#                   training articles to every fold)
#   QTRAIN_ARGS=... extra arguments to `train quotes`
#   EXTRA=DIR       a second gold folder given to both trainers (as
#                   `tools/extra_gold.py unpack` writes data/gold/extra)
#   DL_ARGS=...     extra arguments to `dateline code` (e.g. --rules-only)
#   KEEP=DIR        keep the models and outputs in DIR
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
k=${2:-4}
gold=$(cd "${3:-$here/../shared/news-dev}" && pwd)
bin=$build/dateline
scorer=$(cd "$gold/.." && pwd)/tools/score_gold.py
[ -f "$scorer" ] || scorer=$here/../shared/tools/score_gold.py
work=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold" "$work/out"
names=()
for g in "$gold"/*.gold.json; do
  n=$(basename "$g" .gold.json)
  # the train split: NN not divisible by 3, and every name that is no number
  # (data/gold/extra's)
  if [[ $n =~ ^[0-9]+$ ]]; then [ $((10#$n % 3)) -ne 0 ] || continue; fi
  names+=("$n")
done
for ((f = 0; f < k; f++)); do
  if [ "${QUOTES:-1}" = 0 ]; then
    qm=(--no-quote-model)
  else
    # shellcheck disable=SC2086
    "$bin" train quotes -q --gold "$gold" ${EXTRA:+--gold "$EXTRA"} --split train --leave-out "$f/$k" ${QTRAIN_ARGS:-} -o "$work/fold$f.quotes"
    qm=(--quote-model "$work/fold$f.quotes")
  fi
  # shellcheck disable=SC2086
  "$bin" train events -q --gold "$gold" ${EXTRA:+--gold "$EXTRA"} --split train --leave-out "$f/$k" "${qm[@]}" ${TRAIN_ARGS:-} \
    -o "$work/fold$f.model"
  for ((i = f; i < ${#names[@]}; i += k)); do
    n=${names[$i]}
    ln -sf "$gold/$n.gold.json" "$work/gold/$n.gold.json"
    d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("date") or "")' "$gold/$n.gold.json")
    # shellcheck disable=SC2086
    "$bin" code ${d:+--date "$d"} --event-model "$work/fold$f.model" "${qm[@]}" ${DL_ARGS:-} "$gold/$n.txt" \
      >"$work/out/$n.json" 2>/dev/null || true
  done
done
printf 'cv%-4s ' "$k"
python3 "$scorer" --pairs "$work/gold" "$work/out"
