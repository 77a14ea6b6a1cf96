#!/usr/bin/env python3
"""tools/extraction_text.py [GROUND_TRUTH_JSON] -- prints the article bodies of
the shared extraction benchmark (../shared/data/article-extraction/
ground-truth.json, MIT; the page texts stay their publishers') as plain
text, one article after another, for `dateline train clusters`
(data/models/README.md).  Pages that are articles of the dev split of
../shared/news-dev (its sources.json; NN divisible by 3) are left out: dev
is for measuring, so not even its unlabelled text goes into a model."""
import json
import os
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/article-extraction/ground-truth.json"
sources = os.path.join(os.path.dirname(os.path.abspath(path)), "..", "..", "news-dev", "sources.json")
held_out = set()
if os.path.exists(sources):
    with open(sources, encoding="utf-8") as fh:
        for d in json.load(fh):
            page = os.path.basename(d.get("source", {}).get("path", ""))
            if page and int(d["doc"]) % 3 == 0:
                held_out.add(page.split(".")[0])
with open(path, encoding="utf-8") as fh:
    truth = json.load(fh)
for key in sorted(truth):
    if key in held_out:
        continue
    sys.stdout.write(truth[key]["articleBody"].strip() + "\n\n")
