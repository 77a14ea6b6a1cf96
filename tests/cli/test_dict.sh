#!/usr/bin/env bash
# tests/cli/test_dict.sh DATELINE SOURCE_DIR SHARED_DIR -- users' TABARI/
# PETRARCH dictionaries (--dict): the coder over our own small test
# dictionaries (tests/data/pdict), the warnings for lines that do not parse,
# and the seed article with the Phoenix dictionaries loaded, which must
# score no lower than with our defaults (issue 5).
set -u
bin=$1 src=$2 shared=$3
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dict="$src/tests/data/pdict"

# code DATE TEXT: the events as "SOURCE TARGET CODE" lines, sorted
code() {
  printf '%s\n' "$2" | "$bin" code --dict-only --dict "$dict" -d "$1" -f tsv |
    tail -n +2 | cut -f3,6,9 | tr '\t' ' ' | sort | tr '\n' ';'
}
expect() {  # NAME DATE TEXT WANT
  got=$(code "$2" "$3") want=$4
  ok "$1: want '$want' got '$got'" '[ "$got" = "$want" ]'
}

expect "block code" 1995-01-01 "Freedonia condemned Sylvania on Monday." "FRD SYL 122;"
expect "verb's own code, agents, 'of' links an agent to its actor" 1995-01-01 \
  "Freedonian soldiers denounced the government of Sylvania." "FRDMIL SYLGOV 123;"
expect "dated code, first term" 1933-06-01 "Rufus Firefly met Trentino in Marshovia City." \
  "FRDGOV SYLGOV 031;SYLGOV FRDGOV 031;"
expect "dated code, after the term" 1935-06-01 "Rufus Firefly met Trentino in Marshovia City." \
  "FRDELI SYLGOV 031;SYLGOV FRDELI 031;"
expect "undated fallback" 1920-06-01 "Rufus Firefly met Trentino." "FRD SYLGOV 031;SYLGOV FRD 031;"
expect "compound subject of a two-way verb" 1995-01-01 "Freedonia and Sylvania met on Tuesday." \
  "FRD SYL 031;SYL FRD 031;"
expect "synset pattern" 1995-01-01 "Freedonia sent food to Sylvania." "FRD SYL 073;"
expect "pattern with a preposition" 1995-01-01 "Freedonia sent troops to Sylvania." "FRD SYL 154;"
expect "verb with no code of its own codes nothing" 1995-01-01 "Freedonia sent letters to Sylvania." ""
expect "a [---] pattern suppresses" 1995-01-01 "Freedonia did not send food to Sylvania." ""
expect "passive with by" 1995-01-01 "Freedonia was condemned by Sylvania." "SYL FRD 122;"
expect "an irregular form the dictionary does not list, by its lemma" 1995-01-01 \
  "Freedonia sought talks with Sylvania." "FRD SYL 026;"
expect "substitution set and longer pattern" 1995-01-01 \
  "Freedonian congressmen accused Sylvania of spying." "FRDLEG SYL 1121;"
expect "prefix agent" 1995-01-01 "The Red Crescent of Freedonia condemned Sylvania." "NGOFRD SYL 122;"
expect "multi-word verb, two-way code" 1995-01-01 "The Freedonian government touched down in Sylvania." \
  "FRDGOV SYL 032;SYL FRDGOV 033;"
expect "one phrase, two actors" 1995-01-01 "The two banks condemned Trentino." \
  "FRD SYLGOV 122;SYL SYLGOV 122;"
expect "sentence discard" 1995-01-01 "Freedonia condemned Sylvania after the football match." ""
expect "transformation: a says a attacked b" 1995-01-01 "Freedonia said it attacked Sylvania." "FRD SYL 015;"
expect "transformation: a says a did Q to b" 1995-01-01 "Freedonia said it condemned Sylvania." "FRD SYL 122;"
expect "no transformation when the inner source differs" 1995-01-01 \
  "Freedonia said Sylvania attacked Trentino." "FRD SYL 010;SYL SYLGOV 190;"
expect "transformation: a wants to attack b" 1995-01-01 "Freedonia wants to attack Sylvania." "FRD SYL 138;"
out=$(printf 'Freedonia condemned Sylvania.\n\nThe crossword puzzle was hard.\n' |
  "$bin" code --dict-only --dict "$dict" -d 1995-01-01 -f tsv | tail -n +2)
ok "story discard codes nothing in the story" '[ -z "$out" ]'

# issues: each event gets the issues its sentences name
issues() {  # TEXT -> the first event's issues, comma-separated
  printf '%s\n' "$1" | "$bin" code --dict-only --dict "$dict" -d 1995-01-01 |
    python3 -c 'import json,sys; e=json.load(sys.stdin)["events"]; print(",".join(e[0].get("issues", [])) if e else "none")'
}
ok "issue from a noun form" '[ "$(issues "Freedonia condemned Sylvania over the famines.")" = FAMINE ]'
ok "issues from two phrases, hyphen variant, verb form" \
  '[ "$(issues "Freedonia condemned Sylvania for rationing grain-stores.")" = "RATIONING,GRAIN" ]'
ok "an ignore phrase names no issue" '[ "$(issues "Freedonia condemned Sylvania after a food shortage drill.")" = "" ]'
ok "a phrase without a code names its category" '[ "$(issues "Freedonia condemned Sylvania for hiring spies.")" = ESPIONAGE ]'

# without --dict-only, our lexicon codes first, over our actors; their verbs
# code the sentences ours leave, over their actors too
out=$(printf 'Freedonia condemned Sylvania.\n' | "$bin" code --dict "$dict" -d 1995-01-01 -f tsv | tail -n +2 | cut -f3,6,9 | tr '\t\n' ' ;')
ok "their verb where ours find no event ($out)" '[ "$out" = "FRD SYL 122;" ]'
out=$(printf 'Freedonia touched down in Sylvania.\n' | "$bin" code --dict "$dict" -d 1995-01-01 -f tsv | tail -n +2 | cut -f3,6,9 | tr '\t\n' ' ;')
ok "added dictionaries code what ours leave ($out)" '[ "$out" = "FRD SYL 032;SYL FRD 033;" ]'

# --- lines that do not parse are skipped, named by file and line
cp "$dict"/*.txt "$tmp/"
printf 'BROKEN_AGENT [~GOV\nGOOD_AGENT [~LEG]\n' >>"$tmp/test.agents.txt"
printf 'Freedonia condemned Sylvania.\n' | "$bin" code --dict-only --dict "$tmp" -d 1995-01-01 -f tsv \
  >"$tmp/out" 2>"$tmp/err"; rc=$?
ok "a malformed line is a warning, not a failure" '[ $rc -eq 0 ] && grep -q "122" "$tmp/out"'
ok "the warning names file and line" 'grep -q "test.agents.txt:8: .*line skipped" "$tmp/err"'
"$bin" code --dict "$tmp/nosuch.verbs.txt" "$src/examples" >/dev/null 2>"$tmp/err"; rc=$?
ok "a missing dictionary fails naming it" '[ $rc -eq 1 ] && grep -q "nosuch.verbs.txt" "$tmp/err"'
printf 'x\n' >"$tmp/notes.txt"
"$bin" code --dict "$tmp/notes.txt" "$src/examples" >/dev/null 2>"$tmp/err"; rc=$?
ok "a file of no known kind is refused" '[ $rc -ne 0 ] && grep -q "notes.txt" "$tmp/err"'

# --- the seed with the Phoenix dictionaries: no lower than our defaults
p="$shared/data/petrarch2"
seed="$shared/seed/000_8b56783a122f561b.txt"
gold="$shared/seed/000_8b56783a122f561b.gold.json"
if have_shared "$p/CAMEO.2.0.txt" "$seed" "$gold"; then
  "$bin" code "$seed" >"$tmp/default.json"
  "$bin" code "$seed" --dict "$p/CAMEO.2.0.txt" --dict "$p/Phoenix.Countries.actors.txt" \
    --dict "$p/Phoenix.International.actors.txt" --dict "$p/Phoenix.MilNonState.actors.txt" \
    --dict "$p/Phoenix.agents.txt" --dict "$p/Phoenix.discards.txt" >"$tmp/phoenix.json" 2>"$tmp/err"
  ok "Phoenix dictionaries load (warnings only)" '[ -s "$tmp/phoenix.json" ]'
  python3 - "$shared/tools/score_gold.py" "$gold" "$tmp/default.json" "$tmp/phoenix.json" >"$tmp/cmp" 2>&1 <<'PY'
import re, subprocess, sys
tool, gold, a, b = sys.argv[1:]
def scores(path):
    out = subprocess.run([sys.executable, tool, gold, path], capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith("score:")][-1]
    return {k: float(v) for k, v in re.findall(r"(\w+) P=[\d.]+ R=[\d.]+ F1=([\d.]+)", line)}, line
da, la = scores(a)
db, lb = scores(b)
print("default:", la)
print("phoenix:", lb)
bad = [k for k in ("events_country", "events_actor", "actors", "quotes") if db.get(k, 0) < da.get(k, 0)]
sys.exit(1 if bad else 0)
PY
  rc=$?
  ok "seed with Phoenix dictionaries scores no lower ($(tail -n 1 "$tmp/cmp"))" '[ $rc -eq 0 ]'
fi

finish "test_dict" "$pass" "$fail"
