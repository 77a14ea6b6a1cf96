#!/usr/bin/env bash
# tests/cli/test_validate.sh DATELINE SOURCE_DIR SHARED_DIR -- `dateline
# validate`: a small records file the default engine codes (one expectation
# right, one wrong, one with no events), malformed XML, usage errors, and the
# PETRARCH2 unit-test records scored with their own dictionaries.
set -u
bin=$1 src=$2 shared=$3
. "$(dirname "$0")/lib.sh"
need_shared "$shared/data/petrarch2/PETR.UnitTest.records.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The least share of PETR.UnitTest.records.xml coded exactly (percent); raise
# it as the PETRARCH dictionary support improves.
MIN_EXACT=85

petr="$shared/data/petrarch2"

# --- help and usage errors
ok "validate --help" '"$bin" validate --help | grep -q "usage: dateline validate"'
ok "validate is in the command list" '"$bin" --help | grep -q "^  validate "'
"$bin" validate >/dev/null 2>"$tmp/err"; rc=$?
ok "no --petrarch exits 2 and says so" '[ $rc -eq 2 ] && grep -q "petrarch" "$tmp/err"'
"$bin" validate --bogus >/dev/null 2>&1; ok "bad option exits 2" '[ $? -eq 2 ]'
"$bin" validate --petrarch "$petr/single_test.xml" extra >/dev/null 2>&1
ok "a stray argument exits 2" '[ $? -eq 2 ]'

# --- a small records file: R-01 right, R-02 half wrong, R-03 no events,
# R-04 not active (sentence="false")
cat >"$tmp/records.xml" <<'EOF'
<Validation>
<Environment><Verbfile>none.txt</Verbfile></Environment>
<Sentences>
<Sentence date="20220224" id="R-01" category="ATTACK" sentence="true">
<EventCoding sourcecode="RUS" targetcode="UKR" eventcode="180"></EventCoding>
<Text>
Russia attacked
Ukraine on Thursday.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="20200915" id="R-02" category="ACCUSE" sentence="true">
<!-- the second expectation is wrong on purpose -->
<EventCoding sourcecode="IRN" targetcode="ARE" eventcode="111"></EventCoding>
<EventCoding sourcecode="IRN" targetcode="BHR" eventcode="112"></EventCoding>
<Text>Iran condemned the United Arab Emirates and Bahrain.</Text>
</Sentence>
<Sentence date="20200101" id="R-03" category="ACCUSE" valid="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather was mild in Paris on Monday.</Text>
</Sentence>
<Sentence date="20220224" id="R-04" category="ATTACK" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Russia attacked Ukraine on Thursday.</Text>
</Sentence>
</Sentences>
</Validation>
EOF
"$bin" validate --petrarch "$tmp/records.xml" >"$tmp/out" 2>"$tmp/err"; rc=$?
ok "records run exits 0" '[ $rc -eq 0 ]'
ok "last line counts exact records" '[ "$(tail -n 1 "$tmp/out")" = "records exact: 2/3 = 66.7%" ]'
ok "event precision and recall" \
  'grep -qx "events: precision 0.667  recall 0.667  F1 0.667 (2/3, 2/3)" "$tmp/out"'
ok "per-category lines" 'grep -qx "ATTACK *1/1" "$tmp/out" && grep -qx "ACCUSE *1/2" "$tmp/out"'
ok "no MISS lines without --verbose" '! grep -q "^MISS" "$tmp/out"'
"$bin" validate --petrarch "$tmp/records.xml" --verbose >"$tmp/out" 2>&1
ok "--verbose shows the miss" \
  'grep -qx "MISS R-02 \[ACCUSE\]: expected {IRN ARE 111, IRN BHR 112} got {IRN ARE 111, IRN BHR 111}" "$tmp/out"'
ok "--verbose shows one miss" '[ "$(grep -c "^MISS" "$tmp/out")" -eq 1 ]'
"$bin" validate --petrarch "$tmp/records.xml" --category ATTACK >"$tmp/out" 2>&1
ok "--category keeps one category" '[ "$(tail -n 1 "$tmp/out")" = "records exact: 1/1 = 100.0%" ]'
"$bin" validate --petrarch "$tmp/records.xml" --dict "$tmp" >/dev/null 2>"$tmp/err"; rc=$?
ok "a missing dictionary exits 1 naming it" '[ $rc -eq 1 ] && grep -q "$tmp/none.txt" "$tmp/err"'

# --- malformed XML: FILE:LINE on stderr, exit 1
printf '<Validation>\n<Sentences>\n<Sentence id="B-01" sentence="true">\n<Text>x</Text>\n</Sentences>\n' \
  >"$tmp/bad.xml"
"$bin" validate --petrarch "$tmp/bad.xml" >/dev/null 2>"$tmp/err"; rc=$?
ok "malformed XML exits 1 with file:line" '[ $rc -eq 1 ] && grep -q "$tmp/bad.xml:5: " "$tmp/err"'
printf '<Records/>\n' >"$tmp/other.xml"
"$bin" validate --petrarch "$tmp/other.xml" >/dev/null 2>"$tmp/err"; rc=$?
ok "another root element exits 1" '[ $rc -eq 1 ] && grep -q "not <Validation>" "$tmp/err"'
printf '\xff\xfe\x00<\x00V' >"$tmp/binary.xml"
"$bin" validate --petrarch "$tmp/binary.xml" >/dev/null 2>&1; ok "binary bytes exit 1" '[ $? -eq 1 ]'
"$bin" validate --petrarch "$tmp/missing.xml" >/dev/null 2>"$tmp/err"; rc=$?
ok "a missing file exits 1" '[ $rc -eq 1 ] && grep -q "missing.xml" "$tmp/err"'

# --- the PETRARCH2 unit-test records with their dictionaries
"$bin" validate --petrarch "$petr/PETR.UnitTest.records.xml" --dict "$petr" >"$tmp/out" 2>"$tmp/err"; rc=$?
last=$(tail -n 1 "$tmp/out")
ok "unit-test records run exits 0" '[ $rc -eq 0 ]'
ok "all 279 active records scored ($last)" \
  '[[ "$last" =~ ^records\ exact:\ [0-9]+/279\ =\ [0-9]+\.[0-9]%$ ]]'
ok "at least $MIN_EXACT% exact ($last)" \
  'awk -v p="${last##* }" -v m="$MIN_EXACT" "BEGIN { exit !(p + 0 >= m + 0) }"'
ok "the error records have their line" 'grep -q "^error records: [0-9]*/7 exact" "$tmp/out"'
"$bin" validate --petrarch "$petr/single_test.xml" --dict "$petr" >"$tmp/out" 2>&1
ok "valid= records are read" '[[ "$(tail -n 1 "$tmp/out")" =~ /276\ = ]]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
