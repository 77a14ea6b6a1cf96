#!/usr/bin/env bash
# tools/deps.sh -- installs the Debian packages dateline needs, only those
# missing.  `tools/deps.sh` for building and running; `tools/deps.sh --test`
# adds what the test suite uses (clang for the fuzzers, python3 for the
# gold scorer and the API tests, curl for the API tests, chromium and node
# for the dashboard's browser tests, postgresql for the PostgreSQL store
# tests, slurmctld, slurmd, slurm-client and munge for the Slurm test's
# single-host cluster).  Runs apt-get as root, or through sudo.
set -eu

build_pkgs="build-essential cmake pkg-config libxml2-dev libutf8proc-dev libjansson-dev
  libsqlite3-dev zlib1g-dev iso-codes libmicrohttpd-dev libpq-dev"
test_pkgs="clang libclang-rt-14-dev python3 curl chromium nodejs postgresql
  slurmctld slurmd slurm-client munge sqlite3"

pkgs=$build_pkgs
if [ "${1:-}" = "--test" ]; then
  pkgs="$pkgs $test_pkgs"
  # Debian's nodejs needs its npm package; other builds of node bring npm along
  command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi

missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "dateline: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
