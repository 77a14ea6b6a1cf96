#!/usr/bin/env bash
# tests/cli/test_shard.sh -- `dateline ingest --shard I/N` and `dateline
# status` (issue 15): bad values are usage errors; the N shards of a corpus
# (JSON Lines records, and the responses of a WARC file when ../shared is
# there) partition it exactly, so their union is a single-process ingest
# of the same corpus row for row; a shard run again stores nothing; status
# counts what is stored in all and per shard.
#
#   bash test_shard.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -u
bin=$1
src=$2
shared=${3:-$src/../shared}
. "$src/tests/cli/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-shard-XXXXXX")
trap 'rm -rf "$work"' EXIT
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
python3 "$src/bench/store/make_corpus.py" "$src/examples" 600 "$work/corpus.jsonl"
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
rows() {
  sqlite3 "$1" "SELECT a.content_hash, e.cameo, coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.start, coalesce(e.sentence, '')
                FROM events e JOIN articles a ON a.id = e.article_id" | sort
  sqlite3 "$1" "SELECT a.content_hash, coalesce(x.speaker_code, ''), x.kind, coalesce(x.text, '')
                FROM quotes x JOIN articles a ON a.id = x.article_id" | sort
  sqlite3 "$1" "SELECT input_hash FROM inputs" | sort
}
rows "$work/one.db" >"$work/one.rows"
rows "$work/three.db" >"$work/three.rows"
ok "the union of the shards is the single-process store row for row" "cmp -s '$work/one.rows' '$work/three.rows'"
ok "no article stored twice" '[ "$(sqlite3 "$work/three.db" "SELECT count(*) - count(DISTINCT content_hash) FROM articles")" = 0 ]'
ing --shard 1/3 --db "$work/three.db" "${inputs[@]}" 2>"$work/again.err"
ok "a shard run again stores nothing" "grep -q '^ingested 0 articles ' '$work/again.err'"
ing --shard 0/1 --db "$work/all.db" "$work/corpus.jsonl" 2>"$work/all.err"
ok "shard 0/1 is the whole corpus" "grep -q '^ingested 600 articles (0 already stored, 0 failed)' '$work/all.err'"

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
finish test_shard "$pass" "$fail"
