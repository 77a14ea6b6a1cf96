#!/usr/bin/env bash
# tests/cli/test_hostile_inputs.sh DATELINE SOURCE_DIR SHARED_DIR -- inputs
# an attacker or an unlucky operator hands the walker (issue 13): a gzip
# bomb, /dev/zero, truncated and corrupt gzip, FIFOs and symbolic-link loops
# in directories (which ingest records as left out, for `dateline status`),
# a FIFO as a dictionary, over-long dictionary lines.  Each case is bounded
# in time (timeout) and, for the bomb, in memory.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
bg=()
cleanup() {
  for p in "${bg[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "tmp: $tmp"
# run SECONDS CMD...: runs CMD under a time limit; sets $rc (124 when killed)
# and $secs, the wall time
run() {
  local limit=$1 t0
  shift
  t0=$(date +%s.%N)
  timeout -s KILL "$limit" "$@"
  rc=$?
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
}
under() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

art="$tmp/article.txt"
cat >"$art" <<'EOF'
Ministers agree to resume talks

By Jane Doe

GENEVA, May 2, 2024 - The foreign minister of France met the foreign minister of Iran
in Geneva on Thursday and said both governments would resume talks on the nuclear
programme next week. "We will not give up on diplomacy," the French minister said.
EOF

# ---- bounded input ----------------------------------------------------------
# The gzip bomb: 3 MB of gzip members that inflate to 1 GB of text.  The
# walker stops at --max-input-bytes (64 MiB) with one error line; RSS stays
# under 300 MB (ASan's quarantine kept small, else it holds freed buffers).
python3 - "$tmp/bomb.txt.gz" <<'EOF'
import gzip, sys
member = gzip.compress(b"The minister said the talks would go on. " * 200000, 9)
open(sys.argv[1], "wb").write(member * 130)
EOF
ok "bomb is about 3 MB" '[ $(stat -c %s "$tmp/bomb.txt.gz") -lt 4000000 ]'
ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=16" timeout -s KILL 60 python3 - "$bin" \
  "$tmp/bomb.txt.gz" >"$tmp/bomb.rss" 2>"$tmp/bomb.err" <<'EOF'
import resource, subprocess, sys
p = subprocess.run([sys.argv[1], "code", sys.argv[2]], stdout=subprocess.DEVNULL)
print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
EOF
read -r bomb_rc bomb_mb <"$tmp/bomb.rss"
ok "bomb exits 1 (got ${bomb_rc:-none})" '[ "${bomb_rc:-}" = 1 ]'
ok "bomb stays under 300 MB RSS (got ${bomb_mb:-?} MB)" '[ -n "${bomb_mb:-}" ] && [ "$bomb_mb" -lt 300 ]'
ok "bomb error names the file and the bound" \
  'grep -q "bomb.txt.gz: larger than 67108864 bytes inflated" "$tmp/bomb.err"'

run 60 "$bin" extract /dev/zero >/dev/null 2>"$tmp/zero.err"
ok "/dev/zero ends with exit 1 (rc $rc, ${secs}s)" '[ $rc -eq 1 ]'
ok "/dev/zero: one error naming it" 'grep -q "^dateline: /dev/zero: larger than 67108864 bytes" "$tmp/zero.err"'
run 20 "$bin" extract --max-input-bytes 1K /dev/zero >/dev/null 2>"$tmp/zero.err"
ok "--max-input-bytes 1K is 1024 bytes" 'grep -q "larger than 1024 bytes" "$tmp/zero.err"'
"$bin" extract --max-input-bytes 64X "$art" >/dev/null 2>"$tmp/err"; rc=$?
ok "bad --max-input-bytes is a usage error" '[ $rc -eq 2 ] && grep -q "max-input-bytes" "$tmp/err"'
"$bin" extract --max-input-bytes 100 "$art" >/dev/null 2>"$tmp/err"; rc=$?
ok "an article over the bound is an error" '[ $rc -eq 1 ] && grep -q "article.txt: larger than 100 bytes" "$tmp/err"'
printf '{"text":"%0300d"}\n{"text":"short"}\n' 0 >"$tmp/long.jsonl"
"$bin" extract --max-input-bytes 200 "$tmp/long.jsonl" >"$tmp/out" 2>"$tmp/err"
ok "a JSON line over the bound is skipped with its line number" \
  'grep -q "long.jsonl:1: line longer than 200 bytes, skipped" "$tmp/err" && [ $(wc -l <"$tmp/out") -eq 1 ]'

# ---- gzip errors --------------------------------------------------------------
python3 - "$art" "$tmp" <<'EOF'
import gzip, json, random, sys, zlib
text = open(sys.argv[1]).read()
d = sys.argv[2]
rnd = random.Random(13)
def varied(n):   # text that compresses little, so that half the file is half the text
    return "".join(text.replace("Thursday", "day %d" % rnd.randrange(10**9)) for _ in range(n))
g = gzip.compress(varied(20).encode())
open(d + "/cut.txt.gz", "wb").write(g[: len(g) // 2])
g = gzip.compress(("<html><body><p>" + varied(20) + "</p></body></html>").encode())
open(d + "/cut.html.gz", "wb").write(g[: len(g) // 2])
bad = bytearray(g)
bad[len(g) // 2] ^= 0xFF
open(d + "/bad.txt.gz", "wb").write(bytes(bad))
# two whole lines flushed, then a third cut in its middle
z = zlib.compressobj(9, zlib.DEFLATED, 31)
head = z.compress(b"".join(json.dumps({"text": varied(1)}).encode() + b"\n" for _ in range(2)))
head += z.flush(zlib.Z_FULL_FLUSH)
tail = z.compress(json.dumps({"text": varied(10)}).encode() + b"\n") + z.flush()
open(d + "/cut.jsonl.gz", "wb").write(head + tail[: len(tail) // 2])
EOF
for f in cut.txt.gz cut.html.gz; do
  "$bin" code "$tmp/$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
  ok "truncated $f exits 1" '[ $rc -eq 1 ]'
  ok "truncated $f is a gzip error with the offset" \
    'grep -q "$f: gzip: unexpected end of file at byte [0-9]* of the compressed file" "$tmp/err"'
  ok "truncated $f is not coded" '[ ! -s "$tmp/out" ]'
done
"$bin" extract "$tmp/bad.txt.gz" >"$tmp/out" 2>"$tmp/err"; rc=$?
ok "corrupt .gz exits 1 naming gzip" '[ $rc -eq 1 ] && grep -q "bad.txt.gz: gzip: " "$tmp/err"'
"$bin" extract "$tmp/cut.jsonl.gz" >"$tmp/out" 2>"$tmp/err"; rc=$?
ok "truncated .jsonl.gz: the whole lines are read" '[ $(wc -l <"$tmp/out") -eq 2 ]'
ok "truncated .jsonl.gz: a gzip error at line 3, not a JSON one" \
  '[ $rc -eq 1 ] && grep -q "cut.jsonl.gz:3: gzip: unexpected end of file" "$tmp/err" && [ $(wc -l <"$tmp/err") -eq 1 ]'

# ---- the walker: FIFOs and links ------------------------------------------------
mkdir -p "$tmp/tree/sub" "$tmp/outside"
cp "$art" "$tmp/tree/a.txt"
sed 's/France/Germany/' "$art" >"$tmp/tree/sub/b.txt"
sed 's/France/Spain/' "$art" >"$tmp/outside/c.txt"
mkfifo "$tmp/tree/pipe.txt"
ln -s . "$tmp/tree/self"
ln -s .. "$tmp/tree/sub/up"
ln -s ../outside "$tmp/tree/out"
ln -s ../tree/sub "$tmp/outside/back"
run 10 "$bin" extract --no-body "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
ok "a FIFO and link loops in a directory: ends in under 2 s (rc $rc, ${secs}s)" \
  '[ $rc -eq 0 ] && under "$secs" 2'
ok "each regular file once, links not followed" '[ $(wc -l <"$tmp/out") -eq 2 ]'
ok "the FIFO is skipped with a warning" 'grep -q "tree/pipe.txt: a FIFO, skipped" "$tmp/err"'
ok "a directory link is skipped with a warning" \
  'grep -q "tree/self: a symbolic link to a directory, not followed" "$tmp/err"'
run 10 "$bin" extract --no-body --follow-links "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
ok "--follow-links over two loops ends in under 2 s (rc $rc, ${secs}s)" \
  '[ $rc -eq 0 ] && under "$secs" 2'
ok "--follow-links reads each file once, the linked one too" \
  '[ $(wc -l <"$tmp/out") -eq 3 ] && [ $(grep -c c.txt "$tmp/out") -eq 1 ]'
(sleep 1; cat "$art" >"$tmp/tree/pipe.txt") &
bg+=($!)
run 10 "$bin" extract --no-body "$tmp/tree/pipe.txt" >"$tmp/out" 2>"$tmp/err"
ok "a FIFO named on the command line is read" '[ $rc -eq 0 ] && grep -q pipe.txt "$tmp/out"'

# ingest: the FIFO in the tree does not stop it, and every article is committed
run 30 "$bin" ingest --db "$tmp/t.db" "$tmp/tree" >/dev/null 2>"$tmp/err"
ok "ingest of the tree ends (rc $rc, ${secs}s)" '[ $rc -eq 0 ] && under "$secs" 20'
"$bin" query --db "$tmp/t.db" --format json >"$tmp/q" 2>/dev/null
ok "ingest stored both articles" \
  '[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from articles\").fetchone()[0])" "$tmp/t.db")" = 2 ]'
python3 -c "import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute('select name, outcome, reason from unstored_inputs order by name'): print('|'.join(r))" \
  "$tmp/t.db" | sed "s|^$tmp/||" >"$tmp/left"
ok "ingest records what it left out: the FIFO and the links to directories" \
  '[ "$(cat "$tmp/left")" = "tree/out|skipped|a symbolic link to a directory
tree/pipe.txt|skipped|a FIFO
tree/self|skipped|a symbolic link to a directory
tree/sub/up|skipped|a symbolic link to a directory" ]'
ok "status counts them as skipped" '"$bin" status --db "$tmp/t.db" | grep -q "^skipped *4 "'

# ingest waiting on a FIFO named last has committed what came before it
rm -f "$tmp/t2.db"
mkfifo "$tmp/late.txt"
"$bin" ingest --db "$tmp/t2.db" "$tmp/tree/a.txt" "$tmp/late.txt" >/dev/null 2>"$tmp/err" &
ingest_pid=$!
bg+=($ingest_pid)
count=0
for _ in $(seq 1 100); do
  count=$(python3 -c "import sqlite3,sys
try: print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])
except Exception: print(0)" "$tmp/t2.db" 2>/dev/null)
  [ "$count" = 1 ] && break
  sleep 0.2
done
ok "while ingest waits on a FIFO, the article before it is committed" '[ "$count" = 1 ]'
sed 's/France/Italy/' "$art" >"$tmp/late.txt"
wait "$ingest_pid"; rc=$?
ok "ingest ends once the FIFO is written" '[ $rc -eq 0 ]'

# ---- ingest on a full disk (a file size limit: ulimit -f) ---------------------------
mkdir -p "$tmp/many"
python3 - "$art" "$tmp/many" <<'EOF'
import sys
text = open(sys.argv[1]).read()
for i in range(80):   # 16 KB of text, about 36 KB stored each: the limit (1.2 MB) is met after a few batches of 4
    body = "".join(text.replace("Geneva", "Geneva %d-%d" % (i, k)) for k in range(40))
    open("%s/a%03d.txt" % (sys.argv[2], i), "w").write(body)
EOF
(ulimit -f 1200; exec "$bin" ingest --jobs 2 --batch 4 --db "$tmp/full.db" "$tmp/many") >/dev/null 2>"$tmp/err"; rc=$?
ok "ingest past the file size limit exits 1, not killed by SIGXFSZ (rc $rc)" '[ $rc -eq 1 ]'
ok "one message says it stopped and why" \
  '[ $(grep -c "stopping: the database takes no more writes" "$tmp/err") -eq 1 ] && [ $(grep -c "^dateline" "$tmp/err") -le 2 ]'
n=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma integrity_check').fetchone()[0], c.execute('select count(*) from articles').fetchone()[0])" "$tmp/full.db" 2>&1)
ok "the store is intact and keeps what was committed (integrity, articles: $n)" '[ "${n% *}" = ok ] && [ "${n#* }" -gt 0 ] && [ "${n#* }" -lt 80 ]'
"$bin" ingest --db "$tmp/full.db" "$tmp/many" >/dev/null 2>"$tmp/err"; rc=$?
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$tmp/full.db")
ok "run again with room, it resumes and stores the rest ($n of 80, rc $rc)" '[ $rc -eq 0 ] && [ "$n" = 80 ]'

# ---- dictionaries -----------------------------------------------------------------
mkfifo "$tmp/pipe.verbs.txt"
run 20 "$bin" code --dict "$tmp/pipe.verbs.txt" "$art" >/dev/null 2>"$tmp/err"
ok "a FIFO as --dict is refused at once (rc $rc, ${secs}s)" \
  '[ $rc -eq 1 ] && grep -q "pipe.verbs.txt: cannot open: not a regular file" "$tmp/err"'
mkdir -p "$tmp/dicts"
mkfifo "$tmp/dicts/x.verbs.txt"
python3 -c "print('LONG_NAME_' + 'X' * 5000 + ' [USA]'); print('ATLANTIS [ATL]')" \
  >"$tmp/dicts/test.actors.txt"
run 20 "$bin" code --dict "$tmp/dicts" "$art" >/dev/null 2>"$tmp/err"
ok "a FIFO in a --dict directory is passed over (rc $rc)" '[ $rc -eq 0 ]'
ok "a dictionary line over 4,095 bytes is reported with file and line" \
  'grep -q "test.actors.txt:1: line longer than 4095 bytes, skipped" "$tmp/err"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
