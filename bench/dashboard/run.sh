#!/usr/bin/env bash
# bench/dashboard/run.sh -- how fast the dashboard's pages get their data: the
# first API call each page makes, on a store of N articles (default 100000,
# made as bench/store/run.sh makes them: bench/store/make_corpus.py, ingest
# --jobs 2), through `dateline serve` on 127.0.0.1, timed by curl.
#
# For each call it prints the time of the very first request after the
# server started (cold: nothing of the store in memory but what SQLite read
# at open) and the median of the 5 after it, in milliseconds.  Peers in the
# same session: a static file (/favicon.svg: the server's own floor), and
# the overview's weekly counts read from the events table instead of the
# event_days summary (min_confidence=0.0001 keeps every event but sends
# the aggregate there), which is what each overview request cost before.
#
#   bench/dashboard/run.sh [BUILD_DIR] [N]          (BUILD_DIR default: build)
#   STORE=events.db bench/dashboard/run.sh build    (time an existing store)
# The server runs without a token, so it opens the store read-only: a STORE
# of an older schema must be upgraded first by a `dateline ingest` into it.
# Not part of ctest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
n=${2:-${N:-100000}}
bin=$build/dateline
[ -x "$bin" ] || { echo "bench/dashboard/run.sh: no $bin (build first)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-dash-bench-XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

db=${STORE:-}
if [ -z "$db" ]; then
    python3 "$root/bench/store/make_corpus.py" "$root/examples" "$n" "$work/corpus.jsonl"
    db="$work/events.db"
    echo "+ $bin ingest --jobs 2 --db events.db corpus.jsonl" >&2
    "$bin" ingest --jobs 2 --db "$db" "$work/corpus.jsonl" 2>"$work/ingest.err" ||
        { cat "$work/ingest.err" >&2; exit 1; }
    tail -n 1 "$work/ingest.err" >&2
fi
if command -v sqlite3 >/dev/null 2>&1; then
    echo "articles=$(sqlite3 "$db" 'SELECT count(*) FROM articles')"
    echo "events=$(sqlite3 "$db" 'SELECT count(*) FROM events')"
    echo "quotes=$(sqlite3 "$db" 'SELECT count(*) FROM quotes')"
fi
echo "cores=$(nproc)"
echo "load_before=$(cut -d' ' -f1 /proc/loadavg)"

"$bin" serve --db "$db" --port 0 --rate 0 2>"$work/serve.log" &
pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }

ms() { curl -s --noproxy '*' -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$1" |
       python3 -c "import sys; print('%.1f' % (float(sys.stdin.read()) * 1000))"; }
# time NAME PATH: the first request, then the median of five more
time_call() {
    local first runs
    first=$(ms "$2")
    runs=$(for _ in 1 2 3 4 5; do ms "$2"; done | sort -n | sed -n 3p)
    printf '%-28s first_ms=%-8s median_ms=%-8s %s\n' "$1" "$first" "$runs" "$2"
}
echo "# the first API call of each page"
time_call overview    "/api/overview"
time_call events      "/api/events?limit=50"
time_call timeline    "/api/dyads?level=country&limit=1"
time_call network     "/api/dyads?level=country&limit=300"
time_call quotes      "/api/quotes?order=newest&limit=50"
time_call articles    "/api/articles?limit=50"
time_call article     "/api/articles/1"
echo "# the calls that follow them"
top=$(curl -s --noproxy '*' "http://127.0.0.1:$port/api/dyads?level=country&limit=1" |
      python3 -c "import json,sys; d=json.load(sys.stdin)['dyads'][0]; print(d['source'] + ':' + d['target'])")
time_call timeline-dyad "/api/timeline?dyad=$top&level=country&period=week&limit=10000"
tops=$(curl -s --noproxy '*' "http://127.0.0.1:$port/api/overview" |
       python3 -c "import json,sys; print(','.join(d['source'] + ':' + d['target'] for d in json.load(sys.stdin)['dyads']))")
time_call overview-trends "/api/timeline?level=country&period=month&limit=10000&dyads=$tops"
time_call overview-actors "/api/actors?by=code&limit=10"
time_call actors-by-name  "/api/actors?limit=10"
time_call quotes-speakers "/api/speakers?limit=30"
time_call events-country  "/api/events?actor=USA&level=country&limit=50"
echo "# peers"
time_call static-file "/favicon.svg"
time_call weeks-from-events "/api/timeline?total=1&period=week&min_confidence=0.0001&limit=10000"
time_call weeks-from-event_days "/api/timeline?total=1&period=week&limit=10000"
