#!/usr/bin/env bash
# tests/cli/test_ingest_kill.sh -- crash safety and resume: `dateline ingest`
# killed with SIGKILL in the middle of a corpus leaves a consistent store
# (integrity check, no orphans, every stored article complete: the same
# actors, mentions, quotes and events as a clean run gives it), and a rerun
# skips what is stored and completes the corpus without duplicates, ending
# with exactly the rows of a clean single run.  Same on PostgreSQL when
# DATELINE_TEST_PG is set (and psql is at hand).
#
#   bash test_ingest_kill.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -eu

bin=$1
src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-kill-XXXXXX")
pid=
cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
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
    fi
}
is() { [ "$1" = "$2" ]; }
ge() { [ "$1" -ge "$2" ]; }

if ! command -v python3 >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skip: needs python3 and sqlite3"
    echo "0 passed, 0 failed"
    exit 0
fi

# ---- a corpus of distinct articles, and the rows a clean run gives ---------

# data/ is copied first: the runs below must code alike even when someone
# edits a codebook meanwhile
cp -r "$src/data" "$tmp/data"
ing() { "$bin" ingest --data "$tmp/data" "$@"; }

n=1500
python3 "$src/bench/store/make_corpus.py" "$src/examples" "$n" "$tmp/corpus.jsonl"
ref="$tmp/ref.db"
ing --jobs 2 --db "$ref" "$tmp/corpus.jsonl" 2>"$tmp/ref.err"
ok "the clean run stores the corpus" grep -q "ingested $n articles (0 already stored, 0 failed)" "$tmp/ref.err"

# q DB SQL: one query's rows, '|' between columns.  DB is a SQLite file or a
# postgresql:// URL.
q() {
    case $1 in
    postgres*) psql -X -q -At -v ON_ERROR_STOP=1 "$PGURL" -c "SET search_path = $PGSCHEMA" -c "$2" ;;
    *) sqlite3 -cmd ".timeout 10000" "$1" "$2" ;;
    esac
}

# One line per article: content hash and its numbers of actors, mentions,
# quotes and events, then a digest of its events -- what a fresh coding of
# the same input gives, whatever the row ids.
per_article() {
    q "$1" "SELECT a.content_hash
             || '|' || (SELECT count(*) FROM actors x WHERE x.article_id = a.id)
             || '|' || (SELECT count(*) FROM mentions m JOIN actors x ON x.id = m.actor_id
                        WHERE x.article_id = a.id)
             || '|' || (SELECT count(*) FROM quotes x WHERE x.article_id = a.id)
             || '|' || (SELECT count(*) FROM events x WHERE x.article_id = a.id)
             || '|' || (SELECT coalesce(sum(e.start * 7 + e.\"end\" + length(e.cameo)), 0)
                        FROM events e WHERE e.article_id = a.id)
           FROM articles a" | sort
}

# The whole store's rows without ids, sorted: what must match exactly.
counts() {
    local t out=
    for t in articles actors mentions quotes events inputs; do
        out="$out $t=$(q "$1" "SELECT count(*) FROM $t")"
    done
    echo "$out"
}
event_rows() {
    q "$1" "SELECT a.content_hash, e.cameo, coalesce(e.source_code, ''),
                   coalesce(e.target_code, ''), coalesce(e.date, ''), e.start, e.\"end\",
                   coalesce(e.sentence, '')
            FROM events e JOIN articles a ON a.id = e.article_id" | sort
}

per_article "$ref" >"$tmp/ref.per"
counts "$ref" >"$tmp/ref.counts"
event_rows "$ref" >"$tmp/ref.events"
ok "the reference has every article" is "$(wc -l <"$tmp/ref.per")" "$n"

# check_consistent DB LABEL: the store a kill left behind is sound.
check_consistent() {
    local db=$1 label=$2 narticles ninputs
    per_article "$db" >"$tmp/kill.per"
    narticles=$(wc -l <"$tmp/kill.per")
    ok "$label: some articles were stored before the kill ($narticles)" ge "$narticles" 1
    ok "$label: every stored article is complete (as a clean run codes it)" \
        is "$(comm -23 "$tmp/kill.per" "$tmp/ref.per" | wc -l)" 0
    ok "$label: no article without actors or mentions" \
        is "$(awk -F'|' '$2 == 0 || $3 == 0' "$tmp/kill.per" | wc -l)" 0
    ok "$label: no orphan actors" \
        is "$(q "$db" "SELECT count(*) FROM actors x LEFT JOIN articles a ON a.id = x.article_id WHERE a.id IS NULL")" 0
    ok "$label: no orphan mentions" \
        is "$(q "$db" "SELECT count(*) FROM mentions m LEFT JOIN actors x ON x.id = m.actor_id WHERE x.id IS NULL")" 0
    ok "$label: no orphan events" \
        is "$(q "$db" "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL")" 0
    ok "$label: no orphan quotes" \
        is "$(q "$db" "SELECT count(*) FROM quotes e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL")" 0
    ninputs=$(q "$db" "SELECT count(*) FROM inputs")
    ok "$label: each stored article's input is recorded with it ($ninputs inputs)" is "$ninputs" "$narticles"
}

# kill_midway DB LABEL MIN: starts an ingest, SIGKILLs it once at least MIN
# articles are stored (polling the store, 60 s at most).  Sets $killed_at.
kill_midway() {
    local db=$1 label=$2 min=$3 i stored=0
    "$bin" ingest --data "$tmp/data" --jobs 2 --db "$db" "$tmp/corpus.jsonl" 2>"$tmp/kill.err" &
    pid=$!
    for i in $(seq 1 1200); do
        stored=$(q "$db" "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
        [ "${stored:-0}" -ge "$min" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    local alive=0
    kill -0 "$pid" 2>/dev/null && alive=1
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
    killed_at=$(q "$db" "SELECT count(*) FROM articles")
    ok "$label: the ingest was still running when killed (at $killed_at of $n)" is "$alive" 1
    ok "$label: the kill came before the end" ge "$((n - 1))" "$killed_at"
}

# kill_and_resume DB LABEL: two kills at different points, then a full rerun.
kill_and_resume() {
    local db=$1 label=$2
    kill_midway "$db" "$label, first kill" 100
    if [ "${db#postgres}" = "$db" ]; then
        ok "$label: integrity_check is ok" is "$(q "$db" "PRAGMA integrity_check")" ok
        ok "$label: foreign_key_check is empty" is "$(q "$db" "PRAGMA foreign_key_check" | wc -l)" 0
    fi
    check_consistent "$db" "$label, first kill"
    local first=$killed_at
    kill_midway "$db" "$label, second kill" $((first + 200))
    check_consistent "$db" "$label, second kill"
    ok "$label: the second run went on from the first ($first -> $killed_at)" ge "$killed_at" "$((first + 1))"
    local before=$killed_at
    ing --jobs 2 --db "$db" "$tmp/corpus.jsonl" 2>"$tmp/rerun.err"
    ok "$label: the rerun completes without errors" grep -q "0 failed)" "$tmp/rerun.err"
    ok "$label: the rerun stores only what was missing" \
        grep -q "ingested $((n - before)) articles" "$tmp/rerun.err"
    ok "$label: the rerun skips stored inputs before coding" \
        grep -q "; $before stored inputs skipped before coding" "$tmp/rerun.err"
    if [ "${db#postgres}" = "$db" ]; then
        ok "$label: integrity_check is ok after the rerun" is "$(q "$db" "PRAGMA integrity_check")" ok
    fi
    ok "$label: final counts equal a clean run's ($(cat "$tmp/ref.counts"))" \
        is "$(counts "$db")" "$(cat "$tmp/ref.counts")"
    per_article "$db" >"$tmp/final.per"
    ok "$label: every article has the rows of a clean run" cmp -s "$tmp/final.per" "$tmp/ref.per"
    event_rows "$db" >"$tmp/final.events"
    ok "$label: the same event rows as a clean run" cmp -s "$tmp/final.events" "$tmp/ref.events"
    ok "$label: no duplicate articles" \
        is "$(q "$db" "SELECT count(*) - count(DISTINCT content_hash) FROM articles")" 0
    ing --db "$db" "$tmp/corpus.jsonl" 2>"$tmp/again.err"
    ok "$label: a third run stores nothing" \
        grep -q "ingested 0 articles ($n already stored, 0 failed)" "$tmp/again.err"
}

kill_and_resume "$tmp/kill.db" sqlite

# ---- PostgreSQL ---------------------------------------------------------------

if [ -n "${DATELINE_TEST_PG:-}" ] && command -v psql >/dev/null 2>&1; then
    PGURL=$DATELINE_TEST_PG
    PGSCHEMA="dl_kill_$$"
    psql -X -q -v ON_ERROR_STOP=1 "$PGURL" -c "CREATE SCHEMA $PGSCHEMA" >/dev/null
    case $PGURL in *\?*) sep='&' ;; *) sep='?' ;; esac
    pgdb="$PGURL${sep}options=-c%20search_path%3D$PGSCHEMA"
    kill_and_resume "$pgdb" postgresql
    psql -X -q "$PGURL" -c "DROP SCHEMA $PGSCHEMA CASCADE" >/dev/null 2>&1 || true
else
    echo "skip: PostgreSQL (set DATELINE_TEST_PG and install psql)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
