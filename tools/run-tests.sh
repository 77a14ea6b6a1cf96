#!/usr/bin/env bash
# tools/run-tests.sh -- the README's second command: installs what is
# missing, then builds and runs every test three ways:
#   1. a release build with -Werror                     (ctest: all labels)
#   2. an AddressSanitizer + UBSan build, with clang    (ctest: all labels)
#   3. the libFuzzer targets, each for a bounded time   (clang; tools/fuzz.sh)
# FUZZ_SECONDS (default 20) sets the time per fuzzer; FUZZ_SECONDS=0 skips them.
# The fuzzers start from fuzz/corpus/ and leave it as it is (FUZZ_MERGE=0),
# so a plain test run adds no untracked files; FUZZ_MERGE=add adds what
# reaches new edges, and a campaign (tools/fuzz.sh) minimises and grows it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh --test
jobs=$(nproc)

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDL_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan, clang)"
# the same compiler and sanitizer runtime as the fuzzers; a build-asan/
# configured with another compiler is started afresh
if [ -f build-asan/CMakeCache.txt ] && ! grep -q '^CMAKE_C_COMPILER:.*clang' build-asan/CMakeCache.txt; then
  rm -rf build-asan
fi
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDL_SANITIZE=ON -DDL_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs"

secs=${FUZZ_SECONDS:-20}
if [ "$secs" != 0 ]; then
  echo "== fuzzers (${secs}s each)"
  FUZZ_MERGE=${FUZZ_MERGE:-0} tools/fuzz.sh "$secs"
fi
