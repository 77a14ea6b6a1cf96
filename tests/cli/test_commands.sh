#!/usr/bin/env bash
# tests/cli/test_commands.sh DATELINE SOURCE_DIR SHARED_DIR -- the small
# commands: codebook search and quotes by speaker.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" codebook >"$tmp/all"
ok "codebook lists every code" '[ "$(wc -l <"$tmp/all")" -ge 300 ]'
"$bin" codebook 105 >"$tmp/105"
ok "a code prefix finds its family" 'grep -q "^1056 .*Demand de-escalation" "$tmp/105" && ! grep -q "^04" "$tmp/105"'
"$bin" codebook demand release >"$tmp/words"
ok "every word must match the name" '[ "$(grep -c "^[0-9]" "$tmp/words")" -ge 1 ] && ! grep -qi "^0" "$tmp/words"'
"$bin" codebook --actors GOV >"$tmp/gov"
ok "actor code parts" 'grep -q "^GOV  *role  *Government" "$tmp/gov"'
"$bin" codebook no-such-thing >/dev/null 2>"$tmp/err"; rc=$?
ok "no match exits 1 with a message" '[ $rc -eq 1 ] && grep -q "no code matches" "$tmp/err"'
"$bin" codebook --bogus >/dev/null 2>&1; rc=$?
ok "bad option exits 2" '[ $rc -eq 2 ]'

"$bin" ingest --db "$tmp/n.db" "$src/examples" 2>/dev/null
"$bin" quotes --db "$tmp/n.db" --speaker Zelensky >"$tmp/q"
ok "quotes by speaker" 'grep -q "Volodymyr Zelensky .*Russia had struck" "$tmp/q"'
ok "only that speaker" '! grep -q "Obama" "$tmp/q"'
"$bin" quotes --db "$tmp/n.db" --speaker Obama --format json >"$tmp/qj"
ok "json quotes carry their text" 'grep -q "built on verification" "$tmp/qj"'
ok "quotes --help" '"$bin" quotes --help | grep -q "usage: dateline quotes"'

# the codebook loads no model: a broken one does not stop it (code reports it)
mkdir -p "$tmp/data/models"
cp -r "$src/data/cameo" "$src/data/actors" "$src/data/quotes" "$tmp/data/"
head -c 100 "$src/data/models/pos.model" >"$tmp/data/models/pos.model"
ok "codebook without the models" '"$bin" codebook --data "$tmp/data" 043 | grep -q "Host a visit"'
echo "x" | "$bin" code --data "$tmp/data" >/dev/null 2>"$tmp/err"; rc=$?
ok "code names the broken model" '[ $rc -ne 0 ] && grep -q "pos.model" "$tmp/err"'

# --- small truths (issue 12): what the help and the docs say is so
for c in ingest query quotes serve; do
  ok "$c --help names postgresql:// for --db" '"$bin" $c --help | grep -q "postgresql://"'
done
ok "dateline.h does not call PostgreSQL a future backend" '! grep -q "until it exists" "$src/include/dateline.h"'
for c in $("$bin" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
  ok "the README synopsis lists dateline $c" 'sed -n "/^## Commands/,/^Inputs are/p" "$src/README.md" | grep -q "^    dateline $c"'
  ok "dateline $c --help exits 0 with its usage" '"$bin" $c --help | head -n 1 | grep -q "^usage: dateline $c"'
done
"$bin" info >"$tmp/info"; rc=$?
ok "dateline info (exit $rc): version, data directory and how, checksums" \
  'grep -q "^dateline [0-9]" "$tmp/info" && grep -q "^data: .* (the source tree, for a program of the build tree)" "$tmp/info" && grep -Eq "models/ner.model +[0-9]+ bytes  sha256 [0-9a-f]{64}" "$tmp/info"'
DATELINE_DATA="$tmp/data" "$bin" info >"$tmp/info2"; rc=$?
ok "dateline info follows DATELINE_DATA" 'grep -qxF "data: $tmp/data (DATELINE_DATA)" "$tmp/info2" && grep -q "geo/places.tsv  *missing" "$tmp/info2"'
"$bin" info --data "$src/data" >"$tmp/info3"
ok "dateline info --data" 'grep -qxF "data: $src/data (given)" "$tmp/info3"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
