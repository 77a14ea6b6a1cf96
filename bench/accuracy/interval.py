#!/usr/bin/env python3
"""interval.py GOLD_DIR OUT_DIR [SAMPLES] -- how far an F1 can move by which
articles happen to be in a split: a bootstrap over articles.  Resamples the
articles of GOLD_DIR (with replacement, SAMPLES times, default 2000, seeded)
and prints, per measure, the F1 of the whole set and the 2.5th and 97.5th
percentiles of the resampled F1.  With 19 articles and 80 required events an
interval some 0.2 wide is normal: read a change of a few hundredths on one
split as noise unless cross-validation shows it too."""
import json
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "shared", "tools"))
import score_gold as sg  # noqa: E402

MEASURES = ("actors", "quotes", "events_country", "events_actor")


def f1(tp, fp, fn):
    return sg.prf(tp, fp, fn)[2]


def per_article(gold_dir, out_dir):
    counts = []
    for f in sorted(os.listdir(gold_dir)):
        if not f.endswith(".gold.json"):
            continue
        name = f[:-len(".gold.json")]
        with open(os.path.join(gold_dir, f), encoding="utf-8") as fh:
            gold = json.load(fh)
        try:
            out = sg.load_output(os.path.join(out_dir, name + ".json"))
        except (OSError, ValueError):
            out = {}
        counts.append(sg.score_doc(gold, out, False, ""))
    return counts


def total(rows, key):
    tp = sum(r[key][0] for r in rows)
    fp = sum(r[key][1] for r in rows)
    fn = sum(r[key][2] for r in rows)
    return f1(tp, fp, fn)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__ + "\n")
        return 2
    rows = per_article(argv[0], argv[1])
    samples = int(argv[2]) if len(argv) > 2 else 2000
    rng = random.Random(1)
    parts = ["docs=%d" % len(rows)]
    for key in MEASURES:
        boot = sorted(total([rng.choice(rows) for _ in rows], key) for _ in range(samples))
        lo, hi = boot[int(0.025 * samples)], boot[int(0.975 * samples) - 1]
        parts.append("%s F1=%.2f [%.2f, %.2f]" % (key, total(rows, key), lo, hi))
    print("interval: " + "  ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
