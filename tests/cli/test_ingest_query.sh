#!/usr/bin/env bash
# tests/cli/test_ingest_query.sh -- `dateline ingest` and `dateline query`
# end to end: idempotent ingest of the seed article, failing inputs that do
# not stop the run, exit codes, error messages naming the culprit, and the
# query output formats.  Event counts depend on the pipeline's stages, so
# events are compared with what the database holds, never with fixed numbers.
#
#   bash test_ingest_query.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -eu

bin=$1
shared=$3
. "$(dirname "$0")/lib.sh"
need_shared "$shared/seed/000_8b56783a122f561b.txt"
seed="$shared/seed/000_8b56783a122f561b.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dl-ingest-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/events.db"
pass=0
fail=0

ok() {   # ok DESCRIPTION COMMAND...: counts the command's success
    local desc=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $desc" >&2
        echo "  stdout: $(head -c 600 "$tmp/out" 2>/dev/null)" >&2
        echo "  stderr: $(head -c 600 "$tmp/err" 2>/dev/null)" >&2
    fi
}

run() {  # run ARGS...: runs dateline, keeps stdout, stderr and the status in $rc
    rc=0
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}

has() { grep -qF -- "$2" "$1"; }        # has FILE TEXT
is() { [ "$1" = "$2" ]; }               # is GOT WANT

# Row counts straight from the file, when a SQLite client is at hand.
sql() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$db" "$1"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"
    else
        echo "skip"
    fi
}
count() { sql "SELECT count(*) FROM $1"; }
count_is() {  # count_is TABLE N (passes when no client can count)
    local n
    n=$(count "$1")
    [ "$n" = skip ] || [ "$n" = "$2" ]
}

# ---- help and usage --------------------------------------------------------

run ingest --help
ok "ingest --help exits 0" is "$rc" 0
ok "ingest --help prints the synopsis" has "$tmp/out" "usage: dateline ingest --db PATH"
run query --help
ok "query --help exits 0" is "$rc" 0
ok "query --help prints the synopsis" has "$tmp/out" "usage: dateline query --db PATH"
ok "query --help lists --quotes" has "$tmp/out" "--quotes"

run query --bogus
ok "a bad option exits 2" is "$rc" 2
ok "a bad option gives a hint" has "$tmp/err" "try 'dateline query --help'"
run ingest --bogus --db "$db" "$seed"
ok "ingest: a bad option exits 2" is "$rc" 2
run ingest "$seed"
ok "ingest without --db exits 2" is "$rc" 2
ok "ingest without --db says so" has "$tmp/err" "no database given"
run ingest --db "$db"
ok "ingest without articles exits 2" is "$rc" 2
run ingest --db "$db" --date 30/04/2023 "$seed"
ok "ingest: a bad --date exits 2" is "$rc" 2
run ingest --db "$db" --batch 0 "$seed"
ok "ingest: --batch 0 exits 2" is "$rc" 2
ok "ingest: --batch 0 says what --batch takes" has "$tmp/err" "--batch '0' is not a number from 1 to 100000"
run ingest --db "$tmp/batch1.db" --batch 1 "$seed"
ok "ingest --batch 1 stores the article" is "$rc" 0
run query
ok "query without --db exits 2" is "$rc" 2
run query --db "$db" --format xml
ok "an unknown format exits 2" is "$rc" 2
ok "an unknown format is named" has "$tmp/err" "unknown format 'xml'"
run query --db "$db" --dyad IRN
ok "a dyad without ':' exits 2" is "$rc" 2
run query --db "$db" --since yesterday
ok "a bad date exits 2" is "$rc" 2
run query --db "$db" --limit -3
ok "a negative limit exits 2" is "$rc" 2
run query --db "$db" --quotes --cameo 04
ok "--cameo with --quotes exits 2" is "$rc" 2
ok "usage errors come before opening the database" test ! -e "$db"

# ---- a missing or unusable database -----------------------------------------

run query --db "$tmp/missing.db"
ok "query on a missing database exits 1" is "$rc" 1
ok "the error names the database" has "$tmp/err" "$tmp/missing.db"
ok "query does not create the database" test ! -e "$tmp/missing.db"
run ingest --db "$tmp/no/such/dir/x.db" "$seed"
ok "ingest into an impossible path exits 1" is "$rc" 1
ok "the error names the path" has "$tmp/err" "$tmp/no/such/dir/x.db"
echo "not a database at all, only some text" >"$tmp/notes.db"
run ingest --db "$tmp/notes.db" "$seed"
ok "ingest into a non-database file exits 1" is "$rc" 1
ok "the error names the file" has "$tmp/err" "$tmp/notes.db"

# ---- ingest twice -------------------------------------------------------------

run ingest --db "$db" "$seed"
ok "first ingest exits 0" is "$rc" 0
ok "first ingest stores the article" has "$tmp/err" "ingested 1 articles (0 already stored, 0 failed)"
ok "one article row" count_is articles 1
actors=$(count actors)
events=$(count events)
quotes=$(count quotes)

run ingest --db "sqlite:$db" "$seed"
ok "second ingest exits 0" is "$rc" 0
ok "second ingest adds nothing" has "$tmp/err" \
    "ingested 0 articles (1 already stored, 0 failed): 0 events, 0 quotes, 0 actors"
ok "still one article row" count_is articles 1
ok "actors unchanged" count_is actors "$actors"
ok "events unchanged" count_is events "$events"
ok "quotes unchanged" count_is quotes "$quotes"

# ---- failing inputs do not stop the run -----------------------------------------

: >"$tmp/empty.txt"
printf 'Ministers met in Paris on Monday to discuss trade.\n\nThey agreed to meet again.\n' \
    >"$tmp/good.txt"
run ingest --db "$db" "$tmp/missing.txt" "$tmp/empty.txt" "$tmp/good.txt" "$seed"
ok "a run with failures exits 1" is "$rc" 1
ok "the missing file is named" has "$tmp/err" "$tmp/missing.txt"
ok "the empty file is named" has "$tmp/err" "$tmp/empty.txt"
ok "the summary counts every outcome" has "$tmp/err" "ingested 1 articles (1 already stored, 2 failed)"
ok "earlier and later articles are stored" count_is articles 2
ok "the seed article is still there" count_is "articles WHERE source = '$seed'" 1

mkdir "$tmp/dir"
printf 'The council voted on Tuesday.\n' >"$tmp/dir/a.txt"
printf 'The minister resigned on Friday.\n' >"$tmp/dir/b.txt"
run ingest --db "$db" --date 2024-05-06 "$tmp/dir"
ok "a directory is walked" has "$tmp/err" "ingested 2 articles (0 already stored, 0 failed)"
ok "a directory ingest exits 0" is "$rc" 0
ok "four articles now" count_is articles 4

# ---- query formats ---------------------------------------------------------------

nevents=$(count events)
rows() { tail -n +2 "$tmp/out" | grep -c . || true; }

run query --db "$db"
ok "query exits 0" is "$rc" 0
ok "table has a header" has "$tmp/out" "DATE        SOURCE"
run query --db "$db" --format tsv
ok "tsv exits 0" is "$rc" 0
ok "tsv header is dl_tsv_header()" is "$(head -n 1 "$tmp/out")" \
    "$(printf 'event_id\tdate\tsource_code\tsource_name\tsource_country\ttarget_code\ttarget_name\ttarget_country\tcameo\troot\tquad\tgoldstein\tplover\tplace\tconfidence\trule\tarticle\tsentence\tsentences\tissues\tplover_mode\tglobal_id\tarticle_global_id\tplace_country\tplace_lat\tplace_lon')"
[ "$nevents" = skip ] || ok "tsv has one row per stored event" is "$(rows)" "$nevents"
run query --db "$db" --format csv
ok "csv header" is "$(head -n 1 "$tmp/out")" \
    "event_id,date,source_code,source_name,source_country,target_code,target_name,target_country,cameo,root,quad,goldstein,plover,place,confidence,rule,article,sentence,sentences,issues,plover_mode,global_id,article_global_id,place_country,place_lat,place_lon"
run query --db "$db" --format json
ok "json exits 0" is "$rc" 0
[ "$nevents" = skip ] || ok "json has one line per stored event" is "$(grep -c . "$tmp/out" || true)" "$nevents"
if command -v python3 >/dev/null 2>&1; then
    ok "every json line parses" python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out"
fi
run query --db "$db" --actor "x' OR 1=1 --" --format tsv
ok "an SQL-like actor exits 0" is "$rc" 0
ok "an SQL-like actor matches nothing" is "$(rows)" 0
run query --db "$db" --dyad "IRN:IRQ" --cameo 04 --since 2023 --until 2023-12 --limit 5 --format csv
ok "all filters together exit 0" is "$rc" 0
run query --db "$db" --quotes --format tsv
ok "quotes tsv exits 0" is "$rc" 0
ok "quotes tsv header" is "$(head -n 1 "$tmp/out" | cut -f 1-4)" "$(printf 'quote_id\tdate\tspeaker_code\tspeaker_name')"
nquotes=$(count quotes)
[ "$nquotes" = skip ] || ok "one row per stored quote" is "$(rows)" "$nquotes"
run query --db "$db" --quotes --actor Khamenei
ok "quotes table exits 0" is "$rc" 0
ok "quotes table has a header" has "$tmp/out" "DATE        SPEAKER"

# ---- aggregates and the other event filters ---------------------------------------

run query --db "$db" --count-by month
ok "--count-by month exits 0" is "$rc" 0
ok "--count-by has a header" has "$tmp/out" "PERIOD      SOURCE"
run query --db "$db" --count-by week --format csv
ok "--count-by week csv header" is "$(head -n 1 "$tmp/out")" "period,source,target,events,cooperation,conflict,goldstein"
if [ "$nevents" != skip ]; then
    # the undated row (empty period) holds the events not dated to the day
    total=$(tail -n +2 "$tmp/out" | awk -F, '$1 != "" { n += $4 } END { print n + 0 }')
    nweek=$(sql "SELECT count(*) FROM events WHERE length(coalesce(date, published)) >= 10")
    ok "weekly counts add up to the dated events" is "$total" "$nweek"
fi
run query --db "$db" --top actors --format tsv
ok "--top actors exits 0" is "$rc" 0
ok "--top actors header" is "$(head -n 1 "$tmp/out")" "$(printf 'name\tcode\tevents\tgoldstein')"
ok "--top lists at most 10 by default" test "$(rows)" -le 10
run query --db "$db" --top speakers --format json
ok "--top speakers exits 0" is "$rc" 0
run query --db "$db" --text "troops" --root 10 --quad 3 --plover ACCUSE
ok "--text, --root, --quad, --plover exit 0" is "$rc" 0
run query --db "$db" --text 'x" OR 1=1 --' --format tsv
ok "FTS syntax in --text matches nothing" is "$(rows)" 0
run query --db "$db" --count-by year
ok "--count-by year exits 2" is "$rc" 2
run query --db "$db" --count-by day --top actors
ok "--count-by with --top exits 2" is "$rc" 2
run query --db "$db" --quotes --count-by day
ok "--count-by with --quotes exits 2" is "$rc" 2
run query --db "$db" --quad 5
ok "--quad 5 exits 2" is "$rc" 2
run query --db "$db" --quotes --plover CONSULT
ok "--plover with --quotes exits 2" is "$rc" 2

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
