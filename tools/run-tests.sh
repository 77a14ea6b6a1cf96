#!/usr/bin/env bash
# tools/run-tests.sh -- the README's second command: installs what is
# missing, then builds and runs every test three ways:
#   1. a release build with -Werror                     (ctest: all labels)
#   2. an AddressSanitizer + UBSan build                (ctest: all labels)
#   3. the libFuzzer targets, each for a bounded time   (clang)
# FUZZ_SECONDS (default 20) sets the time per fuzzer; FUZZ_SECONDS=0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh --test
jobs=$(nproc)

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDL_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDL_SANITIZE=ON -DDL_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs"

secs=${FUZZ_SECONDS:-20}
if [ "$secs" != 0 ]; then
  echo "== fuzzers (${secs}s each)"
  CC=clang cmake -S . -B build-fuzz -DDL_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-fuzz -j"$jobs" >/dev/null
  for f in build-fuzz/fuzz_*; do
    name=$(basename "$f")
    corpus="fuzz/corpus/${name#fuzz_}"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/ 2>/dev/null || true
    echo "-- $name"
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=65536 "$work" 2>&1 | tail -n 2
    rm -rf "$work"
  done
fi
