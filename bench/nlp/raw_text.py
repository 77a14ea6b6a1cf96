#!/usr/bin/env python3
"""Scores dateline's tokenizer and tagger from raw text on a CoNLL-U file.

    raw_text.py DATELINE GOLD.conllu

The raw text is rebuilt from the gold file's "# text" lines as the CoNLL
2018 shared task does: sentences of one paragraph joined by a space,
paragraphs by a blank line.  `dateline parse` tokenizes, splits and tags it;
tokens are aligned to the gold words by character offsets.  Prints
tokens_P/R/F1 and UPOS (F1 of words with the right span and tag) as
NAME=VALUE lines.  Python 3 standard library only.
"""
import subprocess
import sys


def read_gold(path):
    paras, words = [], []   # paras: list of paragraph texts; words: (form, upos) in order
    cur = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newpar") or line.startswith("# newdoc"):
                if cur:
                    paras.append(" ".join(cur))
                    cur = []
            elif line.startswith("# text = "):
                cur.append(line[len("# text = "):])
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                words.append((cols[1], cols[3]))
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras), words


def spans(text, forms):
    """Character spans of forms found in order in text (None when lost)."""
    out, pos = [], 0
    for f in forms:
        i = text.find(f, pos)
        if i < 0 or i - pos > 200:
            out.append(None)
            continue
        out.append((i, i + len(f)))
        pos = i + len(f)
    return out


def main():
    dateline, gold_path = sys.argv[1], sys.argv[2]
    text, gold = read_gold(gold_path)
    res = subprocess.run([dateline, "parse", "--no-ner", "-"], input=text.encode("utf-8"),
                         capture_output=True, check=True)
    pred = []
    for line in res.stdout.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            pred.append((cols[1], cols[3]))
    gs = {s: t for s, (f, t) in zip(spans(text, [f for f, _ in gold]), gold) if s}
    ps = {s: t for s, (f, t) in zip(spans(text, [f for f, _ in pred]), pred) if s}
    both = set(gs) & set(ps)
    tp = len(both)
    p, r = tp / len(ps), tp / len(gs)
    f = 2 * p * r / (p + r)
    tag_ok = sum(1 for s in both if gs[s] == ps[s])
    tp_, tr_ = tag_ok / len(ps), tag_ok / len(gs)
    upos = 2 * tp_ * tr_ / (tp_ + tr_)
    print(f"gold_words={len(gold)}")
    print(f"tokens_P={100 * p:.2f}")
    print(f"tokens_R={100 * r:.2f}")
    print(f"tokens_F1={100 * f:.2f}")
    print(f"UPOS_raw={100 * upos:.2f}")


if __name__ == "__main__":
    main()
