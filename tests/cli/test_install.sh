#!/usr/bin/env bash
# tests/cli/test_install.sh DATELINE SOURCE_DIR SHARED_DIR -- dateline
# installed like a library (issue 12): `cmake --install` into a temporary
# prefix, the prefix moved elsewhere, the source tree's data/ moved out of
# reach; then the installed program codes an example with the installed
# data (`dateline info` says which), its man page holds every --help, and a
# small C program builds with `pkg-config --cflags --libs dateline` against
# the shared library and, with --static (Requires.private), the static one.
# Runs alone (RUN_SERIAL: data/ is renamed for a moment); skipped in
# sanitizer builds, whose libraries need the sanitizer runtime.
set -u
bin=$1 src=$(cd "$2" && pwd)
. "$(dirname "$0")/lib.sh"
build=$(cd "$(dirname "$bin")" && pwd)
if grep -q "^DL_SANITIZE:BOOL=ON" "$build/CMakeCache.txt" 2>/dev/null ||
   grep -q "^DL_FUZZ:BOOL=ON" "$build/CMakeCache.txt" 2>/dev/null; then
  echo "skipped: the install test runs in the release build (a sanitizer build's library needs its runtime)"
  echo "0 passed, 0 failed, 1 skipped"
  exit 77
fi
for t in cc pkg-config; do
  command -v $t >/dev/null || { echo "skipped: $t is not installed"; echo "0 passed, 0 failed, 1 skipped"; exit 77; }
done
tmp=$(mktemp -d)
moved="$src/data.moved-by-test_install"
restore() { [ -d "$moved" ] && [ ! -e "$src/data" ] && mv "$moved" "$src/data"; }
trap 'restore; rm -rf "$tmp"' EXIT
restore   # a run killed half-way left it there

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; rc=$?
ok "cmake --install into a temporary prefix (exit $rc)" '[ $rc -eq 0 ]'
P="$tmp/moved/prefix"
mkdir -p "$tmp/moved" && mv "$tmp/prefix" "$P"
lib=$(cd "$P" && ls -d lib*/pkgconfig 2>/dev/null | head -n 1); lib=${lib%/pkgconfig}
for f in bin/dateline include/dateline.h "$lib/libdateline.a" "$lib/libdateline.so" \
         "$lib/pkgconfig/dateline.pc" share/dateline/cameo/events.tsv share/dateline/geo/places.tsv \
         share/dateline/models/pos.model share/man/man1/dateline.1; do
  ok "installed: $f" '[ -e "$P/$f" ]'
done

# --- the installed program, with the source tree's data out of reach
mv "$src/data" "$moved"
"$P/bin/dateline" info >"$tmp/info" 2>&1; rc=$?
"$P/bin/dateline" code --format tsv "$src/examples/2022-02-24-ukraine-invasion.txt" >"$tmp/code.tsv" 2>"$tmp/code.err"; rc2=$?
"$P/bin/dateline" codebook 1056 >"$tmp/codebook" 2>&1; rc3=$?
restore
ok "dateline info (exit $rc) names the installed data, found next to the program" \
  'grep -qxF "data: $P/bin/../share/dateline (next to the program)" "$tmp/info"'
ok "dateline info gives the version and the models' checksums" \
  'grep -q "^dateline [0-9]" "$tmp/info" && grep -Eq "models/pos.model +[0-9]+ bytes  sha256 [0-9a-f]{64}" "$tmp/info"'
ok "the installed dateline codes an example (exit $rc2: $(head -c 200 "$tmp/code.err"))" \
  '[ $rc2 -eq 0 ] && grep -q "	RUS	Russia	RUS	.*	180	" "$tmp/code.tsv"'
ok "the installed codebook reads the installed data (exit $rc3)" '[ $rc3 -eq 0 ] && grep -q "^1056 " "$tmp/codebook"'

# --- the man page says what --help says
for c in "" code ingest query quotes codebook serve parse extract train eval validate info; do
  "$P/bin/dateline" $c --help | sed -n 's/^ *\(-[-a-z, ]*[a-z]\).*/\1/p' | while read -r opt; do
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$P/share/man/man1/dateline.1" || echo "$c: $opt"
  done
done >"$tmp/man.missing"
ok "every option of every --help is in the man page ($(head -n 3 "$tmp/man.missing" | tr '\n' ' '))" '[ ! -s "$tmp/man.missing" ]'
ok "the man page has a section per command" '[ "$(grep -c "^\.SS dateline " "$P/share/man/man1/dateline.1")" -ge 12 ]'

# --- a C program against the installed library, through pkg-config
cat >"$tmp/prog.c" <<'C'
#include <dateline.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    dl_engine *eng;
    char err[256];
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK) { fprintf(stderr, "%s\n", err); return 1; }
    const char *text = "Russia attacked Ukraine on Thursday, officials said.";
    dl_doc *doc = dl_doc_new();
    dl_doc_set_default_date(doc, "2022-02-26");
    dl_doc_set_source(doc, "prog", text, strlen(text), DL_INPUT_AUTO);
    if (dl_doc_run(eng, doc) != DL_OK) return 1;
    char *tsv = dl_doc_to_tsv(doc);
    printf("%s %s", dl_version(), tsv);
    dl_free(tsv);
    dl_doc_free(doc);
    dl_engine_close(eng);
    return 0;
}
C
export PKG_CONFIG_PATH="$P/$lib/pkgconfig"
ok "pkg-config finds dateline" '[ "$(pkg-config --modversion dateline)" = "$("$P/bin/dateline" --version | cut -d" " -f2)" ]'
ok "its prefix follows the moved tree" '[ "$(cd "$(pkg-config --variable=prefix dateline)" && pwd)" = "$(cd "$P" && pwd)" ]'
ok "Requires.private lists the libraries dateline links" \
  'pkg-config --print-requires-private dateline | grep -q libxml-2.0 && pkg-config --print-requires-private dateline | grep -q libpq'
# shared: the .so, which finds the data next to itself
cc -o "$tmp/prog-shared" "$tmp/prog.c" $(pkg-config --cflags --libs dateline) 2>"$tmp/cc.err"; rc=$?
ok "the program builds against the shared library ($(head -c 300 "$tmp/cc.err"))" '[ $rc -eq 0 ]'
mv "$src/data" "$moved"
LD_LIBRARY_PATH="$P/$lib" "$tmp/prog-shared" >"$tmp/shared.out" 2>&1; rc=$?
LD_LIBRARY_PATH="$P/$lib" ldd "$tmp/prog-shared" >"$tmp/ldd" 2>&1
restore
ok "it runs and codes, with the data found next to the library (exit $rc)" '[ $rc -eq 0 ] && grep -q "RUS	Russia	RUS	UKR	Ukraine	UKR	180" "$tmp/shared.out"'
ok "it uses libdateline.so" 'grep -q "libdateline.so.0 => $P/$lib/libdateline.so.0" "$tmp/ldd"'
# static: libdateline.a, and the libraries it needs named by Requires.private
# (linked shared: Debian ships no static libpq dependencies, so a fully
# static `pkg-config --static` link cannot be made there)
deps=$(pkg-config --print-requires-private dateline | tr '\n' ' ')
cc -o "$tmp/prog-static" "$tmp/prog.c" $(pkg-config --cflags dateline) -L"$P/$lib" \
   -Wl,-Bstatic -ldateline -Wl,-Bdynamic $(pkg-config --libs $deps) -lm -pthread 2>"$tmp/cc.err"; rc=$?
ok "the program builds against the static library and its Requires.private ($(head -c 300 "$tmp/cc.err"))" '[ $rc -eq 0 ]'
cc -o "$tmp/prog-bare" "$tmp/prog.c" $(pkg-config --cflags dateline) -L"$P/$lib" \
   -Wl,-Bstatic -ldateline -Wl,-Bdynamic $(pkg-config --libs dateline) >/dev/null 2>&1; rc=$?
ok "without --static (no private dependencies) the static link fails" '[ $rc -ne 0 ]'
mv "$src/data" "$moved"
DATELINE_DATA=$(pkg-config --variable=datadir dateline) "$tmp/prog-static" >"$tmp/static.out" 2>&1; rc=$?
restore
ok "the static program runs with the data pkg-config names (exit $rc)" '[ $rc -eq 0 ] && grep -q "	180	" "$tmp/static.out"'
ok "it holds no libdateline.so" '! ldd "$tmp/prog-static" | grep -q libdateline'

echo "test_install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
