#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] [TARGET...] -- a fuzzing campaign over the libFuzzer
# targets in fuzz/ (docs/fuzzing.md).  Builds them with clang, ASan and UBSan
# in build-fuzz/, runs each for SECONDS (default 600) from its corpus
# fuzz/corpus/NAME with its dictionary (fuzz/dict/), then merges what the run
# found into fuzz/corpus/NAME: only inputs that reach coverage the corpus does
# not (libFuzzer's -merge=1), so the corpus grows minimised and the seeds
# already there stay.  Prints one line per target (runs, runs/s, coverage,
# corpus files before and after) and, at the end, the same as a Markdown
# table for docs/fuzzing.md.  A crash, leak, timeout or sanitizer report
# leaves its input in build-fuzz/crashes/NAME/ and makes the script fail.
#
#   tools/fuzz.sh 600                 ten minutes per target
#   tools/fuzz.sh 60 extract warc     one minute for two of them
#   FUZZ_MERGE=add tools/fuzz.sh 30   only add what reaches new edges
#   FUZZ_MERGE=0 tools/fuzz.sh 30     leave fuzz/corpus as it is
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
jobs=$(nproc)

CC=clang cmake -S . -B build-fuzz -DDL_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-fuzz -j"$jobs" >/dev/null

# The dictionary of a target: HTML and JSON tokens for those that read pages.
dict_for() {
  case $1 in
    extract | pipeline) cat fuzz/dict/html.dict fuzz/dict/json.dict ;;
    warc) cat fuzz/dict/html.dict ;;
  esac
}
# grow BIN CORPUS WORK MAX_LEN LOG: the seeds of CORPUS, plus the fewest
# inputs of CORPUS and WORK that reach every edge they reach (FUZZ_MERGE=add:
# CORPUS plus the inputs of WORK that reach edges it does not).
grow() {
  local bin=$1 corpus=$2 work=$3 min seeds f
  if [ "${FUZZ_MERGE:-1}" = add ]; then
    "$bin" -merge=1 -use_counters=0 -max_len="$4" -timeout=10 -rss_limit_mb=2048 \
      "$corpus" "$work" >"$5" 2>&1
    return
  fi
  min=$(mktemp -d)
  "$bin" -merge=1 -use_counters=0 -max_len="$4" -timeout=10 -rss_limit_mb=2048 \
    "$min" "$corpus" "$work" >"$5" 2>&1 || { rm -rf "$min"; return 1; }
  seeds=$(find "$corpus" -maxdepth 1 -type f -regextype posix-extended ! -regex '.*/[0-9a-f]{40}' -exec sha1sum {} + | cut -d' ' -f1)
  find "$corpus" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9a-f]{40}' -delete
  for f in "$min"/*; do
    [ -e "$f" ] || continue
    grep -qx "$(basename "$f")" <<<"$seeds" || mv "$f" "$corpus/"
  done
  rm -rf "$min"
}
# The longest input tried: the pipeline runs every stage, so it gets pages of
# news size rather than the 64 KB the parsers get.
max_len_for() {
  case $1 in
    pipeline) echo 8192 ;;
    *) echo 65536 ;;
  esac
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in build-fuzz/fuzz_*; do targets+=("$(basename "${f#build-fuzz/fuzz_}")"); done
fi
table="| target | seconds | runs | runs/s | coverage (edges) | features | corpus before | corpus after |
|---|---:|---:|---:|---:|---:|---:|---:|"
status=0
for name in "${targets[@]}"; do
  bin=build-fuzz/fuzz_$name
  corpus=fuzz/corpus/$name
  [ -x "$bin" ] || { echo "tools/fuzz.sh: no target $name" >&2; exit 2; }
  mkdir -p "$corpus" "build-fuzz/crashes/$name"
  work=$(mktemp -d)
  cp -r "$corpus"/. "$work"/
  before=$(find "$corpus" -type f | wc -l)
  dict=()
  if [ -n "$(dict_for "$name")" ]; then
    dict_for "$name" >"build-fuzz/$name.dict"
    dict=(-dict="build-fuzz/$name.dict")
  fi
  log=build-fuzz/$name.log
  rc=0
  : >"$log"
  if [ "$secs" != 0 ]; then
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$bin" "${dict[@]}" -max_total_time="$secs" \
      -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_for "$name")" -print_final_stats=1 \
      -artifact_prefix="build-fuzz/crashes/$name/" "$work" >"$log" 2>&1 || rc=$?
  fi
  if [ $rc -ne 0 ]; then
    echo "-- fuzz_$name: FAILED (exit $rc); input in build-fuzz/crashes/$name/, log in $log" >&2
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -n 20 >&2 || true
    status=1
  elif [ "${FUZZ_MERGE:-1}" != 0 ]; then
    grow "$bin" "$corpus" "$work" "$(max_len_for "$name")" "$log.merge" ||
      { echo "-- fuzz_$name: merge failed, see $log.merge" >&2; status=1; }
  fi
  rm -rf "$work"
  after=$(find "$corpus" -type f | wc -l)
  # "#1234 DONE cov: 567 ft: 890 corp: ..." and "stat::number_of_executed_units: 1234"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$( (grep -Eo 'cov: [0-9]+' "$log" || true) | tail -n 1 | cut -d' ' -f2)
  ft=$( (grep -Eo 'ft: [0-9]+' "$log" || true) | tail -n 1 | cut -d' ' -f2)
  echo "-- fuzz_$name: ${runs:-?} runs in ${secs}s (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus $before -> $after files"
  table="$table
| fuzz_$name | $secs | ${runs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | $before | $after |"
done
echo
echo "$table"
exit $status
