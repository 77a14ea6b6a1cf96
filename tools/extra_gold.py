#!/usr/bin/env python3
"""Our own annotations of articles whose text we may not copy into the project.

The annotated texts come from ../shared/data (CoNLL-2003 train documents, Reuters 1996;
pages of the article-extraction benchmark's dev split).  Their words belong to their
publishers, so data/gold/extra/ keeps only what is ours: the annotation, with every
piece of article text (mentions, sentences, quotations) stored as a character span
[start, length] of the text this script rebuilds from ../shared.

    extra_gold.py texts  SHARED OUTDIR      write OUTDIR/ID.txt for every manifest entry
    extra_gold.py unpack SHARED OUTDIR      write OUTDIR/ID.txt and OUTDIR/ID.gold.json
    extra_gold.py pack   GOLDDIR SHARED     turn GOLDDIR/ID.gold.json (with text) into
                                            data/gold/extra/ID.json (spans only)

The manifest is data/gold/extra/MANIFEST.tsv: id, source (conll2003 or aeb), the
document (CoNLL document index, 0-based, or the benchmark page id), the date.
"""
import gzip
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXTRA = os.path.join(HERE, "..", "data", "gold", "extra")

# Tokens that attach to the token before them, and tokens the next attaches to.
NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "]", "}", "?", "!", "%", "'s", "'S",
                   "n't", "N'T", "'", "'re", "'ve", "'ll", "'d", "'m", "--"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "C$", "A$", "NZ$", "HK$"}


def read_manifest():
    rows = []
    with open(os.path.join(EXTRA, "MANIFEST.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            doc_id, source, ref, date = line.rstrip("\n").split("\t")[:4]
            rows.append((doc_id, source, ref, date))
    return rows


def conll_documents(path):
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                if doc:
                    docs.append(doc)
                doc, sent = [], []
            elif not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
            else:
                sent.append(line.split(" ")[0])
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def detokenise(tokens, quote_open=False):
    """Join CoNLL tokens the way the words were printed: no space before
    punctuation and clitics, none after an opening bracket, and straight double
    quotes alternating between opening and closing.  Returns the text and whether
    a quotation is still open at its end (it may run on into the next sentence)."""
    out = ""
    glue_next = False
    for tok in tokens:
        space = bool(out) and not glue_next
        glue_next = False
        if tok == '"':
            if quote_open:
                space = False
            else:
                glue_next = True
            quote_open = not quote_open
        elif tok in NO_SPACE_BEFORE:
            space = False
        elif tok in NO_SPACE_AFTER:
            glue_next = True
        out += (" " if space else "") + tok
    return out, quote_open


def conll_text(docs, index):
    """The title, then one paragraph per sentence; a sentence inside an open
    quotation stays in the paragraph of the sentence that opened it."""
    title, _ = detokenise(docs[index][0])
    text = title
    quote_open = False
    for sent in docs[index][1:]:
        words, still_open = detokenise(sent, quote_open)
        text += (" " if quote_open else "\n\n") + words
        quote_open = still_open
    return text + "\n"


def page_title(shared, page_id):
    path = os.path.join(shared, "data", "article-extraction", "html", page_id + ".html.gz")
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        m = re.search(r"<title[^>]*>(.*?)</title>", f.read(), re.S | re.I)
    return " ".join(html.unescape(m.group(1)).split()) if m else ""


def page_text(shared, truth, page_id):
    body = truth[page_id]["articleBody"].strip()
    title = page_title(shared, page_id)
    return (title + "\n\n" if title else "") + body + "\n"


def build_texts(shared):
    texts = {}
    docs = truth = None
    for doc_id, source, ref, _date in read_manifest():
        if source == "conll2003":
            if docs is None:
                docs = conll_documents(os.path.join(shared, "data", "conll2003", "train.txt"))
            texts[doc_id] = conll_text(docs, int(ref))
        elif source == "aeb":
            if truth is None:
                with open(os.path.join(shared, "data", "article-extraction",
                                       "ground-truth.json"), encoding="utf-8") as f:
                    truth = json.load(f)
            texts[doc_id] = page_text(shared, truth, ref)
        else:
            sys.exit("MANIFEST.tsv: %s: unknown source %r" % (doc_id, source))
    return texts


def write_texts(shared, outdir):
    os.makedirs(outdir, exist_ok=True)
    texts = build_texts(shared)
    for doc_id, text in texts.items():
        with open(os.path.join(outdir, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    return texts


# Fields whose strings are words of the article: stored as spans.
SPAN_KEYS = {"mentions", "text", "sentence", "sentence_contains", "title", "cue",
             "body_starts_with", "body_ends_with", "body_must_not_contain"}


def to_spans(value, text, where):
    if isinstance(value, list):
        return [to_spans(v, text, where) for v in value]
    if not isinstance(value, str):
        return value
    at = text.find(value)
    if at < 0:
        if where.endswith(("body_must_not_contain", "cue")):
            return value    # words the body must not hold, or a cue with a gap ("quoted ... as saying")
        sys.exit("%s: %r is not in the text" % (where, value[:60]))
    return {"span": [at, len(value)]}


def from_spans(value, text):
    if isinstance(value, list):
        return [from_spans(v, text) for v in value]
    if isinstance(value, dict) and set(value) == {"span"}:
        at, n = value["span"]
        return text[at:at + n]
    return value


def walk(node, fn, where=""):
    """node with fn(value, where) applied to the value of every SPAN_KEYS field."""
    if isinstance(node, dict):
        return {k: fn(v, where + "." + k) if k in SPAN_KEYS else walk(v, fn, where + "." + k)
                for k, v in node.items()}
    if isinstance(node, list):
        return [walk(v, fn, "%s[%d]" % (where, i)) for i, v in enumerate(node)]
    return node


def sha256(text):
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack(golddir, shared):
    texts = build_texts(shared)
    for doc_id, text in sorted(texts.items()):
        path = os.path.join(golddir, doc_id + ".gold.json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
        packed = walk(gold, lambda v, w: to_spans(v, text, doc_id + w))
        if walk(packed, lambda v, w: from_spans(v, text)) != gold:
            sys.exit("%s: the spans do not give the annotation back" % doc_id)
        packed["text_sha256"] = sha256(text)
        out = json.dumps(packed, ensure_ascii=False, indent=1)
        out = re.sub(r'\{\s*"span": \[\s*(\d+),\s*(\d+)\s*\]\s*\}', r'{"span": [\1, \2]}', out)
        with open(os.path.join(EXTRA, doc_id + ".json"), "w", encoding="utf-8") as f:
            f.write(out + "\n")


def unpack(shared, outdir):
    texts = write_texts(shared, outdir)
    for doc_id, text in sorted(texts.items()):
        path = os.path.join(EXTRA, doc_id + ".json")
        if not os.path.exists(path):
            os.remove(os.path.join(outdir, doc_id + ".txt"))
            continue
        with open(path, encoding="utf-8") as f:
            packed = json.load(f)
        if packed.pop("text_sha256", None) != sha256(text):
            sys.exit("%s: the text rebuilt from %s is not the one annotated" % (doc_id, shared))
        gold = walk(packed, lambda v, w: from_spans(v, text))
        with open(os.path.join(outdir, doc_id + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
            f.write("\n")


def main(argv):
    if len(argv) == 3 and argv[0] == "texts":
        write_texts(argv[1], argv[2])
        return 0
    if len(argv) == 3 and argv[0] == "unpack":
        unpack(argv[1], argv[2])
        return 0
    if len(argv) == 3 and argv[0] == "pack":
        pack(argv[1], argv[2])
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
