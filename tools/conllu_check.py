#!/usr/bin/env python3
"""tools/conllu_check.py FILE... -- checks CoNLL-U the way UD's validator
does at its levels 1 and 2 (https://universaldependencies.org/format.html,
the checks of UD's tools/validate.py that concern one file of one
language), for the output of `dateline parse`:

  - ten TAB-separated columns, ids 1..n in order, no empty field;
  - "# sent_id" on every sentence, unique in the file, and "# text";
  - "# text" equal to the forms joined with a space after every word
    whose MISC lacks SpaceAfter=No (the last word's is not looked at);
  - heads in 0..n, exactly one root (HEAD 0) whose DEPREL is root, no
    cycles, no other word with DEPREL root;
  - UPOS from the UD list, DEPREL a UD relation (subtype allowed);
  - LEMMA present (not "_" unless the form is "_");
  - FEATS "_" or Name=Value pairs sorted by name, each name once;
  - MISC "_" or Name=Value attributes, each name once.

Prints "FILE:LINE: problem" per error and a count; exits 1 on any error.
"""
import re
import sys

UPOS = set("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split())
DEPRELS = set("""acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep
det discourse dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl
orphan parataxis punct reparandum root vocative xcomp""".split())
FEAT = re.compile(r"^[A-Z][A-Za-z0-9]*(\[[a-z0-9]+\])?=[A-Z0-9][A-Za-z0-9]*(,[A-Z0-9][A-Za-z0-9]*)*$")


def check_sentence(path, start, comments, rows, seen_ids, err):
    meta = {}
    for line in comments:
        m = re.match(r"^# (sent_id|text) = (.*)$", line)
        if m:
            meta[m.group(1)] = m.group(2)
    if "sent_id" not in meta:
        err(start, "sentence without '# sent_id'")
    elif meta["sent_id"] in seen_ids:
        err(start, f"sent_id '{meta['sent_id']}' used twice")
    else:
        seen_ids.add(meta["sent_id"])
    if "text" not in meta:
        err(start, "sentence without '# text'")
    n = len(rows)
    heads = {}
    roots = 0
    text = ""
    for k, (lineno, cols) in enumerate(rows):
        wid, form, lemma, upos, xpos, feats, head, deprel, deps, misc = cols
        if wid != str(k + 1):
            err(lineno, f"word id '{wid}' where {k + 1} was due")
        for name, value in zip(("FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"),
                               cols[1:]):
            if value == "" or value != value.strip():
                err(lineno, f"empty or padded {name}")
        if lemma == "_" and form != "_":
            err(lineno, f"no lemma for '{form}'")
        if upos not in UPOS:
            err(lineno, f"unknown UPOS '{upos}'")
        if deprel.split(":")[0] not in DEPRELS:
            err(lineno, f"unknown DEPREL '{deprel}'")
        if feats != "_":
            names = [f.split("=")[0] for f in feats.split("|")]
            if any(not FEAT.match(f) for f in feats.split("|")):
                err(lineno, f"malformed FEATS '{feats}'")
            if names != sorted(names, key=str.lower) or len(set(names)) != len(names):
                err(lineno, f"FEATS not sorted or repeated: '{feats}'")
        attrs = [] if misc == "_" else misc.split("|")
        if any("=" not in a for a in attrs) or len({a.split("=")[0] for a in attrs}) != len(attrs):
            err(lineno, f"malformed MISC '{misc}'")
        if not head.isdigit() or int(head) > n:
            err(lineno, f"head '{head}' outside 0..{n}")
            continue
        heads[k + 1] = int(head)
        if int(head) == 0:
            roots += 1
            if deprel != "root":
                err(lineno, f"root word with DEPREL '{deprel}'")
        elif deprel == "root":
            err(lineno, "DEPREL root on a word that is not the root")
        text += form
        if k + 1 < n and "SpaceAfter=No" not in attrs:
            text += " "
    if roots != 1:
        err(start, f"{roots} roots (one is due)")
    for w in heads:
        seen, h = set(), w
        while h and h in heads and h not in seen:
            seen.add(h)
            h = heads[h]
        if h in seen:
            err(start, f"cycle through word {w}")
            break
    if "text" in meta and meta["text"] != text:
        err(start, f"'# text' differs from the forms and SpaceAfter:\n    text:  {meta['text']}\n    forms: {text}")


def check_file(path):
    errors = []

    def err(lineno, what):
        errors.append(f"{path}:{lineno}: {what}")

    seen_ids = set()
    comments, rows, start, nsent = [], [], 0, 0
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        err(len(lines), "file does not end with a line break")
    if lines and lines[-1] != "":
        err(len(lines), "last sentence not closed by a blank line")
    for lineno, line in enumerate(lines, 1):
        if line == "":
            if rows:
                check_sentence(path, start, comments, rows, seen_ids, err)
                nsent += 1
            elif comments:
                err(lineno, "comments without words")
            comments, rows = [], []
        elif line.startswith("#"):
            if rows:
                err(lineno, "comment among the words")
            if not comments and not rows:
                start = lineno
            comments.append(line)
        else:
            if not comments and not rows:
                start = lineno
            cols = line.split("\t")
            if len(cols) != 10:
                err(lineno, f"{len(cols)} columns (10 are due)")
                continue
            if re.match(r"^\d+[-.]\d+$", cols[0]):
                err(lineno, "multiword or empty-node line (dateline writes none)")
                continue
            rows.append((lineno, cols))
    return nsent, errors


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: conllu_check.py FILE...")
    total, bad = 0, 0
    for path in sys.argv[1:]:
        n, errors = check_file(path)
        total += n
        bad += len(errors)
        for e in errors[:50]:
            print(e)
    print(f"{total} sentences, {bad} errors")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
