#!/usr/bin/env bash
# tests/cli/test_ingest_corpus.sh -- corpus runs of `dateline ingest`:
# --jobs 1 and --jobs 2 store the same rows (same ids too: the writer stores
# in input order); JSON Lines are streamed line by line, plain or gzip, and a
# bad or over-long line in the middle is reported as FILE:LINE while the rest
# is stored; a directory tree is walked; progress is drawn on a terminal
# only; --jobs is checked.
#
#   bash test_ingest_corpus.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -eu

bin=$1
src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-corpus-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {   # ok DESCRIPTION COMMAND...
    local desc=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $desc" >&2
        echo "  stderr: $(head -c 800 "$tmp/err" 2>/dev/null)" >&2
    fi
}
is() { [ "$1" = "$2" ]; }
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qF -- "$2" "$1"; }

if ! command -v python3 >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skip: needs python3 and sqlite3"
    echo "0 passed, 0 failed"
    exit 0
fi

cp -r "$src/data" "$tmp/data"   # the same codebooks for every run below
ing() {
    rc=0
    "$bin" ingest --data "$tmp/data" "$@" 2>"$tmp/err" || rc=$?
}
q() { sqlite3 -cmd ".timeout 10000" "$1" "$2"; }   # two may read one file at once

n=300
python3 "$src/bench/store/make_corpus.py" "$src/examples" "$n" "$tmp/corpus.jsonl"
python3 "$src/bench/store/make_corpus.py" "$src/examples" 40 "$tmp/tree" --dir --start 100000

# ---- --jobs 1 and --jobs 2 store the same rows --------------------------------

counts() {
    local t out=
    for t in articles actors mentions quotes events inputs; do
        out="$out $t=$(q "$1" "SELECT count(*) FROM $t")"
    done
    echo "$out"
}
event_rows() {   # every event with its article, without row ids, sorted
    q "$1" "SELECT a.content_hash, e.cameo, e.root, coalesce(e.quad, ''), e.goldstein,
                   coalesce(e.source_code, ''), coalesce(e.source_name, ''),
                   coalesce(e.target_code, ''), coalesce(e.target_name, ''),
                   coalesce(e.date, ''), coalesce(e.published, ''), e.start, e.\"end\",
                   coalesce(e.sentence, ''), coalesce(e.rule, '')
            FROM events e JOIN articles a ON a.id = e.article_id" | sort
}

for j in 1 2; do
    ing --jobs $j --db "$tmp/j$j.db" "$tmp/corpus.jsonl" "$tmp/tree"
    ok "--jobs $j exits 0" is "$rc" 0
    ok "--jobs $j stores every article" has "$tmp/err" "ingested $((n + 40)) articles (0 already stored, 0 failed)"
    ok "--jobs $j says how many jobs" has "$tmp/err" "$j jobs"
    counts "$tmp/j$j.db" >"$tmp/j$j.counts"
    event_rows "$tmp/j$j.db" >"$tmp/j$j.events"
    q "$tmp/j$j.db" "SELECT id, content_hash, source FROM articles ORDER BY id" >"$tmp/j$j.articles"
done
ok "the same counts with --jobs 1 and 2 ($(cat "$tmp/j1.counts"))" cmp -s "$tmp/j1.counts" "$tmp/j2.counts"
ok "the same event rows with --jobs 1 and 2" cmp -s "$tmp/j1.events" "$tmp/j2.events"
ok "events were stored" [ "$(wc -l <"$tmp/j1.events")" -gt "$n" ]
ok "articles stored in input order, same ids" cmp -s "$tmp/j1.articles" "$tmp/j2.articles"
ok "an input is named file:line" has "$tmp/j1.articles" "corpus.jsonl:$n"

# a rerun skips every input before coding
ing --jobs 2 --db "$tmp/j2.db" "$tmp/corpus.jsonl" "$tmp/tree"
ok "a rerun stores nothing" has "$tmp/err" "ingested 0 articles ($((n + 40)) already stored, 0 failed)"
ok "a rerun skips every input before coding" has "$tmp/err" "; $((n + 40)) stored inputs skipped before coding"

# ---- JSON Lines: bad lines in the middle, gzip, no final newline ------------

head -n 5 "$tmp/corpus.jsonl" >"$tmp/bad.jsonl"
echo '{"title": "Broken", "text": "no closing brace"' >>"$tmp/bad.jsonl"        # line 6
printf '\n   \n' >>"$tmp/bad.jsonl"                                             # 7, 8: blank
python3 -c 'import sys; sys.stdout.write("{\"text\": \"" + "x" * (17 << 20) + "\"}\n")' \
    >>"$tmp/bad.jsonl"                                                          # 9: too long
printf 'not json at all\n' >>"$tmp/bad.jsonl"                                   # 10
sed -n '6,9p' "$tmp/corpus.jsonl" >>"$tmp/bad.jsonl"                            # 11-14
sed -n '10p' "$tmp/corpus.jsonl" | tr -d '\n' >>"$tmp/bad.jsonl"                # 15, no newline
ing --jobs 2 --db "$tmp/bad.db" "$tmp/bad.jsonl"
ok "bad lines exit 1" is "$rc" 1
ok "an invalid line is named file:line" has "$tmp/err" "$tmp/bad.jsonl:6:"
ok "an over-long line is named file:line" has "$tmp/err" "$tmp/bad.jsonl:9: line longer than"
ok "a line that is not JSON is named file:line" has "$tmp/err" "$tmp/bad.jsonl:10:"
ok "blank lines are no error" hasnt "$tmp/err" "$tmp/bad.jsonl:7:"
ok "one error line per bad line" is "$(grep -c "bad.jsonl:" "$tmp/err")" 3
ok "the rest is stored, the last line too" has "$tmp/err" "ingested 10 articles (0 already stored, 3 failed)"
ok "the line after the bad ones is stored" \
    is "$(q "$tmp/bad.db" "SELECT count(*) FROM articles WHERE source = '$tmp/bad.jsonl:15'")" 1

gzip -c "$tmp/corpus.jsonl" >"$tmp/corpus.jsonl.gz"
ing --jobs 2 --db "$tmp/gz.db" "$tmp/corpus.jsonl.gz"
ok "a gzip JSON Lines file is streamed" has "$tmp/err" "ingested $n articles (0 already stored, 0 failed)"
q "$tmp/gz.db" "SELECT content_hash FROM articles" >"$tmp/gz.hashes"
event_rows "$tmp/gz.db" >"$tmp/gz.rows"
ok "gzip gives the same events" cmp -s "$tmp/gz.rows" <(event_rows "$tmp/j1.db" | grep -F -f "$tmp/gz.hashes")

ing --db "$tmp/stdin.db" - <"$src/examples/2018-06-12-singapore-summit.txt"
ok "stdin is one article" has "$tmp/err" "ingested 1 articles (0 already stored, 0 failed)"

# ---- progress: on a terminal only -------------------------------------------

ing --jobs 2 --db "$tmp/p1.db" "$tmp/corpus.jsonl"
ok "no progress line when stderr is not a terminal" hasnt "$tmp/err" $'\r'
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    script -qec "'$bin' ingest --data '$tmp/data' --jobs 2 --db '$tmp/p2.db' '$tmp/corpus.jsonl'" \
        /dev/null >"$tmp/tty.out" 2>&1 </dev/null || true
    ok "progress is drawn on a terminal" grep -q $'\r.*articles (.* new, .* already stored, .* errors), [0-9]*/s' "$tmp/tty.out"
    ok "progress shows an ETA for a file of known size" grep -q 'ETA [0-9]' "$tmp/tty.out"
    ok "the summary follows the progress" grep -q "ingested $n articles" "$tmp/tty.out"
else
    echo "skip: progress on a terminal (no script(1))"
fi

# ---- usage ---------------------------------------------------------------------

for bad in 0 -1 x 257 ''; do
    ing --jobs "$bad" --db "$tmp/u.db" "$tmp/corpus.jsonl"
    ok "--jobs '$bad' is a usage error" is "$rc" 2
done
rc=0
"$bin" ingest --help >"$tmp/out" 2>&1 || rc=$?
ok "--help lists --jobs" has "$tmp/out" "--jobs N"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
