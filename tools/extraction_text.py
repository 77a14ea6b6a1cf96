#!/usr/bin/env python3
"""tools/extraction_text.py [GROUND_TRUTH_JSON] -- prints the article bodies of
the shared extraction benchmark (../shared/data/article-extraction/
ground-truth.json, MIT; the page texts stay their publishers') as plain
text, one article after another, for `dateline train clusters`
(data/models/README.md)."""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/article-extraction/ground-truth.json"
with open(path, encoding="utf-8") as fh:
    truth = json.load(fh)
for key in sorted(truth):
    sys.stdout.write(truth[key]["articleBody"].strip() + "\n\n")
