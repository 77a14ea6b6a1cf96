#!/usr/bin/env bash
# tests/cli/test_conllu.sh DATELINE SOURCE_DIR SHARED_DIR -- the CoNLL-U of
# `dateline parse` passes tools/conllu_check.py (UD's level 1-2 checks: ids,
# heads, one root, "# text" equal to the forms and SpaceAfter=No, lemmas
# present, FEATS sorted): on the examples, on 100+ sentences of real news
# (../shared/news-dev, when there), on EWT test read as CoNLL-U; and the
# checker itself refuses broken files.
set -u
bin=$1 src=$2 shared=$3
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check="python3 $src/tools/conllu_check.py"

"$bin" parse "$src"/examples/*.txt >"$tmp/ex.conllu"
ok "parse the examples" '[ $? -eq 0 ] && [ -s "$tmp/ex.conllu" ]'
ok "examples pass the checker" '$check "$tmp/ex.conllu" >"$tmp/ex.log" || { cat "$tmp/ex.log" >&2; false; }'
ok "one newdoc per input" '[ "$(grep -c "^# newdoc id = " "$tmp/ex.conllu")" -eq "$(ls "$src"/examples/*.txt | wc -l)" ]'
ok "lemmas are written" 'grep -qP "^\d+\tsaid\tsay\tVERB\t" "$tmp/ex.conllu"'
ok "FEATS are written" 'grep -qP "\tNNS\tNumber=Plur\t" "$tmp/ex.conllu"'
ok "SpaceAfter=No is written" 'grep -q "SpaceAfter=No" "$tmp/ex.conllu"'
ok "entities as NE= in MISC" 'grep -qP "\tNE=B-(PER|LOC|ORG|MISC)" "$tmp/ex.conllu" && ! grep -q "Entity=" "$tmp/ex.conllu"'

# --- the same from one-sentence-a-line input and from stdin
printf 'Iran said on Monday it would resume talks .\nThey met in Vienna .\n' |
    "$bin" parse --input lines >"$tmp/lines.conllu"
ok "lines input passes" '$check "$tmp/lines.conllu" >/dev/null && [ "$(grep -c "^# sent_id" "$tmp/lines.conllu")" -eq 2 ]'

# --- real news (Wikinews articles of ../shared/news-dev): at least 100 sentences
if [ -d "$shared/news-dev" ]; then
    "$bin" parse "$shared"/news-dev/0[1-6].txt >"$tmp/news.conllu"
    n=$(grep -c "^# sent_id" "$tmp/news.conllu")
    ok "100 or more news sentences ($n)" '[ "$n" -ge 100 ]'
    ok "news passes the checker" '$check "$tmp/news.conllu" >"$tmp/news.log" || { head -20 "$tmp/news.log" >&2; false; }'
else
    echo "skipping the news-dev sentences: no $shared/news-dev" >&2
fi
ewt=$shared/data/ud-ewt/en_ewt-ud-test.conllu
if [ -f "$ewt" ]; then
    "$bin" parse --input conllu "$ewt" >"$tmp/ewt.conllu"
    ok "EWT test re-parsed passes (text rebuilt from SpaceAfter)" '$check "$tmp/ewt.conllu" >/dev/null'
fi

# --- the checker refuses what is wrong
awk 'BEGIN{FS=OFS="\t"} /^1\t/ && !done {$10="SpaceAfter=No"; done=1} {print}' "$tmp/ex.conllu" >"$tmp/bad1.conllu"
ok "checker: SpaceAfter against # text" '! $check "$tmp/bad1.conllu" >"$tmp/bad1.log" && grep -q "differs" "$tmp/bad1.log"'
awk 'BEGIN{FS=OFS="\t"} /^2\t/ && !done {$7="0"; $8="root"; done=1} {print}' "$tmp/ex.conllu" >"$tmp/bad2.conllu"
ok "checker: two roots" '! $check "$tmp/bad2.conllu" >"$tmp/bad2.log" && grep -q "roots" "$tmp/bad2.log"'
awk 'BEGIN{FS=OFS="\t"} /^3\t/ && !done {$3="_"; done=1} {print}' "$tmp/ex.conllu" >"$tmp/bad3.conllu"
ok "checker: missing lemma" '! $check "$tmp/bad3.conllu" >"$tmp/bad3.log" && grep -q "no lemma" "$tmp/bad3.log"'
sed '0,/^# sent_id = 2$/s//# sent_id = 1/' "$tmp/ex.conllu" >"$tmp/bad4.conllu"
ok "checker: repeated sent_id" '! $check "$tmp/bad4.conllu" >"$tmp/bad4.log" && grep -q "used twice" "$tmp/bad4.log"'
awk 'BEGIN{FS=OFS="\t"} /^4\t/ && !done {$6="Tense=Past|Mood=Ind"; done=1} {print}' "$tmp/ex.conllu" >"$tmp/bad5.conllu"
ok "checker: unsorted FEATS" '! $check "$tmp/bad5.conllu" >"$tmp/bad5.log" && grep -q "not sorted" "$tmp/bad5.log"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
