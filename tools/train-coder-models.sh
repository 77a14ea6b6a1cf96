#!/usr/bin/env bash
# tools/train-coder-models.sh [BUILD] [SHARED] -- retrains the two models the
# coders learn from annotations, in their order: the speaker model first
# (data/models/quotes.model), then the event model, which codes with it.
# They learn from the train split of SHARED/news-dev and from our own
# annotations in data/gold/extra (unpacked into BUILD/gold-extra).  Run it
# after any change of the coders, the actors or the quote rules, and commit
# both models: tests/cli/test_accuracy.sh checks they are reproduced.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shared=${2:-$here/../shared}
python3 "$here/tools/extra_gold.py" unpack "$shared" "$build/gold-extra"
"$build/dateline" train quotes -q --gold "$shared/news-dev" --gold "$build/gold-extra" \
  --data "$here/data" -o "$here/data/models/quotes.model"
"$build/dateline" train events -q --gold "$shared/news-dev" --gold "$build/gold-extra" \
  --data "$here/data" -o "$here/data/models/events.model"
