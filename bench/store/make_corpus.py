#!/usr/bin/env python3
"""bench/store/make_corpus.py -- a corpus of N distinct articles made by
varying the examples (examples/*.txt and examples/feed.jsonl), for the
store benchmark and the ingest tests.

Each article is one of the six examples with its date moved (a day in
2015-2024, so a dyad has events in many months), a serial number in its
title and a URL of its own, so content hashes and URLs all differ while the
actors and events stay those of the example.

    make_corpus.py EXAMPLES_DIR N OUT.jsonl          # one JSON Lines file
    make_corpus.py EXAMPLES_DIR N OUT_DIR --dir      # N .txt files in subfolders
    ... --start K                                    # serial numbers from K (default 0)

The output is the same for the same arguments (no randomness).
"""
import datetime
import json
import os
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
DATE_LINE = re.compile(r"^(%s) \d{1,2}, \d{4}" % "|".join(MONTHS), re.M)


def load(examples):
    """The examples as records {title, date, text, scrape}."""
    recs = []
    for name in sorted(os.listdir(examples)):
        path = os.path.join(examples, name)
        if name.endswith(".txt"):
            scrape = open(path, encoding="utf-8").read()
            lines = scrape.split("\n")
            title = next(l for l in lines if l.strip() and not l.startswith("By "))
            m = DATE_LINE.search(scrape)
            body = scrape[m.end():].split("\n", 1)[1] if m else scrape
            # a subtitle line right after the date line is not body text
            recs.append({"title": title.strip(), "text": body.strip(), "scrape": scrape})
        elif name.endswith(".jsonl"):
            for line in open(path, encoding="utf-8"):
                if line.strip():
                    r = json.loads(line)
                    recs.append({"title": r["title"], "text": r["text"], "scrape": None})
    return recs


def day(i):
    return datetime.date(2015, 1, 1) + datetime.timedelta(days=(i * 37) % 3650)


def vary(rec, i):
    d = day(i)
    title = "%s (dispatch %d)" % (rec["title"], i)
    return title, d


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    examples, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    as_dir = "--dir" in sys.argv[4:]
    start = int(sys.argv[sys.argv.index("--start") + 1]) if "--start" in sys.argv else 0
    recs = load(examples)
    if as_dir:
        os.makedirs(out, exist_ok=True)
        txt = [r for r in recs if r["scrape"]]
        for i in range(start, start + n):
            rec = txt[i % len(txt)]
            title, d = vary(rec, i)
            when = "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
            s = rec["scrape"].replace(rec["title"], title, 1)
            s = DATE_LINE.sub(when, s, count=1)
            sub = os.path.join(out, "%03d" % (i // 1000))
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, "%07d.txt" % i), "w", encoding="utf-8") as f:
                f.write(s)
    else:
        with open(out, "w", encoding="utf-8") as f:
            for i in range(start, start + n):
                rec = recs[i % len(recs)]
                title, d = vary(rec, i)
                f.write(json.dumps({"url": "https://example.org/corpus/%d" % i, "title": title,
                                    "date": d.isoformat(), "text": rec["text"]},
                                   ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
