#!/usr/bin/env bash
# tools/run-examples.sh -- the README's first command: installs what is
# missing, builds dateline, codes the bundled examples into a SQLite file
# (examples.db) and prints the events table.
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
rm -f examples.db examples.db-wal examples.db-shm
build/dateline ingest --db examples.db examples/
build/dateline query --db examples.db --limit 100
