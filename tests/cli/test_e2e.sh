#!/usr/bin/env bash
# tests/cli/test_e2e.sh -- runs the dashboard's browser test (tests/e2e/)
# against `dateline serve` on 127.0.0.1 over a store of the examples, the
# shared seed article and the 121 pages of the shared article-extraction
# benchmark, plus one article with markup in it posted through the API.
# playwright-core comes from npm (tests/e2e/package-lock.json, installed with
# `npm ci` into the build directory); the browser is Debian's chromium.
# Skips (exit 77) when chromium or node is not installed, or ../shared is
# missing.  Screenshots land in BUILD_DIR/e2e-screenshots/.
#     bash tests/cli/test_e2e.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -u
bin=$1
src=$2
shared=$3
. "$(dirname "$0")/lib.sh"
pages="$shared/data/article-extraction/html"
seed="$shared/seed/000_8b56783a122f561b.txt"
need_shared "$seed" "$pages"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "test_e2e: chromium or node is not installed (tools/deps.sh --test); skipping" >&2
  echo "0 passed, 0 failed, 1 skipped"
  exit 77
fi

build=$(cd "$(dirname "$bin")" && pwd)
mods="$build/e2e-node"
shots="$build/e2e-screenshots"
mkdir -p "$mods" "$shots"
# install playwright-core once per lock file
if ! cmp -s "$src/tests/e2e/package-lock.json" "$mods/package-lock.json" ||
   [ ! -d "$mods/node_modules/playwright-core" ]; then
  cp "$src/tests/e2e/package.json" "$src/tests/e2e/package-lock.json" "$mods/"
  if ! (cd "$mods" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null 2>"$mods/npm.log"); then
    cat "$mods/npm.log" >&2
    rm -f "$mods/package-lock.json"
    echo "test_e2e: npm ci failed" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

work=$(mktemp -d)
trap stop_servers EXIT

"$bin" ingest --db "$work/events.db" "$src/examples" "$seed" "$pages" 2>"$work/ingest.log" ||
  { cat "$work/ingest.log" >&2; echo "0 passed, 1 failed"; exit 1; }
"$bin" serve --db "$work/events.db" --port 0 --rate 0 --token e2e 2>"$work/serve.log" &
pids+=($!)
if ! port=$(serve_port "$work/serve.log"); then
  echo "0 passed, 1 failed"
  exit 1
fi

# a second article whose title and text carry markup: the page must show it
# as text and run none of it
hostile='{"title":"<img src=x onerror=window.pwned=1> Tehran <script>window.pwned=2</script>","text":"Iraqi President Abdul Latif Rashid criticised the United States on Sunday. <b onmouseover=window.pwned=3>Rashid</b> said \"<script>window.pwned=4</script>\".","date":"2023-05-07"}'
if command -v curl >/dev/null; then
  curl -s --max-time 20 -o /dev/null -X POST -H 'Authorization: Bearer e2e' \
    -H 'Content-Type: application/json' --data-binary "$hostile" "http://127.0.0.1:$port/api/articles"
fi

# the test script runs from the install dir so that node finds playwright-core
cp "$src/tests/e2e/dashboard.mjs" "$mods/"
rm -f "$shots"/*.png
CHROMIUM="$chromium" timeout 540 node "$mods/dashboard.mjs" "http://127.0.0.1:$port" "$shots"
