#!/usr/bin/env bash
# bench/pipeline/run.sh [BUILD_DIR] [ROUNDS] -- per-stage articles/s of the
# pipeline, one core, over the bundled examples and the seed article.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# the bench program is built outside the tree: it reads this checkout's data
export DATELINE_DATA=${DATELINE_DATA:-$root/data}
build=${1:-$root/build}
rounds=${2:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/bench/pipeline/compile.sh" "$build" "$out/bench"
shared=$root/../shared/seed/000_8b56783a122f561b.txt
files=("$root"/examples/*.txt)
[ -f "$shared" ] && files+=("$shared")
taskset -c 0 "$out/bench" "$rounds" "${files[@]}"
