#!/usr/bin/env bash
# tests/cli/test_issues.sh DATELINE SOURCE_DIR SHARED_DIR -- event issues
# (users' issue dictionaries, --dict) in the store: ingest keeps them,
# `dateline query --issue CODE` finds the events that carry the whole code
# (not a part of one), JSON rows list them and TSV/CSV rows end with them.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/issues.db"

printf 'Freedonia condemned Sylvania over the famine.\n\nSylvania condemned Freedonia.\n' >"$tmp/a.txt"
"$bin" ingest --db "$db" --dict-only --dict "$src/tests/data/pdict" -d 1995-01-01 "$tmp/a.txt" \
  >"$tmp/out" 2>"$tmp/err"
ok "ingest with an issue dictionary: $(cat "$tmp/err")" '[ $? -eq 0 ] && grep -q "2 events" "$tmp/err"'

# events as "SOURCE TARGET ISSUES" lines from the JSON rows: the issues list
# as "[A|B]", "[]" when empty
rows() {
  "$bin" query --db "$db" -f json "$@" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    assert isinstance(e["issues"], list)
    print(e["source_code"], e["target_code"], "[" + "|".join(e["issues"]) + "]")'
}
got=$(rows --issue FAMINE)
ok "--issue FAMINE finds the first event only: '$got'" '[ "$got" = "FRD SYL [FAMINE]" ]'
got=$(rows --issue famine)
ok "in any case: '$got'" '[ "$got" = "FRD SYL [FAMINE]" ]'
got=$(rows --issue FAM)
ok "a part of a code matches nothing: '$got'" '[ -z "$got" ]'
got=$(rows --issue 'FAM%')
ok "LIKE wildcards are plain characters: '$got'" '[ -z "$got" ]'
got=$(rows)
ok "every row lists its issues, [] when none: '$got'" \
  '[ "$got" = "$(printf "FRD SYL [FAMINE]\nSYL FRD []")" ]'

"$bin" query --db "$db" -f tsv >"$tmp/tsv"
ok "TSV has the issues in column 20" '[ "$(head -n 1 "$tmp/tsv" | awk -F"\t" "{print \$20}")" = issues ]'
ok "TSV rows have their issues" \
  '[ "$(tail -n +2 "$tmp/tsv" | awk -F"\t" "{print \$3 \":\" \$20}" | tr "\n" " ")" = "FRD:FAMINE SYL: " ]'
"$bin" query --db "$db" -f csv --issue FAMINE >"$tmp/csv"
csv20() { python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print(r[int(sys.argv[2])][19])" "$tmp/csv" "$1"; }
ok "CSV: header and row have issues in column 20" \
  '[ "$(csv20 0)" = issues ] && [ "$(csv20 -1)" = FAMINE ]'

# two issues in one event: stored joined by ',', each found whole
printf 'Freedonia condemned Sylvania for rationing grain-stores.\n' >"$tmp/b.txt"
"$bin" ingest --db "$db" --dict-only --dict "$src/tests/data/pdict" -d 1995-01-02 "$tmp/b.txt" \
  >/dev/null 2>&1
got=$(rows --issue GRAIN)
ok "the second of two issues: '$got'" '[ "$got" = "FRD SYL [RATIONING|GRAIN]" ]'
got=$(rows --issue RATIONING --since 1995-01-02)
ok "the first of two issues: '$got'" '[ "$got" = "FRD SYL [RATIONING|GRAIN]" ]'

# code TSV carries them too
got=$(printf 'Freedonia condemned Sylvania over the famine.\n' |
  "$bin" code --dict-only --dict "$src/tests/data/pdict" -d 1995-01-01 -f tsv | tail -n 1 |
  awk -F'\t' '{print $20}')
ok "code TSV has the issues in column 20: '$got'" '[ "$got" = FAMINE ]'

# misuse
"$bin" query --db "$db" --issue 'A,B' >/dev/null 2>"$tmp/err"; rc=$?
ok "one code per --issue" '[ $rc -eq 2 ] && grep -q "not one issue code" "$tmp/err"'
"$bin" query --db "$db" --quotes --issue FAMINE >/dev/null 2>"$tmp/err"; rc=$?
ok "--issue is for events" '[ $rc -eq 2 ] && grep -q "issue does not apply to quotes" "$tmp/err"'
"$bin" query --help | grep -q -- "--issue CODE"
ok "--help lists --issue" '[ $? -eq 0 ]'

echo "test_issues: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
