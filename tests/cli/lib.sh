# tests/cli/lib.sh -- sourced by the CLI tests: the check that counts, the
# skip that a plain clone (no ../shared beside it) needs, and starting and
# stopping servers.
#
#   ok DESCRIPTION COMMAND  evaluates COMMAND: counts a pass, or a failure
#                           with "FAIL: DESCRIPTION" on stderr (VERBOSE=1
#                           also names each pass)
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass + 1)); [ -n "${VERBOSE:-}" ] && echo "ok: $1"; else fail=$((fail + 1)); echo "FAIL: $1" >&2; fi; return 0; }
#
#   need_shared PATH...   exits 77 (ctest's SKIP_RETURN_CODE) with a one-line
#                         reason when a path is missing; with
#                         DATELINE_REQUIRE_SHARED set (CI) it fails instead.
need_shared() {
  local p
  for p in "$@"; do
    [ -e "$p" ] && continue
    if [ -n "${DATELINE_REQUIRE_SHARED:-}" ] && [ "${DATELINE_REQUIRE_SHARED}" != 0 ]; then
      echo "FAIL: $p is missing (DATELINE_REQUIRE_SHARED is set)"
      echo "0 passed, 1 failed"
      exit 1
    fi
    echo "skipped: needs $p (the shared data sets are not beside this checkout)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 77
  done
}

# have_shared PATH...: for a script of which only a part needs ../shared:
# true when every path is there; otherwise notes the skip (or, with
# DATELINE_REQUIRE_SHARED, the failure) for finish.
shared_skipped=""
have_shared() {
  local p
  for p in "$@"; do
    [ -e "$p" ] && continue
    if [ -n "${DATELINE_REQUIRE_SHARED:-}" ] && [ "${DATELINE_REQUIRE_SHARED}" != 0 ]; then
      echo "FAIL: $p is missing (DATELINE_REQUIRE_SHARED is set)"
      shared_skipped=fail
    else
      echo "skipped: the part that needs $p (the shared data sets are not beside this checkout)"
      [ -n "$shared_skipped" ] || shared_skipped=skip
    fi
    return 1
  done
}

# finish NAME PASSED FAILED: the closing line and the exit status (1 when a
# check failed, 77 when a part was skipped, else 0).
finish() {
  local failed=$3 skipped=0
  [ "$shared_skipped" = fail ] && failed=$((failed + 1))
  [ "$shared_skipped" = skip ] && skipped=1
  if [ "$skipped" -ne 0 ]; then echo "$1: $2 passed, $failed failed, $skipped skipped"
  else echo "$1: $2 passed, $failed failed"; fi
  [ "$failed" -eq 0 ] || exit 1
  [ "$skipped" -eq 0 ] || exit 77
  exit 0
}

# serve_port LOG: waits up to 10 s for `dateline serve` (started with
# --port 0 and its stderr in LOG) to say where it listens; prints the port,
# or the log on stderr and returns 1.
serve_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1")
    [ -n "$p" ] && { echo "$p"; return 0; }
    sleep 0.1
  done
  cat "$1" >&2
  return 1
}

# The servers a test started (add each one's pid to pids) and its scratch
# folder $work: stop_servers, the EXIT trap of such a test, ends them and
# removes the folder.
pids=()
stop_servers() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  [ -n "${work:-}" ] && rm -rf "$work"
}
