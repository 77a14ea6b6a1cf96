#!/usr/bin/env python3
"""breakdown.py WORK -- per-root recall and precision of events, and the most
frequent kinds of error, over the outputs that bench/accuracy/run.sh left in
WORK/{train,dev}/{gold,out}.  Events are matched at the country level, the
way ../shared/tools/score_gold.py matches them (it is imported from there).
    breakdown.py WORK [KIND]   KIND (a part of an error's name, e.g. "other
                               root") lists each error of that kind"""
import collections
import glob
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "shared", "tools"))
import score_gold as sg  # noqa: E402



# The kind of a miss ("missed") or of a false event ("false"), from the
# events of the other side in its sentence and whether each has its code.
def error_kind(side, near, code_fits):
    if not near:
        return {"missed": "missed: no event in the sentence",
                "false": "false: no gold event in the sentence"}[side]
    if not any(code_fits):
        return {"missed": "missed: sentence coded with another root",
                "false": "false: gold sentence, other root"}[side]
    return {"missed": "missed: right root, wrong source or target",
            "false": "false: gold sentence and root, wrong source or target"}[side]

def load(path):
    try:
        return sg.load_output(path)
    except (OSError, ValueError):
        return {}


def side_country(gold_actors, gname, ref, by_id):
    if gname is None:
        return True
    a = by_id.get(ref) if isinstance(ref, str) else None
    if a is None:
        a = {"name": ref} if isinstance(ref, str) else None
    og = gold_actors.match(a.get("name")) if a else None
    gact = gold_actors.get(gname)
    gc = sg.actor_country(gact)
    if gc is None:
        return og is not None and og["name"] == gname
    return sg.actor_country(a) == gc or sg.actor_country(og) == gc


def same_sentence(a, b):
    a, b = sg.key(a), sg.key(b)
    return bool(a) and bool(b) and (a in b or b in a)


def code_ok(g, code):
    code = sg.norm(code)
    return code in [g["cameo"]] + g.get("accept_cameo", []) or code[:2] == g["cameo"][:2]


def main(work, listed=None):
    found = collections.Counter()
    required = collections.Counter()
    out_by_root = collections.Counter()
    out_ok = collections.Counter()
    kinds = collections.Counter()
    for split in ("train", "dev"):
        for gpath in sorted(glob.glob(os.path.join(work, split, "gold", "*.gold.json"))):
            name = os.path.basename(gpath)[: -len(".gold.json")]
            gold = json.load(open(gpath, encoding="utf-8"))
            out = load(os.path.join(work, split, "out", name + ".json"))
            ga = sg.GoldActors(gold.get("actors", []))
            by_id = {a.get("id"): a for a in out.get("actors") or [] if a.get("id")}
            oevs = out.get("events") or []
            gevs = gold.get("events", [])

            def match(g, e):
                if not code_ok(g, e.get("cameo")):
                    return False
                s, t = e.get("source"), e.get("target")
                if side_country(ga, g["source"], s, by_id) and side_country(ga, g["target"], t, by_id):
                    return True
                return bool(g.get("symmetric")) and side_country(ga, g["source"], t, by_id) and \
                    side_country(ga, g["target"], s, by_id)

            for g in gevs:
                if g.get("optional"):
                    continue
                root = g["cameo"][:2]
                required[root] += 1
                if any(match(g, e) for e in oevs):
                    found[root] += 1
                    continue
                near = [e for e in oevs if same_sentence(e.get("text"), g.get("sentence"))]
                kind = error_kind("missed", near, [code_ok(g, e.get("cameo")) for e in near])
                kinds[kind] += 1
                if listed and listed in kind:
                    print(f"{name} {kind}: gold {g['cameo']} {g['source']} -> {g['target']}; "
                          f"coded {', '.join(e.get('cameo', '') for e in near) or '-'}: "
                          f"{(g.get('sentence') or '')[:100]}")
            for e in oevs:
                root = (e.get("cameo") or "")[:2]
                out_by_root[root] += 1
                if any(match(g, e) for g in gevs):
                    out_ok[root] += 1
                    continue
                near = [g for g in gevs if same_sentence(e.get("text"), g.get("sentence"))]
                kind = error_kind("false", near, [code_ok(g, e.get("cameo")) for g in near])
                kinds[kind] += 1
                if listed and listed in kind:
                    print(f"{name} {kind}: {e.get('cameo')} {e.get('source_name')} -> {e.get('target_name')} "
                          f"[{e.get('rule')}]; gold {', '.join(g['cameo'] for g in near) or '-'}: "
                          f"{(e.get('text') or '')[:100]}")
    print("root  recall          precision")
    for root in sorted(set(required) | set(out_by_root)):
        r = f"{found[root]}/{required[root]}" if required[root] else "-"
        p = f"{out_ok[root]}/{out_by_root[root]}" if out_by_root[root] else "-"
        print(f"{root:4}  {r:14}  {p}")
    print("errors (train+dev):")
    for k, v in kinds.most_common():
        print(f"  {v:4}  {k}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
