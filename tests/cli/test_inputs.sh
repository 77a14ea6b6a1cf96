#!/usr/bin/env bash
# tests/cli/test_inputs.sh DATELINE SOURCE_DIR SHARED_DIR -- what the input
# walker takes (issue 12): a directory walk codes only the known input
# kinds, a file named on the command line is coded whatever its name, JSON
# Lines are known by their content (stdin included), and --date is a day
# of the calendar.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() { python3 -c "import sys; print(sum(1 for l in open(sys.argv[1]) if l.strip()))" "$1"; }
sources() { python3 -c "import json,sys; print(' '.join(json.loads(l)['article']['source'] for l in open(sys.argv[1])))" "$1"; }

# --- a directory: the .txt articles and the JSON Lines feed, not README.md
"$bin" code --no-body "$src/examples" >"$tmp/dir.jsonl" 2>"$tmp/dir.err"; rc=$?
ok "examples/ codes (exit $rc)" '[ $rc -eq 0 ]'
ok "README.md is left out of the walk" '! grep -q "README.md\"" "$tmp/dir.jsonl"'
ok "it is named, once" 'grep -q "1 file of no input kind left out (README.md)" "$tmp/dir.err"'
ok "4 articles and 2 feed records ($(count "$tmp/dir.jsonl"))" '[ "$(count "$tmp/dir.jsonl")" -eq 6 ]'
mkdir -p "$tmp/kinds/sub"
for k in a.txt b.html c.htm d.json e.jsonl f.txt g.md h.csv sub/i.txt sub/j.png; do
  printf 'Iran condemned Israel on Monday, officials said in Tehran.\n' >"$tmp/kinds/$k"
done
gzip "$tmp/kinds/f.txt"
printf '{"text": "Iran condemned Israel on Monday, officials said.", "date": "2024-03-04"}\n' >"$tmp/kinds/d.json"
printf '{"text": "Iran condemned Israel on Monday, officials said.", "date": "2024-03-04"}\n' >"$tmp/kinds/e.jsonl"
"$bin" extract --no-body "$tmp/kinds" >"$tmp/kinds.jsonl" 2>"$tmp/kinds.err"
ok "the known kinds are taken, in subfolders too ($(count "$tmp/kinds.jsonl"))" '[ "$(count "$tmp/kinds.jsonl")" -eq 7 ]'
ok "the others are counted per folder" 'grep -q "kinds: 2 files of no input kind left out (g.md, ...)" "$tmp/kinds.err" && grep -q "sub: 1 file of no input kind left out (j.png)" "$tmp/kinds.err"'
"$bin" extract --no-body "$src/examples/README.md" >"$tmp/readme.jsonl" 2>/dev/null; rc=$?
ok "a file named on the command line is coded whatever its name" '[ $rc -eq 0 ] && [ "$(count "$tmp/readme.jsonl")" -eq 1 ]'

# --- JSON Lines by content
cat "$src/examples/feed.jsonl" | "$bin" code --no-body >"$tmp/stdin.jsonl" 2>"$tmp/stdin.err"; rc=$?
ok "JSON Lines on stdin (exit $rc: $(head -c 200 "$tmp/stdin.err"))" '[ $rc -eq 0 ] && [ "$(count "$tmp/stdin.jsonl")" -eq 2 ]'
ok "stdin records are named -:LINE" '[ "$(sources "$tmp/stdin.jsonl")" = "-:1 -:2" ]'
cp "$src/examples/feed.jsonl" "$tmp/feed.data"
"$bin" code --no-body "$tmp/feed.data" >"$tmp/data.jsonl" 2>/dev/null; rc=$?
ok "JSON Lines in a file not named .jsonl" '[ $rc -eq 0 ] && [ "$(sources "$tmp/data.jsonl")" = "$tmp/feed.data:1 $tmp/feed.data:2" ]'
gzip -c "$src/examples/feed.jsonl" >"$tmp/feed.json.gz"
"$bin" code --no-body "$tmp/feed.json.gz" >"$tmp/gz.jsonl" 2>/dev/null
ok "JSON Lines in a .json.gz" '[ "$(count "$tmp/gz.jsonl")" -eq 2 ]'
python3 -c "import json; print(json.dumps({'text': 'Iran condemned Israel on Monday.', 'title': 'One', 'date': '2024-03-04'}, indent=2))" >"$tmp/pretty.json"
"$bin" code --no-body "$tmp/pretty.json" >"$tmp/pretty.out" 2>/dev/null
ok "an indented JSON record stays one record" '[ "$(count "$tmp/pretty.out")" -eq 1 ] && grep -q "\"title\":\"One\"" "$tmp/pretty.out"'
printf '{"text": "Iran condemned Israel on Monday."}\nThe rest is prose, not JSON.\n' >"$tmp/mixed.txt"
"$bin" extract --no-body "$tmp/mixed.txt" >"$tmp/mixed.out" 2>/dev/null
ok "a JSON line followed by prose is text" '[ "$(count "$tmp/mixed.out")" -eq 1 ]'

# --- --date: a calendar day or a usage error naming the value
for d in yesterday 15/03/2024 2024-02-31 2023-02-29 2024-13-01; do
  "$bin" code --date "$d" "$src/examples/2018-06-12-singapore-summit.txt" >/dev/null 2>"$tmp/err"; rc=$?
  ok "code --date $d exits 2 naming it" '[ $rc -eq 2 ] && grep -q "\-\-date '"'"'$d'"'"'" "$tmp/err"'
done
"$bin" ingest --db "$tmp/x.db" --date 2024-02-31 "$src/examples" >/dev/null 2>"$tmp/err"; rc=$?
ok "ingest --date 2024-02-31 exits 2" '[ $rc -eq 2 ] && grep -q "no day of the calendar" "$tmp/err" && [ ! -e "$tmp/x.db" ]'
"$bin" extract --date yesterday "$src/examples" >/dev/null 2>"$tmp/err"; rc=$?
ok "extract --date yesterday exits 2" '[ $rc -eq 2 ] && grep -q "YYYY-MM-DD" "$tmp/err"'
printf 'Iran condemned Israel on Tuesday, officials said in Tehran.\n' >"$tmp/nodate.txt"
"$bin" code --no-body --date 2024-02-29 "$tmp/nodate.txt" >"$tmp/leap.jsonl"; rc=$?
ok "--date 2024-02-29 is a day: published, and Tuesday before it" '[ $rc -eq 0 ] && grep -q "\"published\":\"2024-02-29\"" "$tmp/leap.jsonl" && grep -q "\"date\":\"2024-02-27\"" "$tmp/leap.jsonl"'
"$bin" query --db "$tmp/none.db" --since 2024-02-30 >/dev/null 2>"$tmp/err"; rc=$?
ok "query --since 2024-02-30 exits 2" '[ $rc -eq 2 ]'

# --- parse takes the inputs code takes; --input names the input's format
printf '<html><head><title>T</title></head><body><article><p>Iran was criticized by the United States on Monday, officials said.</p></article></body></html>' >"$tmp/p.html"
"$bin" parse "$tmp/p.html" >"$tmp/p.conllu" 2>"$tmp/err"; rc=$?
ok "parse on an HTML page parses its article, not its markup" '[ $rc -eq 0 ] && grep -q "^1	Iran	" "$tmp/p.conllu" && ! grep -q "<p>" "$tmp/p.conllu"'
"$bin" parse "$src/examples/feed.jsonl" >"$tmp/feed.conllu" 2>/dev/null; rc=$?
ok "parse on JSON Lines" '[ $rc -eq 0 ] && grep -q "# text = " "$tmp/feed.conllu"'
printf 'Iran was criticized by the United States .\n' | "$bin" parse --input lines >"$tmp/lines.conllu"
ok "parse --input lines" '[ "$(grep -c "^[0-9]" "$tmp/lines.conllu")" -eq 8 ]'
"$bin" parse --format xml "$tmp/p.html" >/dev/null 2>"$tmp/err"; rc=$?
ok "parse --format names the output (conllu only)" '[ $rc -eq 2 ] && grep -q "unknown format .xml." "$tmp/err"'

echo "test_inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
