#!/usr/bin/env python3
"""import_petrarch_verbs.py VERBS.txt ORIGIN > LEXICON.tsv

Converts a TABARI/PETRARCH verb dictionary (for instance PETRARCH2's
CAMEO.2.0.txt) into dateline's lexicon format (data/cameo/README.md): one
item a line, TAB-separated, with the class named on every line so a line
stands on its own.  ORIGIN names the source in each line's last column
("CAMEO.2.0" gives "CAMEO.2.0:LINE").

The conversion is syntactic: synsets become `set` lines, verb blocks
`class` lines, verbs `verb` lines, patterns `pattern` lines and
transformations `transform` lines.  Words are folded to lower case;
PETRARCH's '_' joins inside multi-word verbs become spaces, while '_'
between pattern words (which means "adjacent") is kept.  Comments are
dropped.  Python 3 standard library only.
"""
import re
import sys

HEADER = """# dateline lexicon, imported from {origin} by tools/import_petrarch_verbs.py.
# Do not edit by hand: regenerate it (see data/cameo/README.md); put our own
# patterns in lexicon.tsv, which takes precedence.
# kind	class	code	text	flags	origin"""


def clean(line):
    return line.split("#", 1)[0].rstrip()


CODE = re.compile(r"(---|[0-9]{2,4}[A-Z]?)?(:(---|[0-9]{2,4}[A-Z]?))?")


def code_of(text):
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return None, text
    code = re.sub(r"\s+", "", m.group(1))
    return code, (text[: m.start()] + text[m.end():]).strip()


def usable(code):
    """A code the lexicon format takes: CAMEO digits (and a letter), '---',
    a two-way 'a:b'.  The source's few others ("080!") are left out."""
    return code is not None and CODE.fullmatch(code) is not None


def verb_text(s):
    """'+BRING_OUT {+BRINGS_OUT +BROUGHT_OUT}' -> 'bring out {brings out;brought out}'."""
    forms = ""
    m = re.search(r"\{([^}]*)\}", s)
    if m:
        items = [f.strip() for f in m.group(1).split() if f.strip()]
        forms = ";".join(fold_verb(f) for f in items)
        s = (s[: m.start()] + s[m.end():]).strip()
    text = fold_verb(s)
    return text + (" {" + forms + "}" if forms else "")


def fold_verb(s):
    """Lower case, '_' -> ' ', keeping a '+' that marks a later inflected word."""
    s = s.strip().lower()
    words = [w for w in s.replace("_", " ").split(" ") if w]
    if words and words[0].startswith("+") and not any(w.startswith("+") for w in words[1:]):
        words[0] = words[0][1:]
    return " ".join(words)


def pattern_text(s):
    """'- * (OF {RIGHTS ABUSES})' -> '* of rights abuses' (braces and
    parentheses only group, they are dropped)."""
    s = s[1:].strip() if s.startswith("-") else s
    s = re.sub(r"[{}()]", " ", s)
    return " ".join(s.lower().split())


def convert(path, origin):
    out = [HEADER.format(origin=origin)]
    block = None
    in_set = None
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = clean(raw)
            if not line.strip():
                continue
            s = line.strip()
            where = f"{origin}:{n}"
            if s.startswith("~"):
                out.append(f"transform\t\t\t{' '.join(s[1:].split())}\t\t{where}")
                continue
            if s.startswith("---"):
                code, rest = code_of(s)
                name = rest.strip("- \t").split()[0].upper()
                block = name
                in_set = None
                out.append(f"class\t{name}\t{code or ''}\t\t\t{where}")
                continue
            if s.startswith("&"):
                in_set = s[1:].split()[0].upper()
                continue
            if s.startswith("-"):
                in_set = None
                code, rest = code_of(s)
                if block is None or not usable(code):
                    if code is not None:
                        out.append(f"# left out, code '{code}' is no CAMEO code: {where}")
                    continue
                out.append(f"pattern\t{block}\t{code}\t{pattern_text(rest)}\t\t{where}")
                continue
            if s.startswith("+") and in_set:
                member = s[1:].strip().lower()
                out.append(f"set\t{in_set}\t\t{member}\t\t{where}")
                continue
            in_set = None
            if block is None:
                continue
            code, rest = code_of(s)
            out.append(f"verb\t{block}\t{code or ''}\t{verb_text(rest)}\t\t{where}")
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    for line in convert(argv[1], argv[2]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
