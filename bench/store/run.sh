#!/usr/bin/env bash
# bench/store/run.sh -- the store benchmark: ingests N articles (default
# 100000, made by varying the examples: bench/store/make_corpus.py) into a
# new SQLite store with --jobs 2, and a sample of them (SAMPLE, default N/10)
# with --jobs 2 and --jobs 1, and reports
#
#   articles per second of each ingest (and its peak memory),
#   the latency of a dyad-month aggregate over the store
#     (dateline query --count-by month --dyad X:Y, median of 5 runs),
#   the rerun of the whole corpus over the full store (every input skipped
#     before coding: the resume path),
#   and a peer measured in the same session for scale: `dateline code` of
#     the sample to /dev/null -- the pipeline alone on one core, without the
#     store -- so ingest --jobs 1 minus it is what storing costs.
#
# Prints NAME=VALUE lines (and the commands it ran on stderr).  Not part of
# ctest.  About 2-4 minutes on 2 cores at the default size.
#
#   bench/store/run.sh [BUILD_DIR] [N]        (BUILD_DIR default: build)
#   N=20000 bench/store/run.sh build-x7       (a quick run)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
n=${2:-${N:-100000}}
sample=${SAMPLE:-$(( n / 10 > 1000 ? n / 10 : (n < 1000 ? n : 1000) ))}
bin=$build/dateline
[ -x "$bin" ] || { echo "bench/store/run.sh: no $bin (build first)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-store-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
rate() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
say() { echo "+ $*" >&2; }

# the same codebooks for every run, whatever happens in data/ meanwhile
cp -r "$root/data" "$work/data"

python3 "$here/make_corpus.py" "$root/examples" "$n" "$work/corpus.jsonl"
head -n "$sample" "$work/corpus.jsonl" >"$work/sample.jsonl"
echo "articles=$n"
echo "sample_articles=$sample"
echo "corpus_bytes=$(stat -c %s "$work/corpus.jsonl")"
echo "cores=$(nproc)"
echo "load_before=$(cut -d' ' -f1 /proc/loadavg)"

# ingest: prints NAME_seconds and NAME_articles_per_sec; checks the summary
ingest() {   # ingest NAME JOBS DB INPUT COUNT
    local name=$1 j=$2 db=$3 input=$4 count=$5 t0 t1 timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%M" -o "$work/rss.$name")
    say "$bin ingest --data DATA --jobs $j --db $(basename "$db") $(basename "$input")"
    t0=$(now)
    "${timer[@]}" "$bin" ingest --data "$work/data" --jobs "$j" --db "$db" "$input" 2>"$work/$name.err"
    t1=$(now)
    grep -q "ingested $count articles (0 already stored, 0 failed)" "$work/$name.err" ||
        { cat "$work/$name.err" >&2; exit 1; }
    echo "${name}_seconds=$(secs "$t0" "$t1")"
    echo "${name}_articles_per_sec=$(rate "$count" "$(secs "$t0" "$t1")")"
    [ -f "$work/rss.$name" ] && echo "${name}_max_rss_kb=$(tail -n 1 "$work/rss.$name")"
    return 0
}

# the whole corpus, every core
db="$work/events.db"
ingest ingest_jobs2 2 "$db" "$work/corpus.jsonl" "$n"
echo "store_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))"
if command -v sqlite3 >/dev/null 2>&1; then
    echo "events=$(sqlite3 "$db" 'SELECT count(*) FROM events')"
fi

# the sample: one job, and the peer (the pipeline alone, no store)
ingest ingest_jobs2_sample 2 "$work/sample2.db" "$work/sample.jsonl" "$sample"
ingest ingest_jobs1_sample 1 "$work/sample1.db" "$work/sample.jsonl" "$sample"
say "$bin code --data DATA sample.jsonl >/dev/null"
t0=$(now)
"$bin" code --data "$work/data" "$work/sample.jsonl" >/dev/null
t1=$(now)
echo "code_only_sample_seconds=$(secs "$t0" "$t1")"
echo "code_only_sample_articles_per_sec=$(rate "$sample" "$(secs "$t0" "$t1")")"

# resume: the whole corpus again over the full store
say "$bin ingest --data DATA --jobs 2 --db events.db corpus.jsonl   # rerun"
t0=$(now)
"$bin" ingest --data "$work/data" --jobs 2 --db "$db" "$work/corpus.jsonl" 2>"$work/rerun.err"
t1=$(now)
grep -q "; $n stored inputs skipped before coding" "$work/rerun.err" || { cat "$work/rerun.err" >&2; exit 1; }
echo "rerun_skip_seconds=$(secs "$t0" "$t1")"

# the dyad-month aggregate: the busiest dyad in the store
dyad=$(sqlite3 "$db" "SELECT source_code || ':' || target_code FROM events
                       WHERE source_code IS NOT NULL AND target_code IS NOT NULL
                       GROUP BY 1 ORDER BY count(*) DESC LIMIT 1" 2>/dev/null || echo "USA:PRK")
echo "dyad=$dyad"
say "$bin query --db events.db --count-by month --dyad $dyad"
best=
for i in 1 2 3 4 5; do
    t0=$(now)
    "$bin" query --db "$db" --count-by month --dyad "$dyad" >"$work/agg.out"
    t1=$(now)
    best="$best $(secs "$t0" "$t1")"
done
median=$(echo $best | tr ' ' '\n' | sort -n | sed -n 3p)
echo "dyad_month_query_ms=$(python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) * 1000))" "$median")"
echo "dyad_month_rows=$(grep -c . "$work/agg.out" || true)"
