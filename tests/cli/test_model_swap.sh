#!/usr/bin/env bash
# tests/cli/test_model_swap.sh DATELINE SOURCE_DIR SHARED_DIR -- model files
# changed under a running process (issue 13): truncated or overwritten in
# place with junk of the same size while `code` and `ingest` run.  The run
# goes on with the models it read at start (no SIGBUS, no spinning), and
# the next process refuses the damaged file with a message naming it.
set -u
bin=$1
src=$(cd "$2" && pwd)
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
bg=()
cleanup() {
  for p in "${bg[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# A data directory of our own: the bundled tables linked, the models copied.
mkdir -p "$tmp/data/models"
for d in "$src"/data/*/; do
  name=$(basename "$d")
  [ "$name" = models ] || ln -s "$d" "$tmp/data/$name"
done
cp "$src"/data/models/*.model "$tmp/data/models/"
art="$tmp/article.txt"
cat >"$art" <<'EOF'
Ministers agree to resume talks

GENEVA, May 2, 2024 - The foreign minister of France met the foreign minister of Iran
in Geneva on Thursday and said both governments would resume talks on the nuclear
programme next week. Iran accused Israel of attacking its embassy in Damascus.
EOF

# damage HOW FILE: truncate to half, or overwrite with junk of the same size
damage() {
  case $1 in
    truncate) truncate -s $(($(stat -c %s "$2") / 2)) "$2" ;;
    junk) python3 -c "import os,sys; n=os.path.getsize(sys.argv[1]); f=open(sys.argv[1],'r+b'); f.write(bytes((i * 131 + 7) & 255 for i in range(n)))" "$2" ;;
  esac
}
# feed FILE FIFO: writes FILE into FIFO, giving up after 60 s with no reader
feed() { timeout -s KILL 60 sh -c 'cat "$1" >"$2"' sh "$1" "$2"; }
# events of one JSON line (the coded result, whatever the source name)
events() {
  sed -n "${1}p" "$2" | python3 -c "import json,sys; d=json.load(sys.stdin)
print(json.dumps([(e['cameo'], e['source_name'], e['target_name']) for e in d['events']]))"
}

for how in truncate junk; do
  cp "$src"/data/models/*.model "$tmp/data/models/"
  rm -f "$tmp/in1" "$tmp/in2"
  mkfifo "$tmp/in1" "$tmp/in2"
  # code reads in1, codes it, then blocks opening in2 while the models change
  timeout -s KILL 120 "$bin" code --data "$tmp/data" "$tmp/in1" "$tmp/in2" \
    >"$tmp/code.$how" 2>"$tmp/code.$how.err" &
  pid=$!
  bg+=($pid)
  feed "$art" "$tmp/in1"
  for m in pos parse ner; do damage "$how" "$tmp/data/models/$m.model"; done
  feed "$art" "$tmp/in2"   # returns once code has opened in2: article 1 is coded
  wait "$pid"; rc=$?
  ok "code with models ${how}d mid-run exits 0, not a signal (rc $rc)" '[ $rc -eq 0 ]'
  ok "code with models ${how}d mid-run prints both articles" '[ $(wc -l <"$tmp/code.$how") -eq 2 ]'
  e1=$(events 1 "$tmp/code.$how") e2=$(events 2 "$tmp/code.$how")
  ok "the article coded after the damage has the same events ($e2)" '[ -n "$e1" ] && [ "$e1" = "$e2" ] && [ "$e1" != "[]" ]'

  timeout -s KILL 60 "$bin" code --data "$tmp/data" "$art" >/dev/null 2>"$tmp/err"; rc=$?
  ok "a new process refuses the ${how}d model (rc $rc)" '[ $rc -eq 1 ]'
  ok "the message names the model and the problem: $(head -c 200 "$tmp/err")" \
    'grep -Eq "models/pos.model: (truncated or extended model file|not a dateline model)" "$tmp/err"'
done

# ingest: a batch of articles, the models truncated while it codes
cp "$src"/data/models/*.model "$tmp/data/models/"
rm -f "$tmp/in1" "$tmp/in2"
mkfifo "$tmp/in1" "$tmp/in2"
timeout -s KILL 120 "$bin" ingest --data "$tmp/data" --db "$tmp/t.db" "$tmp/in1" "$tmp/in2" \
  >/dev/null 2>"$tmp/ingest.err" &
pid=$!
bg+=($pid)
feed "$art" "$tmp/in1"
for m in pos parse ner; do damage truncate "$tmp/data/models/$m.model"; done
sed 's/France/Germany/' "$art" >"$tmp/art2.txt"
feed "$tmp/art2.txt" "$tmp/in2"
wait "$pid"; rc=$?
ok "ingest with models truncated mid-run exits 0 (rc $rc)" '[ $rc -eq 0 ]'
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$tmp/t.db" 2>&1)
ok "ingest stored both articles (got $n)" '[ "$n" = 2 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
