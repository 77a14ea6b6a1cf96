#!/usr/bin/env bash
# tests/cli/test_gdelt.sh DATELINE SOURCE_DIR SHARED_DIR -- `dateline code
# --format gdelt` (issue 12): the rows load into SQLite with the GDELT 2.0
# column names and types (docs/gdelt-events.sql), and GLOBALEVENTIDs are
# unique across a 1,000-article corpus and identical between two runs.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- 1,000 distinct articles (the examples varied: dates, titles, URLs)
python3 "$src/bench/store/make_corpus.py" "$src/examples" 1000 "$tmp/corpus.jsonl"
ok "a corpus of 1,000 articles" '[ "$(wc -l <"$tmp/corpus.jsonl")" -eq 1000 ]'
# two runs at once (one with SOURCE_DATE_EPOCH, one at the time of the run)
SOURCE_DATE_EPOCH=1709900000 "$bin" code --format gdelt "$tmp/corpus.jsonl" >"$tmp/run1.tsv" 2>"$tmp/err" &
p1=$!
"$bin" code --format gdelt "$tmp/corpus.jsonl" >"$tmp/run2.tsv" 2>/dev/null &
p2=$!
wait $p1; rc=$?
wait $p2; rc2=$?
ok "code --format gdelt exits 0 ($(head -c 200 "$tmp/err"))" '[ $rc -eq 0 ] && [ $rc2 -eq 0 ]'
ok "two runs give the same GLOBALEVENTIDs, in the same order" \
  '[ "$(cut -f1 "$tmp/run1.tsv" | md5sum)" = "$(cut -f1 "$tmp/run2.tsv" | md5sum)" ]'
ok "and the same rows but for DATEADDED" \
  '[ "$(cut -f1-59,61 "$tmp/run1.tsv" | md5sum)" = "$(cut -f1-59,61 "$tmp/run2.tsv" | md5sum)" ]'
rows=$(wc -l <"$tmp/run1.tsv")
ok "events were coded ($rows rows)" '[ "$rows" -gt 2000 ]'
ok "GLOBALEVENTIDs are unique across the corpus" '[ "$(cut -f1 "$tmp/run1.tsv" | sort -u | wc -l)" -eq "$rows" ]'
ok "every row has 61 columns" '[ "$(awk -F"\t" "NF != 61" "$tmp/run1.tsv" | wc -l)" -eq 0 ]'
ok "DATEADDED is the run's time (SOURCE_DATE_EPOCH)" '[ "$(cut -f60 "$tmp/run1.tsv" | sort -u)" = 20240308121320 ]'

# --- into SQLite: the codebook's names, each value of its column's type
python3 - "$src/docs/gdelt-events.sql" "$tmp/run1.tsv" "$tmp/gdelt.db" >"$tmp/load.out" 2>&1 <<'PY'
import sqlite3, sys
schema, rows, path = sys.argv[1:]
db = sqlite3.connect(path)
db.executescript(open(schema).read())
cols = [(r[1], r[2]) for r in db.execute("PRAGMA table_info(events)")]
assert len(cols) == 61, len(cols)
conv = {"INTEGER": int, "REAL": float, "TEXT": str}
n = 0
for line in open(rows, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    assert len(f) == 61, (len(f), line[:80])
    vals = [None if v == "" else conv[t](v) for v, (_, t) in zip(f, cols)]
    db.execute("INSERT INTO events VALUES (%s)" % ",".join("?" * 61), vals)
    n += 1
db.commit()
# every stored value has its column's type (or is NULL)
want = {"INTEGER": "integer", "REAL": "real", "TEXT": "text"}
for name, t in cols:
    kinds = {k for (k,) in db.execute("SELECT DISTINCT typeof(%s) FROM events" % name)}
    assert kinds <= {want[t], "null"}, (name, kinds)
# the values GDELT users query by
assert db.execute("SELECT count(*) FROM events").fetchone()[0] == n
assert db.execute("SELECT count(*) FROM events WHERE SQLDATE / 100 != MonthYear").fetchone()[0] == 0
assert db.execute("SELECT count(*) FROM events WHERE EventRootCode != substr(EventCode, 1, 2)").fetchone()[0] == 0
assert db.execute("SELECT count(*) FROM events WHERE QuadClass NOT BETWEEN 1 AND 4").fetchone()[0] == 0
assert db.execute("SELECT count(*) FROM events WHERE Actor1Code = 'RUS' AND EventRootCode = '18'").fetchone()[0] > 0
assert db.execute("SELECT count(*) FROM events WHERE ActionGeo_Type > 0 AND ActionGeo_Lat IS NOT NULL").fetchone()[0] > 0
print("loaded %d rows" % n)
PY
ok "the rows load into SQLite with the GDELT 2.0 names and types ($(tail -n 1 "$tmp/load.out"))" \
  'grep -q "^loaded" "$tmp/load.out"'

# --- the page's own ids in the other outputs
"$bin" code --format tsv "$src/examples/2022-02-24-ukraine-invasion.txt" >"$tmp/one.tsv"
"$bin" code --format gdelt "$src/examples/2022-02-24-ukraine-invasion.txt" >"$tmp/one.gdelt"
ok "TSV event_id is the GLOBALEVENTID" '[ "$(tail -n +2 "$tmp/one.tsv" | cut -f1)" = "$(cut -f1 "$tmp/one.gdelt")" ]'
"$bin" code "$src/examples/2022-02-24-ukraine-invasion.txt" >"$tmp/one.json"
ok "JSON global_id is the GLOBALEVENTID" \
  '[ "$(python3 -c "import json,sys; print(\"\n\".join(str(e[\"global_id\"]) for e in json.load(open(sys.argv[1]))[\"events\"]))" "$tmp/one.json")" = "$(cut -f1 "$tmp/one.gdelt")" ]'
ok "JSON events carry their PLOVER mode, TSV too" \
  'grep -q "\"plover\":\"ASSAULT\",\"plover_mode\":\"aerial\"\|\"plover_mode\":\"[a-z]" "$tmp/one.json" && [ -n "$(tail -n +2 "$tmp/one.tsv" | cut -f21 | grep -v "^$" | head -n 1)" ]'
"$bin" code --format xml "$src/examples" >/dev/null 2>"$tmp/err"; rc=$?
ok "an unknown format names gdelt among the known" '[ $rc -eq 2 ] && grep -q "gdelt" "$tmp/err"'

echo "test_gdelt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
