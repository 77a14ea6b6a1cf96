#!/usr/bin/env bash
# bench/run.sh [COPIES] -- end-to-end speed of `dateline code` on one core,
# over a corpus made by repeating the bundled examples (COPIES times each,
# default 2000), as JSON Lines.  Prints articles/s and MB/s, and, as a peer
# run in the same session on the same bytes, gzip -6's MB/s, so the figure
# can be compared across machines as a ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-2000}
bin=build/dateline
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build" >&2; exit 2; }
out=bench/out
mkdir -p "$out"
corpus=$out/corpus.jsonl
python3 - "$copies" "$corpus" <<'PY'
import glob, json, sys
copies, path = int(sys.argv[1]), sys.argv[2]
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("examples/*.txt"))]
texts += [json.loads(l)["text"] for l in open("examples/feed.jsonl", encoding="utf-8")]
with open(path, "w", encoding="utf-8") as fh:
    for i in range(copies):
        for j, t in enumerate(texts):
            fh.write(json.dumps({"url": f"bench://{i}/{j}", "date": "2023-01-01", "text": t}) + "\n")
PY
articles=$(wc -l <"$corpus")
bytes=$(wc -c <"$corpus")
now() { date +%s.%N; }
t0=$(now); taskset -c 0 "$bin" code --format tsv "$corpus" >"$out/events.tsv"; t1=$(now)
t2=$(now); taskset -c 0 gzip -6 -c "$corpus" >/dev/null; t3=$(now)
python3 - "$articles" "$bytes" "$t0" "$t1" "$t2" "$t3" "$(($(wc -l <"$out/events.tsv") - 1))" <<'PY'
import sys
n, b, t0, t1, t2, t3, ev = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:7]), int(sys.argv[7])
dl, gz = t1 - t0, t3 - t2
mb = b / 1e6
print(f"corpus: {n} articles, {mb:.1f} MB, {ev} events coded")
print(f"dateline code: {dl:.2f} s  {n/dl:.0f} articles/s  {mb/dl:.2f} MB/s per core")
print(f"gzip -6 (peer): {gz:.2f} s  {mb/gz:.2f} MB/s per core")
print(f"ratio dateline/gzip throughput: {(mb/dl)/(mb/gz):.2f}")
PY
