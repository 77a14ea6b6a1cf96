#!/usr/bin/env bash
# bench/pipeline/articles600.sh [BUILD_DIR] [N] [RUNS] -- the speed criterion:
# `dateline code` (the whole pipeline, parse included, one process pinned to
# one core) over N articles of about 600 words (default 2000), RUNS times
# (default 3), with gzip -6 over the same bytes after each run as the peer.
#
# The corpus is made at bench time in a temp dir, never stored: real news
# bodies (the English pages of ../shared/data/article-extraction's ground
# truth) and the bundled examples/, cut into articles at the paragraph
# boundary nearest 600 words, each pass over the sources in a new (seeded)
# order so articles differ; one JSON record a line ({"url", "title", "date",
# "text"}), the bulk input format.  Words and tokens are counted by
# bench_pipeline (extract+tokenize, outside the timed runs).
#
# Prints each run (articles/s per core from wall time under taskset, and
# from the CPU time the process used: on a shared machine the two part when
# other work takes the core), the medians, tokens/s, the hours one core
# needs for 500,000 articles (a day of GDELT-scale news), and the ratio of
# dateline's MB/s to gzip -6's (CPU time of each; gzip run 5 times over the
# corpus after each run), which travels better across machines.
# STAGES=1 adds the per-stage split of the same corpus in one process
# (bench_pipeline, one round).  CPU=N pins to another core (default 0);
# KEEP=1 keeps the temp dir (corpus.jsonl, out.json) for profiling.
#
#   bench/pipeline/articles600.sh build-bench          # about 3 minutes
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# the bench program is built outside the tree: it reads this checkout's data
export DATELINE_DATA=${DATELINE_DATA:-$root/data}
build=${1:-$root/build}
n=${2:-2000}
runs=${3:-3}
shared=${SHARED:-$root/../shared}
bin=$build/dateline
[ -x "$bin" ] || { echo "articles600.sh: no $bin (build first)" >&2; exit 2; }
truth=$shared/data/article-extraction/ground-truth.json
[ -f "$truth" ] || { echo "articles600.sh: no $truth" >&2; exit 2; }
pin=()
command -v taskset >/dev/null && pin=(taskset -c "${CPU:-0}")
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-articles600-XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

python3 - "$n" "$truth" "$root/examples" "$work/corpus.jsonl" <<'PY'
import glob, json, os, random, re, sys
n, truth, examples, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
TARGET = 600
STOP = {"the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "on", "with", "was", "as"}

def english(text):
    words = re.findall(r"[A-Za-z']+", text.lower())
    return len(words) > 50 and sum(w in STOP for w in words) / len(words) > 0.15

docs = []   # each a list of paragraphs
for rec in json.load(open(truth, encoding="utf-8")).values():
    body = rec["articleBody"]
    if english(body):
        docs.append([p.strip() for p in body.split("\n") if p.strip()])
for f in sorted(glob.glob(os.path.join(examples, "*.txt"))):
    paras = [p.strip() for p in open(f, encoding="utf-8").read().split("\n\n") if p.strip()]
    docs.append([p for p in paras[3:] if not p.startswith("Related:")])   # after title, byline, date
for line in open(os.path.join(examples, "feed.jsonl"), encoding="utf-8"):
    docs.append([p.strip() for p in json.loads(line)["text"].split("\n\n") if p.strip()])

def paragraphs():
    rng = random.Random(600)
    while True:
        order = docs[:]
        rng.shuffle(order)
        for d in order:
            yield from d

out, cur, words = [], [], 0
for p in paragraphs():
    w = len(p.split())
    if cur and (words >= TARGET or words + w - TARGET > TARGET - words):
        out.append(cur)
        if len(out) == n:
            break
        cur, words = [], 0
    cur.append(p)
    words += w
with open(path, "w", encoding="utf-8") as fh:
    for i, paras in enumerate(out):
        title = " ".join(paras[0].split()[:10])
        fh.write(json.dumps({"url": f"bench://articles600/{i}", "title": title,
                             "date": "2019-11-19", "text": "\n\n".join(paras)}) + "\n")
PY

"$here/compile.sh" "$build" "$work/bench_pipeline"
"$work/bench_pipeline" 0 "$work/corpus.jsonl" >"$work/count"
get() { sed -n "s/^$1=//p" "$work/count"; }
articles=$(get articles) english=$(get english_articles) words=$(get words) tokens=$(get tokens)
bytes=$(stat -c %s "$work/corpus.jsonl")
awk -v a="$articles" -v e="$english" -v w="$words" -v t="$tokens" -v b="$bytes" 'BEGIN {
    printf "corpus: %d articles (%d in English), %.0f words and %.0f tokens an article (mean), %.1f MB of JSON Lines\n",
           a, e, w / a, t / a, b / 1e6 }'
echo "command: ${pin[*]} $bin code CORPUS.jsonl > OUT.json    (then ${pin[*]} gzip -6 -c CORPUS.jsonl as the peer)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

python3 - "$runs" "$articles" "$words" "$tokens" "$bytes" "$work" "${pin[@]}" "$bin" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, n, words, tokens, size = map(int, sys.argv[1:6])
work, pin, bin = sys.argv[6], sys.argv[7:-1], sys.argv[-1]
corpus = os.path.join(work, "corpus.jsonl")
PEER_REPS = 5   # gzip takes about a second: five of them average out the noise

def timed(cmd, out):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out, "wb") as fh:
        rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE).returncode
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return rc, wall, cpu

rows = []
for r in range(1, runs + 1):
    out = os.path.join(work, "out.json")
    rc, wall, cpu = timed(pin + [bin, "code", corpus], out)
    coded = sum(1 for _ in open(out, "rb"))
    if rc != 0 or coded != n:
        sys.exit(f"run {r}: dateline code exited {rc} with {coded} of {n} articles")
    gz_cpu = 0.0
    for _ in range(PEER_REPS):
        gz_cpu += timed(pin + ["gzip", "-6", "-c", corpus], os.devnull)[2] / PEER_REPS
    row = dict(aps=n / wall, aps_cpu=n / cpu, tps=tokens / wall, ratio=gz_cpu / cpu)
    rows.append(row)
    print(f"run {r}: {wall:6.2f} s wall, {cpu:6.2f} s cpu  {row['aps']:6.1f} articles/s per core "
          f"({row['aps_cpu']:.1f} by cpu time)  {row['tps']:7.0f} tokens/s  "
          f"gzip -6 {size / 1e6 / gz_cpu:5.1f} MB/s  ratio dateline/gzip {row['ratio']:.4f}")
import json
coded = [json.loads(line) for line in open(out, encoding="utf-8")]
print("coded: " + ", ".join(f"{sum(len(d[k]) for d in coded)} {k}" for k in ("events", "quotes", "actors")))
med = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
print(f"median of {runs}: {med['aps']:.1f} articles/s per core ({med['aps_cpu']:.1f} by cpu time), "
      f"{med['tps']:.0f} tokens/s, 500,000 articles in {500000 / med['aps'] / 3600:.2f} h on one core, "
      f"ratio dateline/gzip -6 {med['ratio']:.4f}")
print(f"articles={n}")
print(f"words_per_article={words / n:.0f}")
print(f"tokens_per_article={tokens / n:.0f}")
print(f"articles_per_second_per_core={med['aps']:.1f}")
print(f"articles_per_cpu_second={med['aps_cpu']:.1f}")
print(f"tokens_per_second={med['tps']:.0f}")
print(f"hours_for_500000_articles={500000 / med['aps'] / 3600:.2f}")
print(f"ratio_dateline_over_gzip6={med['ratio']:.4f}")
print(f"meets_60_articles_per_second={'yes' if med['aps'] >= 60 else 'no'}")
PY

if [ -n "${KEEP:-}" ]; then echo "kept: $work/corpus.jsonl"; fi
if [ "${STAGES:-0}" = 1 ]; then
    echo "# per stage, one process, same corpus (bench_pipeline, one round)"
    "${pin[@]}" "$work/bench_pipeline" 1 "$work/corpus.jsonl"
fi
