#!/usr/bin/env bash
# tests/cli/test_quote_model.sh DATELINE SOURCE_DIR SHARED_DIR -- the learned
# choice of speakers (data/models/quotes.model, quote/quote.c): the bundled
# model, a model given with --quote-model that overrules the rules, the
# options that turn it off, and malformed model files refused by name.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the speaker names of the quotes of one article, one a line
speakers() { python3 -c 'import json,sys
o=json.load(sys.stdin); n={a["id"]: a["name"] for a in o["actors"]}
for q in o["quotes"]: print(n.get(q["speaker"], q["speaker"]))'; }

cat >"$tmp/harper.txt" <<'T'
Daniel Harper was released from prison last month. Harper, who was described as "dangerous" by the police, sent his girlfriend videos of fights and angry text messages, and advised her to leave her "worthless" family.
T
ok "the rules find no speaker" '[ "$("$bin" code --no-quote-model "$tmp/harper.txt" | speakers)" = None ]'
ok "--rules-only: neither" '[ "$("$bin" code --rules-only "$tmp/harper.txt" | speakers)" = None ]'
ok "the bundled model names him" '[ "$("$bin" code "$tmp/harper.txt" | speakers)" = "Daniel Harper" ]'

cat >"$tmp/talks.txt" <<'T'
Maria Lopez arrived in Geneva on Monday for the second round of talks.

John Smith said the talks had failed because neither side would move.
T
printf '# a model that prefers the last person named before\nby=context\t100\n' >"$tmp/context.model"
ok "the rules' speaker" '[ "$("$bin" code --no-quote-model "$tmp/talks.txt" | speakers)" = "John Smith" ]'
ok "a model overrules them" \
  '[ "$("$bin" code --quote-model "$tmp/context.model" "$tmp/talks.txt" | speakers)" = "Maria Lopez" ]'
ok "--rules-only keeps the rules' speaker" \
  '[ "$("$bin" code --rules-only --quote-model "$tmp/context.model" "$tmp/talks.txt" | speakers)" = "John Smith" ]'

printf 'by=context 100\n' >"$tmp/bad.model"
"$bin" code --quote-model "$tmp/bad.model" "$tmp/talks.txt" >/dev/null 2>"$tmp/err"; rc=$?
ok "a line without a tab is refused" '[ $rc -ne 0 ] && grep -q "bad.model:1: expected FEATURE<TAB>WEIGHT" "$tmp/err"'
printf 'by=context\tlots\n' >"$tmp/bad2.model"
"$bin" code --quote-model "$tmp/bad2.model" "$tmp/talks.txt" >/dev/null 2>"$tmp/err"; rc=$?
ok "a bad weight is refused" '[ $rc -ne 0 ] && grep -q "bad2.model:1: bad weight" "$tmp/err"'
"$bin" code --quote-model "$tmp/none.model" "$tmp/talks.txt" >/dev/null 2>"$tmp/err"; rc=$?
ok "a missing model is refused" '[ $rc -ne 0 ] && grep -q "none.model: cannot open" "$tmp/err"'
mkdir "$tmp/data" && cp -r "$src/data/." "$tmp/data/" && printf 'x\n' >"$tmp/data/models/quotes.model"
"$bin" code --data "$tmp/data" "$tmp/talks.txt" >/dev/null 2>"$tmp/err"; rc=$?
ok "a malformed bundled model is refused" '[ $rc -ne 0 ] && grep -q "quotes.model:1: expected" "$tmp/err"'
"$bin" train quotes 2>"$tmp/err"; rc=$?
ok "train quotes wants --gold and -o" '[ $rc -eq 2 ] && grep -q "required" "$tmp/err"'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
