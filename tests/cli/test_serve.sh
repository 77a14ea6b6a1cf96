#!/usr/bin/env bash
# tests/cli/test_serve.sh -- `dateline serve` over HTTP on 127.0.0.1: status
# codes, JSON shapes, the CSP header, bad JSON, oversize bodies, tokens, rate
# limit, hostile strings in every parameter, and the OpenAPI description kept
# true (every documented path answers, every answering path is documented).
#     bash tests/cli/test_serve.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -u
bin=$1
src=$2
shared=$3
. "$(dirname "$0")/lib.sh"
need_shared "$shared/seed/000_8b56783a122f561b.txt"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

if ! command -v curl >/dev/null || ! command -v python3 >/dev/null; then
  echo "test_serve: needs curl and python3 (tools/deps.sh --test)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

work=$(mktemp -d)
trap stop_servers EXIT

db="$work/events.db"
seed="$shared/seed/000_8b56783a122f561b.txt"
# the seed's events, one per act, as `code` finds them
seed_events=$("$bin" code "$seed" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))')
"$bin" ingest --db "$db" "$seed" 2>/dev/null || bad "ingest of the seed article"

# Starts a server with the given options in the background; sets $port.
start() {
  local log="$work/serve.$#.$RANDOM.log"
  "$bin" serve --db "$db" --port 0 "$@" 2>"$log" &
  pids+=($!)
  port=$(serve_port "$log")
}

start --token sekrit || { bad "server did not start"; echo "$pass passed, $fail failed"; exit 1; }
base="http://127.0.0.1:$port"
CURL=(curl -s --max-time 20 --noproxy '*')

# req METHOD PATH [curl args...]: sets $code, $body (file) and $headers (file)
body="$work/body"
headers="$work/headers"
req() {
  local m=$1 p=$2
  shift 2
  code=$("${CURL[@]}" -X "$m" -o "$body" -D "$headers" -w '%{http_code}' "$@" "$base$p")
}
# json EXPR: evaluates a Python expression over the last body, bound to j
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$body" 2>&1; }
header() { tr -d '\r' <"$headers" | sed -n "s/^$1: //Ip" | head -n 1; }
is_error() { json "sorted(j) == ['error'] and sorted(j['error']) == ['code', 'message']"; }

# ---- GET endpoints -----------------------------------------------------------
req GET "/api/events?limit=2"
check "$code" 200 "events status"
check "$(json "len(j['events']), j['paging']['limit'], j['paging']['more'], j['paging']['next_offset']")" \
  "2 2 True 2" "events paging"
check "$(json "sorted(j['events'][0])[:4], 'plover_mode' in j['events'][0], 'global_id' in j['events'][0]")" "['article', 'article_global_id', 'article_id', 'cameo'] True True" \
  "event fields"
csp=$(header Content-Security-Policy)
check "${csp:0:18}" "default-src 'none'" "CSP on API replies"
check "$(header X-Content-Type-Options)" nosniff "nosniff"
check "$(header Content-Type)" "application/json; charset=utf-8" "JSON content type"

req GET "/api/events?actor=IRNGOV&cameo=04&since=2023-01&until=2023-12&limit=1000"
check "$code" 200 "filtered events"
check "$(json "all(e['cameo'].startswith('04') for e in j['events']) and len(j['events']) > 0")" \
  True "cameo filter"
req GET "/api/events?dyad=IRNGOV:USA&quad=3&root=11&plover=accuse&text=Americans"
check "$code" 200 "dyad+quad+root+plover+text"
check "$(json "[(e['source_code'], e['target_code'][:3]) for e in j['events']][:1]")" \
  "[('IRNGOV', 'USA')]" "dyad filter"
# one event per act: the seed restates IRNGOV 111 USA in several sentences
req GET "/api/events?dyad=IRNGOV:USA&cameo=111"
check "$(json "len(j['events']) == 1 and j['events'][0]['n_sentences'] >= 2")" "True" "a restated act is one event"
req GET "/api/events?offset=2&limit=1"
check "$(json "j['paging']['offset'], j['paging']['count']")" "2 1" "offset"

req GET "/api/articles/1"
check "$code" 200 "article status"
check "$(json "j['article']['title'], len(j['actors']) > 0, len(j['events']) > 0, len(j['quotes']) > 0, 'body' in j['article']")" \
  "Not Even a Single American Soldier True True True True" "article shape"
check "$(json "all(j['article']['body'][m['start']:m['end']] for m in j['mentions'])")" True \
  "mention spans"
check "$(json "min(e['n_sentences'] for e in j['events']) >= 1 and max(e['n_sentences'] for e in j['events']) >= 2")" True \
  "article events count their sentences"
req GET "/api/quotes?speaker=khamenei&limit=3"
check "$code" 200 "quotes status"
check "$(json "len(j['quotes']), all('Khamenei' in q['speaker_name'] for q in j['quotes'])")" \
  "3 True" "quotes by speaker"
req GET "/api/actors?limit=2"
check "$(json "[sorted(a) for a in j['actors']][0], len(j['actors'])")" \
  "['code', 'events', 'goldstein', 'name'] 2" "actors shape"
req GET "/api/speakers"
check "$(json "j['speakers'][0]['name']")" "Ali Khamenei" "top speaker"
req GET "/api/timeline?dyad=IRNGOV:&period=week"
check "$code" 200 "timeline status"
check "$(json "sorted(j['rows'][0])")" "['conflict', 'cooperation', 'events', 'goldstein', 'period', 'source', 'target']" \
  "timeline shape"
req GET "/api/articles"
check "$(json "j['articles'][0]['id'], j['articles'][0]['events'] > 0")" "1 True" "article list"

# ---- issue 14: downloads, country level, overview, dyads, searches -----------
req GET "/api/events?actor=IRN&level=country&limit=1000"
check "$(json "len(j['events']) > 0 and all('IRN' in (e['source_country'], e['target_country']) for e in j['events'])")" \
  True "country level: IRNGOV is IRN"
nirn=$(json "len(j['events'])")
ids=$(json "','.join(str(e['event_id']) for e in j['events'])")
req GET "/api/events?actor=IRN&level=country&format=csv"
check "$code" 200 "CSV download status"
check "$(header Content-Type)" "text/csv; charset=utf-8" "CSV media type"
check "$(header Content-Disposition)" 'attachment; filename="events.csv"' "CSV is a download"
check "$(python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=''))); print(','.join(x['event_id'] for x in r))" "$body")" \
  "$ids" "the CSV holds the filtered events, in order"
req GET "/api/events?actor=IRN&level=country&format=jsonl"
check "$(python3 -c "import json,sys; print(','.join(str(json.loads(l)['event_id']) for l in open(sys.argv[1])))" "$body")" \
  "$ids" "JSON Lines download"
req GET "/api/events?actor=IRN&level=country&format=gdelt"
check "$(awk -F'\t' '{ print NF }' "$body" | sort -u)" 61 "GDELT rows have 61 columns"
check "$(wc -l <"$body" | tr -d ' ')" "$nirn" "one GDELT row per event"
req GET "/api/events?format=xml"
check "$code" 400 "unknown format"
req GET "/api/events?min_confidence=0.95&limit=1000"
check "$(json "all(e['confidence'] >= 0.95 for e in j['events'])")" True "min_confidence"
req GET "/api/events?min_confidence=abc"
check "$code" 400 "min_confidence not a number"
req GET "/api/events?order=newest&limit=1000"
check "$(json "[e['date'] for e in j['events']] == sorted([e['date'] for e in j['events']], reverse=True)")" True \
  "newest first"
req GET "/api/events?level=galaxy"
check "$code" 400 "unknown level"
req GET "/api/events?cameo=030,0256&limit=1000"
check "$(json "sorted(set(e['cameo'] for e in j['events']))")" "['0256', '030']" "a list of CAMEO codes"
req GET "/api/overview"
check "$code" 200 "overview status"
check "$(json "sorted(j), sum(w['events'] for w in j['weeks']) + j['undated']")" \
  "['countries', 'dyads', 'undated', 'weeks'] $seed_events" "overview counts every event"
check "$(json "j['countries'][0]['code'], 'IRNGOV' in [c['code'] for c in j['countries']]")" "IRN False" \
  "overview countries: IRNGOV folds into IRN"
check "$(json "sorted(j['dyads'][0])")" \
  "['conflict', 'cooperation', 'events', 'goldstein', 'source', 'target']" "overview dyads"
req GET "/api/timeline?dyads=IRN:IRQ"
check "$code" 400 "a list of dyads needs the country level"
# the overview's countries, dyads and trends are those of the other routes
overview_agrees=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
get = lambda p: json.load(urllib.request.urlopen(sys.argv[1] + "/api/" + p))
o = get("overview")
same = o["countries"] == get("actors?level=country&limit=1000")["actors"]
same &= o["dyads"] == get("dyads?level=country&limit=10")["dyads"]
# the months of several dyads in one call are those of each dyad alone
both = get("timeline?level=country&period=month&limit=10000&dyads=" +
           ",".join("%s:%s" % (d["source"], d["target"]) for d in o["dyads"]))["rows"]
one = []
for d in o["dyads"]:
    one += get("timeline?level=country&period=month&limit=10000&dyad=%s:%s" % (d["source"], d["target"]))["rows"]
key = lambda r: (r["period"] or "~", r["source"], r["target"])
same &= sorted(both, key=key) == sorted(one, key=key)
print(same and len(o["dyads"]) > 0 and len(both) > 0)
PY
)
check "$overview_agrees" True "the overview agrees with /api/actors and /api/dyads; timeline dyads="
req GET "/api/dyads?level=country"
check "$(json "[d['events'] for d in j['dyads']] == sorted([d['events'] for d in j['dyads']], reverse=True) and len(j['dyads']) > 1")" \
  True "dyads of countries, busiest first"
top=$(json "'%s:%s %d' % (j['dyads'][0]['source'], j['dyads'][0]['target'], j['dyads'][0]['events'])")
req GET "/api/events?dyad=${top%% *}&level=country&limit=1000"
check "${top%% *} $(json "len(j['events'])")" "$top" "the busiest dyad counts its events"
req GET "/api/timeline?total=1&period=month"
check "$(json "sorted(j['rows'][0]), sum(r['events'] for r in j['rows'])")" \
  "['events', 'goldstein', 'period', 'quad1', 'quad2', 'quad3', 'quad4'] $seed_events" "timeline totals"
req GET "/api/quotes?text=AMERICAN%20%20servicemember&order=newest"
check "$(json "len(j['quotes']) > 0 and all('american servicemember' in q['text'].lower() for q in j['quotes'])")" True \
  "quotes by words"
req GET "/api/articles?text=single%20american"
check "$(json "[a['id'] for a in j['articles']]")" "[1]" "articles by words of the title"
req GET "/api/articles?text=nothing%20like%20it"
check "$(json "len(j['articles'])")" 0 "no article by other words"
req GET "/api/quotes?level=country"
check "$code" 400 "level does not apply to quotes"

# ---- errors ---------------------------------------------------------------------
req GET "/api/articles/999"
check "$code" 404 "missing article"
check "$(is_error)" True "404 error shape"
req GET "/api/articles/abc"
check "$code" 400 "non-numeric id"
req GET "/api/nothing-here"
check "$code" 404 "unknown API path"
check "$(is_error)" True "unknown path error shape"
req DELETE "/api/events"
check "$code" 405 "wrong method"
check "$(header Allow)" "GET, HEAD" "Allow header"
req GET "/api/events?limit=0"
check "$code" 400 "limit 0"
req GET "/api/events?limit=5000"
check "$code" 400 "limit too large"
req GET "/api/events?bogus=1"
check "$code" 400 "unknown parameter"
req GET "/api/events?quad=9"
check "$code" 400 "bad quad"
check "$(json "j['error']['code']")" bad_parameter "bad parameter code"
req GET "/api/events?since=yesterday"
check "$code" 400 "bad date"
req GET "/api/events?actor=%ff%fe"
check "$code" 400 "invalid UTF-8 parameter"
check "$(is_error)" True "UTF-8 error is JSON"

# ---- hostile strings in every parameter: data, never code ------------------------
# Free-text filters must answer 200 with rows (none match); validated ones
# (codes, dates, numbers) 400 with a JSON error; never 500, never markup.
hostile=("' OR 1=1 --" "<script>alert(1)</script>" "\"; DROP TABLE events; --" "x%' OR '%'='")
enc() { python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=''))" "$1"; }
for v in "${hostile[@]}"; do
  e=$(enc "$v")
  for p in actor plover text issue; do
    req GET "/api/events?$p=$e"
    check "$code" 200 "events $p=$v"
    check "$(json "len(j['events'])")" 0 "no rows for events $p=$v"
  done
  req GET "/api/events?dyad=$e:$e"
  check "$code" 200 "events dyad=$v:$v"
  for p in cameo root quad since until limit offset article; do
    req GET "/api/events?$p=$e"
    check "$code" 400 "events $p=$v"
    check "$(is_error)" True "error JSON for events $p=$v"
  done
  req GET "/api/quotes?speaker=$e"
  check "$code:$(json "len(j['quotes'])")" 200:0 "quotes speaker=$v"
  for p in actor dyad; do
    req GET "/api/actors?$p=$e"
    [ "$code" = 200 ] || [ "$code" = 400 ] && ok || bad "actors $p=$v: $code"
  done
  req GET "/api/timeline?period=$e"
  check "$code" 400 "timeline period=$v"
  req GET "/api/speakers?speaker=$e"
  check "$code" 200 "speakers speaker=$v"
  req GET "/api/articles/$e"
  [ "$code" = 400 ] || [ "$code" = 404 ] && ok || bad "article id $v: $code"
  # no raw markup anywhere in a reply
  if grep -q '<' "$body"; then bad "raw '<' in reply for $v"; else ok; fi
done
# the store is intact after all that
req GET "/api/events?limit=1000"
check "$(json "len(j['events'])")" "$seed_events" "every event still there"

# ---- writes -------------------------------------------------------------------------
article='{"text":"Iranian President Ebrahim Raisi met Iraqi Prime Minister Mohammed Shia al-Sudani in Tehran on Monday. Raisi praised the cooperation between the two countries.","title":"Raisi meets Sudani","date":"2023-05-01"}'
req POST /api/articles -H 'Content-Type: application/json' --data-binary "$article"
check "$code" 401 "no token"
check "$(header WWW-Authenticate | cut -c1-6)" Bearer "WWW-Authenticate"
req POST /api/articles -H 'Authorization: Bearer wrong' -H 'Content-Type: application/json' \
  --data-binary "$article"
check "$code" 403 "wrong token"
check "$(is_error)" True "403 error shape"
auth=(-H 'Authorization: Bearer sekrit')
req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary '{"text": "unterminated'
check "$code" 400 "bad JSON"
check "$(json "j['error']['code']")" bad_json "bad JSON code"
req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary '[1,2]'
check "$code" 400 "JSON that is not an article"
req POST /api/articles "${auth[@]}" -H 'Content-Type: image/png' --data-binary 'x'
check "$code" 415 "unsupported type"
head -c 2200000 /dev/zero | tr '\0' a >"$work/big"
req POST /api/articles "${auth[@]}" -H 'Content-Type: text/plain' --data-binary @"$work/big"
check "$code" 413 "oversize body"
check "$(is_error)" True "413 error shape"
req POST /api/articles "${auth[@]}" -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' \
  --data-binary @"$work/big"
check "$code" 413 "oversize chunked body"
req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$article"
check "$code" 201 "post article"
new_id=$(json "j['id']")
check "$(json "j['new'], j['actors'] > 0")" "True True" "post reply"
req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$article"
check "$code:$(json "j['new'], j['id']")" "200:False $new_id" "post again is idempotent"
req GET "/api/articles/$new_id"
check "$(json "j['article']['title']")" "Raisi meets Sudani" "posted article readable"
req POST /api/articles "${auth[@]}" -H 'Content-Type: text/html' \
  --data-binary '<html><head><title>Hi &lt;script&gt;</title></head><body><p><script>alert(1)</script>Iraqi President Abdul Latif Rashid criticised the United States on Sunday.</p></body></html>'
check "$code" 201 "post HTML"
req GET "/api/articles/$(json "j['id']")"
if grep -q '<' "$body"; then bad "raw '<' in article reply"; else ok; fi

# ---- dashboard -------------------------------------------------------------------------
req GET /
check "$code" 200 "dashboard"
check "$(header Content-Type)" "text/html; charset=utf-8" "dashboard type"
csp=$(header Content-Security-Policy)
case "$csp" in *"script-src 'self'"*) ok ;; *) bad "dashboard CSP: $csp" ;; esac
req GET /no-such-file.js
check "$code" 404 "missing static file"

# ---- OpenAPI: every documented path answers, every routed path is documented -------
req GET /api/openapi.json
check "$code" 200 "openapi"
check "$(json "j['openapi'][:2]")" "3." "openapi version"
cp "$body" "$work/openapi.json"
event_fields=$(json "sorted(j['components']['schemas']['Event']['properties'])")
req GET "/api/events?limit=1"
check "$(json "sorted(j['events'][0])")" "$event_fields" "event rows as the Event schema says"
python3 - "$work/openapi.json" >"$work/ops" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for path, item in doc["paths"].items():
    for method in item:
        print(method.upper(), path.replace("{id}", "1"))
EOF
nops=0
while read -r m p; do
  nops=$((nops + 1))
  if [ "$m" = GET ]; then req GET "$p"; want=200
  else req "$m" "$p" -H 'Content-Type: text/plain' --data-binary 'x'; want=401; fi
  check "$code" "$want" "documented $m $p answers"
done <"$work/ops"
[ "$nops" -ge 9 ] && ok || bad "only $nops operations documented"
# every path that answers (not 404) must be documented
for p in /api/events /api/timeline /api/actors /api/quotes /api/speakers /api/articles \
         /api/articles/1 /api/openapi.json /api/stats /api/article /api/event /api/search \
         /api/health /api/version /api/dyads /api/network /api /api/; do
  req GET "$p"
  if [ "$code" != 404 ]; then
    grep -qx "GET ${p}" "$work/ops" && ok || bad "$p answers $code but is not in openapi.json"
  else ok; fi
done

# ---- rate limit ---------------------------------------------------------------------------
start --rate 5 || bad "second server did not start"
base="http://127.0.0.1:$port"
codes=""
for _ in $(seq 1 8); do req GET /api/actors; codes="$codes $code"; done
case "$codes" in *429*) ok ;; *) bad "no 429 after 8 requests at --rate 5: $codes" ;; esac
check "$(is_error)" True "429 error shape"
check "$(header Retry-After)" 60 "Retry-After"
req POST /api/articles -H 'Content-Type: text/plain' --data-binary 'x'
[ "$code" = 429 ] || [ "$code" = 403 ] && ok || bad "post without token configured: $code"

# --dict: POSTed articles are coded with users' TABARI/PETRARCH dictionaries
start --token sekrit --rate 0 --dict-only --dict "$src/tests/data/pdict" || bad "server with --dict did not start"
base="http://127.0.0.1:$port"
req POST /api/articles -H 'Authorization: Bearer sekrit' -H 'Content-Type: text/plain' \
  --data-binary $'Sylvania Talks\n\nFreedonia condemned Sylvania on Monday.'
check "$code" 201 "post coded with --dict"
req GET "/api/events?cameo=122&limit=1000"
check "$(json "sorted({(e['source_code'], e['target_code']) for e in j['events']})")" "[('FRD', 'SYL')]" \
  "the --dict event is stored"
# its issue dictionary gives events issues; issue=CODE finds them
req POST /api/articles -H 'Authorization: Bearer sekrit' -H 'Content-Type: text/plain' \
  --data-binary $'Famine Talks\n\nFreedonia condemned Sylvania over the famine.'
check "$code" 201 "post with an issue"
req GET "/api/events?issue=famine"
check "$code:$(json "[(e['source_code'], e['issues']) for e in j['events']]")" \
  "200:[('FRD', ['FAMINE'])]" "issue filter"
req GET "/api/events?issue=FAM"
check "$code:$(json "len(j['events'])")" 200:0 "issue is a whole code"
req GET "/api/events?issue=FAMINE,GRAIN"
check "$code:$(is_error)" 400:True "one issue code"

# writes refused when no token is configured
start --rate 0 || bad "third server did not start"
base="http://127.0.0.1:$port"
req POST /api/articles -H 'Authorization: Bearer sekrit' -H 'Content-Type: text/plain' --data-binary 'x'
check "$code" 403 "writes disabled without a token"
check "$(json "j['error']['code']")" writes_disabled "writes disabled code"
# the store is only read then, and the dashboard's reads all answer: the
# overview, and GDELT rows with their code parts (no engine is loaded)
req GET "/api/events?limit=1000"
stored=$(json "len(j['events'])")
req GET "/api/overview"
check "$code:$(json "sum(w['events'] for w in j['weeks']) + j['undated']")" "200:$stored" \
  "read-only server: overview"
req GET "/api/events?actor=IRNGOV&format=gdelt"
check "$code:$(awk -F'\t' '$6 == "IRNGOV" { print $8 ":" $13 }' "$body" | sort -u)" "200:IRN:GOV" \
  "read-only server: GDELT rows split IRNGOV into country and type"

# ---- the same API over a PostgreSQL store (when DATELINE_TEST_PG is set) ----------
if [ -n "${DATELINE_TEST_PG:-}" ] && command -v psql >/dev/null; then
  sch="dl_serve_$$"
  psql -q -X "$DATELINE_TEST_PG" -c "CREATE SCHEMA $sch" >/dev/null 2>&1 || bad "create schema $sch"
  case "$DATELINE_TEST_PG" in *\?*) sep='&' ;; *) sep='?' ;; esac
  pgdb="$DATELINE_TEST_PG${sep}options=-c%20search_path%3D$sch"
  "$bin" ingest --db "$pgdb" "$seed" 2>/dev/null || bad "ingest into PostgreSQL"
  db=$pgdb
  start --token sekrit || bad "server on PostgreSQL did not start"
  base="http://127.0.0.1:$port"
  req GET "/api/events?limit=1000"
  check "$code:$(json "len(j['events'])")" "200:$seed_events" "PostgreSQL: every event"
  check "$(json "max(e['n_sentences'] for e in j['events']) >= 2")" True "PostgreSQL: a restated act"
  req GET "/api/events?text=troops&dyad=IRNGOV:"
  check "$code:$(json "len(j['events']) > 0")" 200:True "PostgreSQL: text search"
  req GET "/api/articles/1"
  check "$(json "j['article']['title'], len(j['mentions']) > 0")" \
    "Not Even a Single American Soldier True" "PostgreSQL: article"
  req GET "/api/timeline?period=week"
  check "$code" 200 "PostgreSQL: timeline"
  req GET "/api/overview"
  check "$code:$(json "sum(w['events'] for w in j['weeks']) + j['undated'], j['countries'][0]['code'], len(j['dyads']) > 0")" \
    "200:$seed_events IRN True" "PostgreSQL: overview"
  req GET "/api/timeline?level=country&period=month&dyads=IRN:IRQ,IRQ:IRN"
  check "$code:$(json "sorted(set((r['source'], r['target']) for r in j['rows']))")" "200:[('IRN', 'IRQ'), ('IRQ', 'IRN')]" \
    "PostgreSQL: timeline of a list of dyads"
  req GET "/api/events?actor=IRN&level=country&format=csv"
  check "$code:$(($(wc -l <"$body") - 1))" "200:$nirn" "PostgreSQL: CSV download of the country level"
  req GET "/api/actors?by=code&limit=1"
  check "$(json "j['actors'][0]['code'], type(j['actors'][0]['events']).__name__")" "IRNGOV int" "PostgreSQL: top codes"
  for v in "${hostile[@]}"; do
    e=$(enc "$v")
    req GET "/api/events?actor=$e&text=$e&plover=$e"
    check "$code:$(json "len(j['events'])")" 200:0 "PostgreSQL: hostile $v"
  done
  req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$article"
  check "$code" 201 "PostgreSQL: post article"
  req POST /api/articles "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$article"
  check "$code:$(json "j['new']")" 200:False "PostgreSQL: post again"
  psql -q -X "$DATELINE_TEST_PG" -c "DROP SCHEMA $sch CASCADE" >/dev/null 2>&1
else
  echo "test_serve: DATELINE_TEST_PG not set; PostgreSQL part skipped" >&2
fi

# ---- clean stop --------------------------------------------------------------------------
last=${pids[-1]}
kill -TERM "$last"
for _ in $(seq 1 50); do kill -0 "$last" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$last" 2>/dev/null; then bad "server did not stop on SIGTERM"; else ok; fi
wait "$last"
check "$?" 0 "exit status after SIGTERM"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
