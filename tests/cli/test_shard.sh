#!/usr/bin/env bash
# tests/cli/test_shard.sh -- `dateline ingest --shard I/N` and `dateline
# status` (issue 15): bad values are usage errors; the N shards of a corpus
# (JSON Lines records, and the responses of a WARC file when ../shared is
# there) partition it exactly, so their union is a single-process ingest
# of the same corpus row for row; a shard run again stores nothing; status
# counts what is stored in all and per shard, and the inputs that failed
# (a gzip cut short, a link to a missing file, a JSON record cut short) or
# were left out (French, of no input kind), each in its shard, once however
# often they are met; a file that could not be read is cleared by any task
# that reads it whole once fixed, the others once the fixed input is
# stored; --failed and --skipped list them with their shards and errors; a
# store of schema version 6 or 7 keeps its rows when ingest upgrades it.
# Also on PostgreSQL when DATELINE_TEST_PG is set.
#
#   bash test_shard.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -u
bin=$1
src=$2
shared=${3:-$src/../shared}
. "$src/tests/cli/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-shard-XXXXXX")
pgschema= pgold=
cleanup() {
  for s in $pgschema $pgold; do psql -X -q "$DATELINE_TEST_PG" -c "DROP SCHEMA $s CASCADE" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
command -v sqlite3 >/dev/null 2>&1 || { echo "skipped: needs sqlite3"; exit 77; }

# ---- usage errors --------------------------------------------------------
for bad in 3/3 4/3 0/0 -1/3 a/3 1 1/ /3 1/3x " 1/3" 1/100001; do
  "$bin" ingest --shard "$bad" --db "$work/u.db" "$src/examples" >/dev/null 2>"$work/u.err"
  ok "--shard '$bad' is a usage error (exit 2)" "[ \$? -eq 2 ] && grep -q -- '--shard' '$work/u.err'"
done
ok "a usage error creates no database" '[ ! -e "$work/u.db" ]'
"$bin" status --db "$work/u.db" --shards 0 >/dev/null 2>&1
ok "status --shards 0 is a usage error" '[ $? -eq 2 ]'
"$bin" status >/dev/null 2>&1
ok "status without --db is a usage error" '[ $? -eq 2 ]'
"$bin" status --db "$work/none.db" >/dev/null 2>"$work/none.err"
ok "status on a missing file fails, and says so" "[ \$? -eq 1 ] && [ -s '$work/none.err' ] && [ ! -e '$work/none.db' ]"

# ---- three shards against one process -------------------------------------
cp -r "$src/data" "$work/data"
ing() { "$bin" ingest --data "$work/data" --jobs 2 "$@"; }
n=150   # articles of the corpus: enough for three uneven shards, few enough for a sanitizer build
python3 "$src/bench/store/make_corpus.py" "$src/examples" $n "$work/corpus.jsonl"
inputs=("$work/corpus.jsonl")
have_shared "$shared/data/warc/news-sample.warc.gz" && inputs+=("$shared/data/warc/news-sample.warc.gz")
ing --db "$work/one.db" "${inputs[@]}" 2>"$work/one.err"
total=$(sqlite3 "$work/one.db" "SELECT count(*) FROM inputs")
for i in 0 1 2; do
  ing --shard "$i/3" --db "$work/three.db" "${inputs[@]}" 2>"$work/s$i.err"
  ok "shard $i/3 runs without errors" "grep -q '^ingested [0-9]* articles (0 already stored, 0 failed)' '$work/s$i.err'"
done
stored=$(cat "$work"/s[012].err | sed -n 's/^ingested \([0-9]*\) articles.*/\1/p' | awk '{ s += $1 } END { print s }')
ok "the shards' articles add up to the corpus ($stored of $total)" '[ "$stored" = "$total" ]'
left=$(sed -n 's/^shard 0\/3: \([0-9]*\) inputs of the other shards left out/\1/p' "$work/s0.err")
s0=$(sed -n 's/^ingested \([0-9]*\) articles.*/\1/p' "$work/s0.err")
ok "shard 0 leaves the others' inputs out ($s0 coded, $left left out)" '[ "$((s0 + left))" -ge "$total" ] && [ "$s0" -gt 0 ]'
sq() { sqlite3 -cmd '.timeout 10000' "$@"; }   # readers of one store may overlap: wait for its lock
rows() {
  sq "$1" "SELECT a.content_hash, e.cameo, coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.start, coalesce(e.sentence, '')
                FROM events e JOIN articles a ON a.id = e.article_id" | sort
  sq "$1" "SELECT a.content_hash, coalesce(x.speaker_code, ''), x.kind, coalesce(x.text, '')
                FROM quotes x JOIN articles a ON a.id = x.article_id" | sort
  sq "$1" "SELECT input_hash FROM inputs" | sort
}
rows "$work/one.db" >"$work/one.rows"
rows "$work/three.db" >"$work/three.rows"
ok "the union of the shards is the single-process store row for row" "cmp -s '$work/one.rows' '$work/three.rows'"
ok "no article stored twice" '[ "$(sqlite3 "$work/three.db" "SELECT count(*) - count(DISTINCT content_hash) FROM articles")" = 0 ]'
ing --shard 1/3 --db "$work/three.db" "${inputs[@]}" 2>"$work/again.err"
ok "a shard run again stores nothing" "grep -q '^ingested 0 articles ' '$work/again.err'"
ing --shard 0/1 --db "$work/all.db" "$work/corpus.jsonl" 2>"$work/all.err"
ok "shard 0/1 is the whole corpus" "grep -q '^ingested $n articles (0 already stored, 0 failed)' '$work/all.err'"

# ---- code --shard: the same split as ingest -----------------------------------
"$bin" code --shard 3/3 "$src/examples" >/dev/null 2>&1
ok "code --shard 3/3 is a usage error" '[ $? -eq 2 ]'
for i in 0 1 2; do
  "$bin" code --data "$work/data" --shard "$i/3" "${inputs[@]}" 2>/dev/null | wc -l >"$work/code$i"
  # ingest counts what is not in English apart; code prints it uncoded
  si=$(sed -n 's/^ingested \([0-9]*\) articles.*; \([0-9]*\) not in English.*/\1 + \2/p' "$work/s$i.err")
  ok "code --shard $i/3 prints the articles of ingest --shard $i/3 ($si)" '[ "$(cat "$work/code$i")" = "$((si))" ]'
done

# ---- status ------------------------------------------------------------------
"$bin" status --db "$work/three.db" --shards 3 >"$work/status.out"
ok "status exits 0" '[ $? -eq 0 ]'
for t in articles events quotes actors; do
  n=$(sqlite3 "$work/one.db" "SELECT count(*) FROM $t")
  ok "status counts the $t ($n)" "grep -qx '$t *$n' '$work/status.out'"
done
for i in 0 1 2; do
  si=$(sed -n 's/^ingested \([0-9]*\) articles.*/\1/p' "$work/s$i.err")
  ok "status counts shard $i's inputs and articles ($si)" \
    "awk '\$1 == \"$i/3\" && \$2 == $si && \$3 == $si { f = 1 } END { exit !f }' '$work/status.out'"
done
ev=$(awk '$1 ~ /^[0-2]\/3$/ { s += $4 } END { print s }' "$work/status.out")
ok "the shards' events add up to the total" "grep -qx 'events *$ev' '$work/status.out'"
"$bin" status --db "$work/one.db" --shards 3 >"$work/status1.out"
ok "per-shard counts depend on the content only, not on how the store was filled" \
  "cmp -s <(grep '/3 ' '$work/status.out') <(grep '/3 ' '$work/status1.out')"
[ -n "${VERBOSE:-}" ] && cat "$work/status.out"

# ---- status counts the inputs that failed or were left out, per shard ---------
# A corpus with a gzip cut short and a link to a JSON Lines file that is
# not there (unreadable: every task meets them), a JSON record cut short (a
# coding error of one shard), a French article (not in English) and
# README.md (of no input kind), ingested as three shards.
mixed=$work/mixed
cp -r "$src/examples" "$mixed"
gzip -c "$src/examples/2018-06-12-singapore-summit.txt" | head -c 60 >"$mixed/cut.txt.gz"
printf '{"title": "Cut short", "text": "The talks\n' >"$mixed/bad.json"
cp "$src/tests/data/extract/french.txt" "$mixed/french.txt"
ln -s "$work/feed2.jsonl" "$mixed/feed2.jsonl"
ingest_mixed() {   # ingest_mixed DB [P]: the shards $tasks (all three), stderr in $work/{P:-m}I.err
  for i in ${tasks:-0 1 2}; do ing --shard "$i/3" --db "$1" "$mixed" 2>"$work/${2:-m}$i.err"; done
}
unstored_rows() {   # unstored_rows DB: hash, outcome and name of each row
  sq -separator ' ' "$1" "SELECT input_hash, outcome, name FROM unstored_inputs ORDER BY name"
}
# the shard of each row, computed here from its hash (the first 64 bits modulo 3)
expect_shards() {
  unstored_rows "$1" | python3 -c '
import sys
f, s = [0] * 3, [0] * 3
for line in sys.stdin:
    h, outcome, _ = line.split(" ", 2)
    (f if outcome == "failed" else s)[int(h[:16], 16) % 3] += 1
for i in range(3): print(f"{i}/3 {f[i]} {s[i]}")'
}
status_shards() { "$bin" status --db "$1" --shards 3 | awk '$1 ~ /^[0-2]\/3$/ { print $1, $6, $7 }'; }
shard_of_row() {   # shard_of_row DB NAME
  unstored_rows "$1" | awk -v n="$2" '$3 == n { print $1 }' | python3 -c 'import sys; print(int(sys.stdin.read()[:16], 16) % 3)'
}
# the same on PostgreSQL when DATELINE_TEST_PG is set (a schema of its own):
# status says the same, but when each was stored
pgdb=
if [ -n "${DATELINE_TEST_PG:-}" ] && command -v psql >/dev/null 2>&1; then
  pgschema="dl_shard_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$DATELINE_TEST_PG" -c "CREATE SCHEMA $pgschema" >/dev/null || pgschema=
  case $DATELINE_TEST_PG in *\?*) sep='&' ;; *) sep='?' ;; esac
  [ -n "$pgschema" ] && pgdb="$DATELINE_TEST_PG${sep}options=-c%20search_path%3D$pgschema"
else
  echo "skip: the PostgreSQL part (set DATELINE_TEST_PG and install psql)"
fi
# status --failed --skipped --shards 3, without the times (of the last
# store, of each row)
status_lists() {
  "$bin" status --db "$1" --shards 3 --failed --skipped | grep -v '^last stored' |
    sed 's/^\(  [0-9]*\/3 *\)[0-9T:-]*Z  /\1/'
}
same_on_pg() {   # same_on_pg LABEL: the three shards into PostgreSQL, status compared
  [ -n "$pgdb" ] || return 0
  ingest_mixed "$pgdb" pg
  ok "PostgreSQL: status and its lists are SQLite's ($1)" \
    "cmp -s <(status_lists '$pgdb') <(status_lists '$work/mixed.db')"
}
ingest_mixed "$work/mixed.db"
same_on_pg "failed and skipped inputs"
ok "every task meets the gzip cut short and fails" \
  "[ \$(grep -l 'cut.txt.gz: gzip: unexpected end of file at byte' '$work'/m[012].err | wc -l) = 3 ]"
"$bin" status --db "$work/mixed.db" --shards 3 >"$work/mixed.out"
ok "status counts 3 failed inputs (the gzip, the link, the JSON record)" "grep -q '^failed *3 ' '$work/mixed.out'"
ok "status counts 2 skipped inputs (French, README.md)" "grep -q '^skipped *2 ' '$work/mixed.out'"
ok "status names the columns failed and skipped" "grep -q '^shard .* failed *skipped$' '$work/mixed.out'"
ok "the per-shard failed and skipped are those of the rows' hashes" \
  "cmp -s <(status_shards '$work/mixed.db') <(expect_shards '$work/mixed.db')"
ok "the rows say why: the gzip error with its offset, the JSON error with its line" \
  "sqlite3 '$work/mixed.db' \"SELECT name || ' ' || outcome || ' ' || reason FROM unstored_inputs\" >'$work/mixed.rows' &&
   grep -q 'cut.txt.gz failed gzip: unexpected end of file at byte ' '$work/mixed.rows' &&
   grep -q 'bad.json failed invalid JSON at line 1 column 41' '$work/mixed.rows' &&
   grep -q 'feed2.jsonl failed cannot open: No such file or directory (a symbolic link)' '$work/mixed.rows' &&
   grep -q 'french.txt skipped not in English (fr)' '$work/mixed.rows' &&
   grep -q 'README.md skipped no input kind' '$work/mixed.rows'"
fr_task=$(grep -l '; 1 not in English, skipped' "$work"/m[012].err | sed 's/.*m\([012]\)\.err/\1/')
ok "the French article counts in the shard that met it ($fr_task)" \
  '[ -n "$fr_task" ] && [ "$(shard_of_row "$work/mixed.db" "$mixed/french.txt")" = "$fr_task" ]'
bad_task=$(grep -l 'bad.json: invalid JSON' "$work"/m[012].err | sed 's/.*m\([012]\)\.err/\1/')
ok "the JSON record counts in the shard that coded it ($bad_task)" \
  '[ -n "$bad_task" ] && [ "$(shard_of_row "$work/mixed.db" "$mixed/bad.json")" = "$bad_task" ]'
"$bin" status --db "$work/mixed.db" --shards 3 --failed --skipped >"$work/lists.out"
ok "status --failed --skipped exits 0" '[ $? -eq 0 ]'
listed() {   # listed OUTCOME: the rows under "OUTCOME inputs:" as SHARD NAME: REASON
  awk -v h="$1 inputs:" '/^[a-z]/ { on = $0 == h; next } on { $2 = ""; print }' "$work/lists.out" | sed 's/  */ /g'
}
ok "status --failed lists the 3 failed inputs by name, each with its shard and error" \
  "[ \"\$(listed failed | wc -l)\" = 3 ] &&
   listed failed | grep -q \"^\$(shard_of_row '$work/mixed.db' '$mixed/bad.json')/3 $mixed/bad.json: invalid JSON at line 1 column 41: \" &&
   listed failed | grep -q \"^[0-2]/3 $mixed/cut.txt.gz: gzip: unexpected end of file at byte \" &&
   listed failed | grep -qx \"[0-2]/3 $mixed/feed2.jsonl: cannot open: No such file or directory (a symbolic link)\""
ok "status --skipped lists the 2 skipped inputs, each with why" \
  "[ \"\$(listed skipped | wc -l)\" = 2 ] &&
   listed skipped | grep -qx \"$fr_task/3 $mixed/french.txt: not in English (fr)\" &&
   listed skipped | grep -qx '[0-2]/3 $mixed/README.md: no input kind'"
in_their_shards() {   # every listed input in the shard of its row's hash
  { listed failed; listed skipped; } | while read -r sh rest; do
    [ "$sh" = "$(shard_of_row "$work/mixed.db" "${rest%%: *}")/3" ] || return 1
  done
}
ok "each listed input is in the shard the table counts it in" in_their_shards
"$bin" status --db "$work/mixed.db" --failed >"$work/list1.out"
ok "without --shards the list has no shard column" \
  "grep -q '^  [0-9T:-]*Z  $mixed/bad.json: invalid JSON at line 1 column 41: ' '$work/list1.out' && ! grep -q '^shard ' '$work/list1.out'"
mkdir "$work/nl"
printf '{"title": "Cut\n' >"$work/nl/line
break.json"
: >"$work/nl/empty1.txt"
: >"$work/nl/empty2.txt"
ing --db "$work/nl.db" "$work/nl" 2>"$work/nl.err"
ok "inputs of the same bytes are each counted and listed, as ingest reports them (3 failed)" \
  "grep -q ' 3 failed)' '$work/nl.err' && grep -q '^failed *3 ' <('$bin' status --db '$work/nl.db') &&
   '$bin' status --db '$work/nl.db' --failed | grep -q 'nl/empty1.txt: empty input$' &&
   '$bin' status --db '$work/nl.db' --failed | grep -q 'nl/empty2.txt: empty input$'"
ok "a name with a newline is listed on one line, the newline as \\x0a" \
  "[ \"\$('$bin' status --db '$work/nl.db' --failed | sed -n '/^failed inputs:/,\$p' | wc -l)\" = 4 ] &&
   '$bin' status --db '$work/nl.db' --failed | grep -q 'nl/line\\\\x0abreak.json: invalid JSON at line 1'"
gz_hash=$(python3 -c 'import hashlib, sys; print(hashlib.sha256(b"\xff\x00" + sys.argv[1].encode()).hexdigest())' "$mixed/cut.txt.gz")
ok "the unreadable gzip is keyed by the hash of its name" \
  "unstored_rows '$work/mixed.db' | grep -q '^$gz_hash failed $mixed/cut.txt.gz$'"
ingest_mixed "$work/mixed.db"
same_on_pg "rerun"
ok "a rerun records no duplicates" '[ "$(unstored_rows "$work/mixed.db" | wc -l)" = 5 ]'
"$bin" status --db "$work/mixed.db" --shards 3 | grep -v '^last stored' >"$work/mixed2.out"
ok "a rerun changes no count" "cmp -s <(grep -v '^last stored' '$work/mixed.out') '$work/mixed2.out'"
# ---- from schema version 6: a store made before unstored_inputs ---------------
# one.db made a version-6 file the way version 6 had it (migration 6 to 7
# only adds unstored_inputs and its index); the broken corpus ingested into
# it upgrades it to 7, keeps every row and records the unstored inputs
latest=$("$bin" info | sed -n 's/^store schema: //p')   # the version ingest upgrades to
cp "$work/one.db" "$work/v6.db"
sq "$work/v6.db" "DROP TABLE unstored_inputs; PRAGMA user_version = 6" >/dev/null
all_rows() {   # all_rows DB: the rows of the tables of version 6, sorted, ids left out
  rows "$1"
  sq "$1" "SELECT content_hash, coalesce(url, ''), coalesce(title, ''), coalesce(published, ''), body FROM articles" | sort
  sq "$1" "SELECT a.content_hash, x.local_id, x.name, coalesce(x.code, ''), count(m.start) FROM actors x
           JOIN articles a ON a.id = x.article_id LEFT JOIN mentions m ON m.actor_id = x.id GROUP BY x.id" | sort
}
all_rows "$work/v6.db" >"$work/v6.rows"
"$bin" status --db "$work/v6.db" >/dev/null 2>"$work/v6.err"
ok "status on a version-6 store fails and says to upgrade it" \
  "[ \$? -eq 1 ] && grep -q 'schema version 6; run .dateline ingest. to upgrade it to $latest' '$work/v6.err'"
ok "status leaves a version-6 store as it was" '[ "$(sq "$work/v6.db" "PRAGMA user_version")" = 6 ]'
ingest_mixed "$work/v6.db" v6_
ok "ingest upgrades a version-6 store to $latest" '[ "$(sq "$work/v6.db" "PRAGMA user_version")" = "$latest" ]'
all_rows "$work/v6.db" >"$work/v7.rows"
ok "the upgrade keeps every row stored before ($(wc -l <"$work/v6.rows") rows)" \
  "[ -z \"\$(LC_ALL=C comm -23 <(LC_ALL=C sort -u '$work/v6.rows') <(LC_ALL=C sort -u '$work/v7.rows'))\" ]"
ok "the upgraded store counts the corpus's failed and skipped inputs per shard" \
  "grep -q '^failed *3 ' <('$bin' status --db '$work/v6.db') && grep -q '^skipped *2 ' <('$bin' status --db '$work/v6.db') &&
   cmp -s <(status_shards '$work/v6.db') <(expect_shards '$work/v6.db')"
# ---- from schema version 7: unstored_inputs keyed by input hash alone ---------
# mixed.db with its table as version 7 made it; an ingest upgrades it and
# keeps every row, those of unstored_inputs too
cp "$work/mixed.db" "$work/v7.db"
sq "$work/v7.db" "CREATE TABLE u7 (input_hash TEXT PRIMARY KEY, name TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')), reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO u7 SELECT * FROM unstored_inputs; DROP TABLE unstored_inputs;
  ALTER TABLE u7 RENAME TO unstored_inputs; CREATE INDEX unstored_inputs_name ON unstored_inputs(name);
  PRAGMA user_version = 7" >/dev/null
{ all_rows "$work/v7.db"; sq "$work/v7.db" "SELECT * FROM unstored_inputs"; } | LC_ALL=C sort >"$work/v7.before"
"$bin" status --db "$work/v7.db" >/dev/null 2>"$work/v7.err"
ok "status on a version-7 store fails and says to upgrade it" \
  "[ \$? -eq 1 ] && grep -q 'schema version 7; run .dateline ingest. to upgrade it to $latest' '$work/v7.err'"
mkdir "$work/nothing"
ing --db "$work/v7.db" "$work/nothing" 2>/dev/null   # opens it, stores nothing
ok "ingest upgrades a version-7 store to $latest" '[ "$(sq "$work/v7.db" "PRAGMA user_version")" = "$latest" ]'
ok "the upgrade keeps every row, the unstored inputs' too ($(wc -l <"$work/v7.before") rows)" \
  "cmp -s '$work/v7.before' <({ all_rows '$work/v7.db'; sq '$work/v7.db' 'SELECT * FROM unstored_inputs'; } | LC_ALL=C sort)"
ok "the upgraded store's status is the store's before" \
  "cmp -s <(status_lists '$work/v7.db') <(status_lists '$work/mixed.db')"
if [ -n "$pgdb" ]; then   # the same on PostgreSQL: a version-6 schema of its own
  pgold="dl_shard_old_$$"
  pgv6="${pgdb%"$pgschema"}$pgold"
  psqlv6() { psql -X -q -At -v ON_ERROR_STOP=1 "$DATELINE_TEST_PG" -c "SET search_path = $pgold" -c "$1"; }
  pg_rows() {
    psqlv6 "SELECT a.content_hash, e.cameo, coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.start
            FROM events e JOIN articles a ON a.id = e.article_id" | sort
    psqlv6 "SELECT a.content_hash, coalesce(x.speaker_code, ''), x.kind, x.start FROM quotes x JOIN articles a ON a.id = x.article_id" | sort
    psqlv6 "SELECT a.content_hash, x.local_id, x.name FROM actors x JOIN articles a ON a.id = x.article_id" | sort
    psqlv6 "SELECT input_hash FROM inputs" | sort
  }
  counts() { awk '/^(failed|skipped) /; $1 ~ /^[0-2]\/3$/ { print $1, $6, $7 }'; }
  psql -X -q -v ON_ERROR_STOP=1 "$DATELINE_TEST_PG" -c "CREATE SCHEMA $pgold" >/dev/null
  ing --db "$pgv6" "$work/corpus.jsonl" 2>/dev/null
  psqlv6 "DROP TABLE unstored_inputs; UPDATE dateline_schema SET version = 6"
  pg_rows >"$work/pgv6.rows"
  ingest_mixed "$pgv6" pgv6_
  ok "PostgreSQL: ingest upgrades a version-6 store to $latest" '[ "$(psqlv6 "SELECT version FROM dateline_schema")" = "$latest" ]'
  ok "PostgreSQL: the upgrade keeps every row stored before ($(wc -l <"$work/pgv6.rows") rows)" \
    "[ -s '$work/pgv6.rows' ] && [ -z \"\$(LC_ALL=C comm -23 <(LC_ALL=C sort -u '$work/pgv6.rows') <(pg_rows | LC_ALL=C sort -u))\" ]"
  ok "PostgreSQL: the upgraded store counts what SQLite's does" \
    "cmp -s <('$bin' status --db '$pgv6' --shards 3 | counts) <('$bin' status --db '$work/v6.db' --shards 3 | counts)"
fi
# the whole gzip and the linked file put in place: task 0 alone, run again,
# reads both whole, so their failures go whatever shard their articles are in
before=$(sqlite3 "$work/mixed.db" "SELECT count(*) FROM inputs")
gzip -c "$src/tests/data/store/restated.txt" >"$mixed/cut.txt.gz"
sed 's|/news/|/news2/|; s/Sweden/Finland/g' "$src/examples/feed.jsonl" >"$work/feed2.jsonl"
tasks=0 ingest_mixed "$work/mixed.db"
tasks=0 same_on_pg "task 0 after fixing the unreadable files"
ok "task 0 alone clears the failures to read the files it read whole" \
  "grep -q '^failed *1 ' <('$bin' status --db '$work/mixed.db') && [ \"\$(unstored_rows '$work/mixed.db' | awk '\$2 == \"failed\" { print \$3 }')\" = '$mixed/bad.json' ]"
# fixed too: the whole record, the French text replaced by an English one
printf '{"title": "Talks", "text": "Iran and the United States met in Geneva on Monday."}\n' >"$mixed/bad.json"
printf 'Kenya and Uganda signed a trade agreement in Nairobi on Friday.\n' >"$mixed/french.txt"
ingest_mixed "$work/mixed.db"
same_on_pg "after the fix"
ok "after the fix every task runs without errors" \
  "[ \$(grep -l '^ingested [0-9]* articles ([0-9]* already stored, 0 failed)' '$work'/m[012].err | wc -l) = 3 ]"
ok "the fixed inputs are stored (3 files, 2 JSON Lines records)" '[ "$(sqlite3 "$work/mixed.db" "SELECT count(*) FROM inputs")" = "$((before + 5))" ]'
"$bin" status --db "$work/mixed.db" --shards 3 >"$work/mixed3.out"
ok "status counts no failure after the fix" "grep -q '^failed *0 ' '$work/mixed3.out'"
ok "status counts README.md alone as skipped" \
  "grep -q '^skipped *1 ' '$work/mixed3.out' && [ \"\$(unstored_rows '$work/mixed.db' | awk '{ print \$3 }')\" = '$mixed/README.md' ]"
ok "the per-shard columns follow" "cmp -s <(status_shards '$work/mixed.db') <(expect_shards '$work/mixed.db')"
[ -n "${VERBOSE:-}" ] && cat "$work/mixed.out" "$work/mixed3.out"
finish test_shard "$pass" "$fail"
