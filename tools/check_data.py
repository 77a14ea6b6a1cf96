#!/usr/bin/env python3
"""Check the plain-text dictionaries and codebooks under data/.

    python3 tools/check_data.py [--data DIR] [--verbs PATH] [--strict]

Checks every .tsv file for the column count, stray whitespace and header
comments, and each file for its own rules: well-formed CAMEO codes whose
three-letter parts are all listed in data/cameo/actor_codes.tsv, dates that
parse with from <= to, no name or alias claimed twice within a file (people
may repeat their name across terms), places that do not repeat a capital, and
an event codebook that covers every code used by a CAMEO verb dictionary
(--verbs, default ../shared/data/petrarch2/CAMEO.2.0.txt when present).
Exit status 1 when an error is found; warnings only with --strict.
Standard library only.  Formats: data/README.md.
"""

import argparse
import datetime
import os
import re
import sys
import unicodedata

COLUMNS = {
    "actors/countries.tsv": ["code", "name", "aliases", "demonyms", "capital"],
    "actors/places.tsv": ["name", "type", "country", "code", "aliases"],
    "actors/organizations.tsv": ["name", "type", "code", "country", "aliases", "from", "to"],
    "actors/people.tsv": ["name", "country", "gender", "code", "role", "from", "to", "aliases"],
    "actors/agents.tsv": ["word", "plural", "suffix", "kind", "type"],
    "actors/names.tsv": ["word", "class", "suffix"],
    "quotes/cues.tsv": ["cue", "forms", "bare", "frame"],
    "cameo/events.tsv": ["code", "name", "goldstein", "quad", "plover", "plover_mode"],
    "cameo/actor_codes.tsv": ["code", "kind", "name"],
}

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
          "OTHER"}
KINDS = {"country", "region", "type", "role", "religion", "group"}


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"error: {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning: {where}: {msg}")


def split_list(s):
    return [x for x in s.split(";")] if s else []


def key(s):
    """Case- and accent-insensitive key for duplicate detection."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def read_tsv(path, rel, rep):
    """Yield (line number, fields) for data lines; check generic rules."""
    ncol = len(COLUMNS[rel])
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(rel, f"not UTF-8: {e}")
        return []
    if "\r" in text:
        rep.error(rel, "CR characters (use LF line ends)")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        rep.error(rel, "no newline at end of file")
    if len(lines) < 2 or not lines[0].startswith("#") or not lines[1].startswith("#"):
        rep.error(rel, "must start with a '#' column header line and a '#' source line")
    elif lines[0].lstrip("# ").split("\t") != COLUMNS[rel]:
        rep.error(f"{rel}:1", "header should name the columns " + " ".join(COLUMNS[rel]))
    out = []
    for n, line in enumerate(lines, 1):
        where = f"{rel}:{n}"
        if line.endswith((" ", "\u00a0")):
            rep.error(where, "trailing space")
        if line.startswith("#") or not line.strip():
            if not line.strip():
                rep.warn(where, "blank line")
            continue
        fields = line.split("\t")
        if len(fields) != ncol:
            rep.error(where, f"expected {ncol} fields, got {len(fields)}")
            continue
        for i, fv in enumerate(fields):
            if fv != fv.strip():
                rep.error(where, f"field {COLUMNS[rel][i]} has leading/trailing spaces")
            for item in split_list(fv):
                if item != item.strip() or (fv and not item):
                    rep.error(where, f"field {COLUMNS[rel][i]} has an empty or padded list item")
        out.append((n, fields))
    return out


def parse_date(s):
    try:
        return datetime.date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None
    except ValueError:
        return None


class Codes:
    def __init__(self, rows):
        self.by_kind = {k: set() for k in KINDS}
        for _, (code, kind, _name) in rows:
            if kind in self.by_kind:
                self.by_kind[kind].add(code)
        self.all = set().union(*self.by_kind.values())

    def check(self, code, where, rep, allow_empty=False):
        if not code:
            if not allow_empty:
                rep.error(where, "empty actor code")
            return
        if not re.fullmatch(r"(?:[A-Z]{3})+", code):
            rep.error(where, f"actor code '{code}' is not a sequence of 3-letter parts")
            return
        for i in range(0, len(code), 3):
            part = code[i:i + 3]
            if part not in self.all:
                rep.error(where, f"actor code '{code}': part '{part}' not in cameo/actor_codes.tsv")



def check_period(frm, to, where, rep):
    """The dates of a from/to pair (None where empty or bad), each error reported."""
    d1 = parse_date(frm) if frm else None
    d2 = parse_date(to) if to else None
    if frm and not d1:
        rep.error(where, f"from '{frm}' is not a YYYY-MM-DD date")
    if to and not d2:
        rep.error(where, f"to '{to}' is not a YYYY-MM-DD date")
    if d1 and d2 and d1 > d2:
        rep.error(where, f"from {frm} is after to {to}")
    return d1, d2

def claim(seen, name, owner, where, rep, what="name"):
    k = key(name)
    if not k:
        return
    if k in seen and seen[k][0] != owner:
        rep.error(where, f"{what} '{name}' already used on line {seen[k][1]}")
    else:
        seen.setdefault(k, (owner, where.rsplit(":", 1)[-1], name.lower()))


def check_actor_codes(rows, rel, rep):
    seen = set()
    for n, (code, kind, name) in rows:
        where = f"{rel}:{n}"
        if not re.fullmatch(r"[A-Z]{3}", code):
            rep.error(where, f"code '{code}' is not 3 capital letters")
        if kind not in KINDS:
            rep.error(where, f"kind '{kind}' not one of {sorted(KINDS)}")
        if (code, kind) in seen:
            rep.error(where, f"{kind} code {code} listed twice")
        seen.add((code, kind))
        if not name:
            rep.error(where, "empty name")


def check_countries(rows, rel, rep, codes):
    seen, caps = {}, {}
    for n, (code, name, aliases, demonyms, capital) in rows:
        where = f"{rel}:{n}"
        if not re.fullmatch(r"[A-Z]{3}", code):
            rep.error(where, f"code '{code}' is not 3 capital letters")
        if code not in codes.by_kind["country"]:
            rep.error(where, f"code {code} missing from cameo/actor_codes.tsv")
        if not name:
            rep.error(where, "empty name")
        for s in [name] + split_list(aliases) + split_list(demonyms):
            claim(seen, s, code, where, rep)
        if ";" in capital:
            rep.error(where, "capital must be one name (the loader reads it as one phrase)")
        elif capital:
            claim(caps, capital, code, where, rep, "capital")
    return seen, caps


def check_places(rows, rel, rep, codes, countries):
    cnames, caps = countries
    seen = {}
    for n, (name, typ, country, code, aliases) in rows:
        where = f"{rel}:{n}"
        if typ not in ("GPE", "LOC"):
            rep.error(where, f"type '{typ}' not GPE or LOC")
        if country and country not in codes.by_kind["country"]:
            rep.error(where, f"country '{country}' unknown")
        if code and code not in codes.by_kind["region"] | codes.by_kind["country"]:
            rep.error(where, f"code '{code}' is not a CAMEO region or country code")
        for s in [name] + split_list(aliases):
            claim(seen, s, n, where, rep)
            if key(s) in caps and caps[key(s)][2] == s.lower():
                rep.error(where, f"'{s}' is a capital in countries.tsv; do not repeat it")
            elif key(s) in caps and country != caps[key(s)][0]:
                rep.error(where, f"'{s}' spells a capital of {caps[key(s)][0]}, not of {country}")
            if key(s) in cnames:
                rep.error(where, f"'{s}' is a country name or alias in countries.tsv")


def check_organizations(rows, rel, rep, codes):
    """Names are unique, except that an organisation whose code changed has one
    row per period (from/to), all rows of one name adjacent and not overlapping."""
    seen = {}
    periods = {}    # key(name) -> [(from, to, line)]
    last = None
    for n, (name, typ, code, country, aliases, frm, to) in rows:
        where = f"{rel}:{n}"
        if typ != "ORG":
            rep.error(where, f"type '{typ}' not ORG")
        codes.check(code, where, rep)
        if country and country not in codes.by_kind["country"]:
            rep.error(where, f"country '{country}' unknown")
        d1, d2 = check_period(frm, to, where, rep)
        nk = key(name)
        if nk in periods:
            if last != nk:
                rep.error(where, f"rows of '{name}' must be adjacent")
            if not (frm or to):
                rep.error(where, f"a second row of '{name}' needs from/to dates")
            lo = d1 or datetime.date.min
            for p1, p2, pn in periods[nk]:
                # periods may share their handover day (both ends inclusive)
                if lo < (p2 or datetime.date.max) and (p1 or datetime.date.min) < (d2 or datetime.date.max):
                    rep.error(where, f"period overlaps line {pn}")
            periods[nk].append((d1, d2, n))
        else:
            periods[nk] = [(d1, d2, n)] if (frm or to) else []
            claim(seen, name, n, where, rep)
        for s in split_list(aliases):
            claim(seen, s, n, where, rep)
        last = nk


def check_people(rows, rel, rep, codes):
    names = {}      # key(name) -> first line
    aliases = {}    # key(alias) -> person key
    terms = {}      # person key -> [(from, to, role, line)]
    for n, (name, country, gender, code, role, frm, to, al) in rows:
        where = f"{rel}:{n}"
        pk = key(name)
        if not name:
            rep.error(where, "empty name")
        if country and country not in codes.by_kind["country"]:
            rep.error(where, f"country '{country}' unknown")
        if gender not in ("m", "f"):
            rep.error(where, f"gender '{gender}' not m or f")
        codes.check(code, where, rep)
        if not role:
            rep.error(where, "empty role")
        d1, d2 = check_period(frm, to, where, rep)
        if d2 and d2 > datetime.date(2026, 12, 31):
            rep.warn(where, f"to {to} is in the future")
        names.setdefault(pk, n)
        surname = name.split()[-1].lower() if name.split() else ""
        for a in split_list(al):
            ak = key(a)
            if ak in aliases and aliases[ak] != pk:
                rep.error(where, f"alias '{a}' also given for another person")
            aliases.setdefault(ak, pk)
            if a.lower() == name.lower():
                rep.warn(where, f"alias '{a}' repeats the name")
            if " " not in a and a.lower() == surname:
                rep.error(where, f"alias '{a}' is a plain surname")
        for t in terms.get(pk, []):
            if t[2] == role and t[0] == d1:
                rep.error(where, f"term duplicates line {t[3]}")
        terms.setdefault(pk, []).append((d1, d2, role, n))
    for ak, pk in aliases.items():
        if ak in names and ak != pk:
            rep.error(rel, f"alias '{ak}' is also the name of another person (line {names[ak]})")


def check_agents(rows, rel, rep, codes):
    seen = {}
    for n, (word, plural, suffix, kind, typ) in rows:
        where = f"{rel}:{n}"
        if word != word.lower() or plural != plural.lower():
            rep.error(where, "word and plural must be lower case")
        if kind not in ("agent", "title"):
            rep.error(where, f"kind '{kind}' not agent or title")
        if typ not in ("PER", "ORG", "NORP"):
            rep.error(where, f"type '{typ}' not PER, ORG or NORP")
        if kind == "title" and typ != "PER":
            rep.error(where, "a title must have type PER")
        if suffix:
            if not re.fullmatch(r"(?:[A-Z]{3})+", suffix):
                rep.error(where, f"suffix '{suffix}' is not a sequence of 3-letter codes")
            else:
                for i in range(0, len(suffix), 3):
                    part = suffix[i:i + 3]
                    if part not in codes.by_kind["role"] | codes.by_kind["type"]:
                        rep.error(where, f"suffix part '{part}' is not a CAMEO role code")
        claim(seen, word, n, where, rep, "word")
        if plural != word:
            claim(seen, plural, n, where, rep, "plural")


def check_names(rows, rel, rep, codes):
    """names.tsv: one lower-case word per row, a known class, a role suffix; a
    word may hold several classes (one row each), never the same class twice."""
    seen = set()
    for n, (word, cls, suffix) in rows:
        where = f"{rel}:{n}"
        if word != word.lower() or " " in word or not word:
            rep.error(where, f"word '{word}' must be one lower-case word")
        if cls not in ("head", "portfolio", "group", "concept"):
            rep.error(where, f"class '{cls}' not head, portfolio, group or concept")
        if suffix:
            if cls != "head":
                rep.error(where, "only a head word has a suffix")
            for i in range(0, len(suffix), 3):
                part = suffix[i:i + 3]
                if len(part) != 3 or part not in codes.by_kind["role"] | codes.by_kind["type"]:
                    rep.error(where, f"suffix part '{part}' is not a CAMEO role code")
        if (word, cls) in seen:
            rep.error(where, f"'{word}' listed twice as {cls}")
        seen.add((word, cls))


def check_cues(rows, rel, rep):
    """cues.tsv: a lemma, its forms, whether it takes a bare clause, its frame;
    no form listed twice."""
    forms = {}
    for n, (cue, fs, bare, frame) in rows:
        where = f"{rel}:{n}"
        if bare not in ("yes", "no"):
            rep.error(where, f"bare '{bare}' not yes or no")
        if frame not in ("clause", "tell", "object", "label", "according"):
            rep.error(where, f"frame '{frame}' not clause, tell, object, label or according")
        for f in split_list(fs):
            if f != f.lower():
                rep.error(where, f"form '{f}' must be lower case")
            if f in forms:
                rep.error(where, f"form '{f}' already on line {forms[f]}")
            forms.setdefault(f, n)
        if not split_list(fs):
            rep.error(where, "no forms")


def check_events(rows, rel, rep, verbs):
    seen = {}
    for n, (code, name, gold, quad, plover, mode) in rows:
        where = f"{rel}:{n}"
        if not re.fullmatch(r"\d{2,4}", code):
            rep.error(where, f"code '{code}' is not 2-4 digits")
            continue
        if code in seen:
            rep.error(where, f"code {code} listed twice (line {seen[code]})")
        seen[code] = n
        if not name:
            rep.error(where, "empty name")
        try:
            g = float(gold)
            if not -10 <= g <= 10:
                raise ValueError
        except ValueError:
            rep.error(where, f"goldstein '{gold}' not a number in -10..10")
        root = int(code[:2])
        if not 1 <= root <= 20:
            rep.error(where, f"root {code[:2]} not 01..20")
        want = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        if quad != str(want):
            rep.error(where, f"quad {quad}, expected {want} for root {code[:2]}")
        if plover not in PLOVER:
            rep.error(where, f"plover '{plover}' not a PLOVER event type")
        if mode and not re.fullmatch(r"[a-z][a-z-]*", mode):
            rep.error(where, f"plover_mode '{mode}' not a lower-case word")
    for code in seen:
        if len(code) > 2 and code[:-1] not in seen and code[:2] not in seen:
            rep.error(rel, f"code {code} has no parent in the table")
        if len(code) == 4 and code[:3] not in seen:
            rep.error(rel, f"code {code}: parent {code[:3]} missing")
    if verbs:
        used = set()
        with open(verbs, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0]
                for grp in re.findall(r"\[([0-9:]+)!?\]", line):
                    used.update(c for c in grp.split(":") if c)
        missing = sorted(used - set(seen))
        if missing:
            rep.error(rel, f"codes used in {verbs} but missing: {' '.join(missing)}")
        else:
            print(f"ok: all {len(used)} event codes used in {os.path.basename(verbs)} are in {rel}")


def check_cross(rows, rep):
    """Warn when one surface form names actors in two different files."""
    fields = {
        "actors/countries.tsv": (1, [2, 3]),
        "actors/places.tsv": (0, [4]),
        "actors/organizations.tsv": (0, [4]),
        "actors/people.tsv": (0, [7]),
    }
    owner = {}
    for rel, (ni, lists) in fields.items():
        for n, f in rows[rel]:
            forms = [f[ni]] + [x for i in lists for x in split_list(f[i])]
            for s in forms:
                k = key(s)
                if k in owner and owner[k][0] != rel:
                    rep.warn(f"{rel}:{n}", f"'{s}' also names an actor in {owner[k][0]}:{owner[k][1]}")
                owner.setdefault(k, (rel, n))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(root, "data"))
    ap.add_argument("--verbs", default=os.path.join(root, "..", "shared", "data", "petrarch2",
                                                  "CAMEO.2.0.txt"))
    ap.add_argument("--strict", action="store_true", help="warnings count as errors")
    a = ap.parse_args(argv)
    rep = Report()

    rows = {}
    for rel in COLUMNS:
        path = os.path.join(a.data, rel)
        if not os.path.exists(path):
            rep.error(rel, "missing")
            rows[rel] = []
            continue
        rows[rel] = read_tsv(path, rel, rep)
        print(f"{rel}: {len(rows[rel])} rows")
    extra = []
    for d, _, files in os.walk(a.data):
        for fn in files:
            rel = os.path.relpath(os.path.join(d, fn), a.data)
            # models/ holds what `dateline train` writes (clusters.tsv), read by its own loader
            if fn.endswith(".tsv") and rel not in COLUMNS and not rel.startswith("models" + os.sep):
                extra.append(rel)
    for rel in extra:
        rep.warn(rel, "not checked (unknown .tsv)")

    check_actor_codes(rows["cameo/actor_codes.tsv"], "cameo/actor_codes.tsv", rep)
    codes = Codes(rows["cameo/actor_codes.tsv"])
    countries = check_countries(rows["actors/countries.tsv"], "actors/countries.tsv", rep, codes)
    check_places(rows["actors/places.tsv"], "actors/places.tsv", rep, codes, countries)
    check_organizations(rows["actors/organizations.tsv"], "actors/organizations.tsv", rep, codes)
    check_people(rows["actors/people.tsv"], "actors/people.tsv", rep, codes)
    check_agents(rows["actors/agents.tsv"], "actors/agents.tsv", rep, codes)
    check_names(rows["actors/names.tsv"], "actors/names.tsv", rep, codes)
    check_cues(rows["quotes/cues.tsv"], "quotes/cues.tsv", rep)
    check_cross(rows, rep)
    verbs = a.verbs if a.verbs and os.path.exists(a.verbs) else None
    if not verbs:
        print("note: verb dictionary not found; skipping the CAMEO.2.0.txt coverage check")
    check_events(rows["cameo/events.tsv"], "cameo/events.tsv", rep, verbs)

    print(f"{rep.errors} error(s), {rep.warnings} warning(s)")
    return 1 if rep.errors or (a.strict and rep.warnings) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
