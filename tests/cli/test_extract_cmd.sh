#!/usr/bin/env bash
# tests/cli/test_extract_cmd.sh DATELINE SOURCE_DIR SHARED_DIR -- `dateline
# extract` as a user meets it: HTML pages (gzip, any charset) and WARC files
# in, one article JSON object per line out; non-English articles skipped
# with a count by `code` and `ingest`; malformed pages under a time bound.
set -u
bin=$1 src=$2 shared=$3
. "$(dirname "$0")/lib.sh"
need_shared "$shared/data/warc/news-sample.warc.gz" "$shared/data/article-extraction/html" \
  "$shared/data/article-extraction/ids.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
field() { python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readlines()[int(sys.argv[2])])[sys.argv[3]])" "$@"; }

warc="$shared/data/warc/news-sample.warc.gz"
pages="$shared/data/article-extraction/html"

# --- help and usage
ok "extract --help" '"$bin" extract --help | grep -q "usage: dateline extract"'
ok "extract is in the command list" '"$bin" --help | grep -q "^  extract "'
"$bin" extract --bogus >/dev/null 2>&1; ok "bad option exits 2" '[ $? -eq 2 ]'

# --- a gzipped HTML page: one object, the article fields, no coding layers
id=$(head -n 1 "$shared/data/article-extraction/ids.txt")
"$bin" extract "$pages/$id.html.gz" >"$tmp/one.jsonl" 2>"$tmp/err"; rc=$?
ok "a page extracts" '[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/one.jsonl")" -eq 1 ]'
ok "the article fields are there" 'python3 -c "
import json,sys
d = json.loads(open(sys.argv[1]).read())
for k in (\"source\",\"url\",\"site\",\"title\",\"subtitle\",\"authors\",\"published\",\"dateline\",\"language\",\"body\"):
    assert k in d, k
assert \"events\" not in d and \"actors\" not in d
assert len(d[\"body\"]) > 200 and d[\"title\"]
" "$tmp/one.jsonl"'
"$bin" extract --no-body --pretty "$pages/$id.html.gz" >"$tmp/pretty.json"
ok "--no-body --pretty" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert \"body\" not in d" "$tmp/pretty.json" && [ "$(wc -l <"$tmp/pretty.json")" -gt 5 ]'

# --- WARC: one article per HTML response, with its URL and fetch date
"$bin" extract "$warc" >"$tmp/warc.jsonl" 2>"$tmp/warc.err"; rc=$?
ok "the WARC extracts (exit $rc)" '[ $rc -eq 0 ]'
ok "one object per HTML response (21: 20 articles and the index)" '[ "$(wc -l <"$tmp/warc.jsonl")" -eq 21 ]'
ok "the summary counts skipped records" 'grep -q "21 HTML responses; skipped 26 other records (requests, metadata, ...), 0 non-200, 1 non-HTML" "$tmp/warc.err"'
python3 - "$tmp/warc.jsonl" "$shared/data/article-extraction/ground-truth.json" "$shared/data/article-extraction/ids.txt" \
  "$src/tests/data/extract/benchmark-dates.tsv" >"$tmp/warc.check" 2>&1 <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
gt = json.load(open(sys.argv[2]))
ids = sorted(open(sys.argv[3]).read().split())[:20]
dates = dict(l.split("\t")[:2] for l in open(sys.argv[4]) if l[:1] not in "#i")
urls = {r["url"]: r for r in rows}
for i in ids:
    u = "http://127.0.0.1:18765/%s.html" % i
    assert u in urls, "missing " + u
    r = urls[u]
    assert r["source"] == u, r["source"]
    assert r["fetched"].startswith("2026-11-29T"), r["fetched"]
    # the fetch date is its own field, never the publication date
    assert not (r["published"] or "").startswith("2026-11-29"), r["published"]
    want = dates.get(i, "-")
    got = (r["published"] or "-")[:10]
    assert got in (want, "-"), "%s: published %s, the page says %s" % (u, got, want)
    assert len(r["body"]) > 200, "short body for " + u
print("ok")
EOF
ok "every article page comes out with its URL, fetch date and body ($(tail -n 1 "$tmp/warc.check"))" 'grep -qx ok "$tmp/warc.check"'
gunzip -c "$warc" >"$tmp/plain.warc"
"$bin" extract --no-body "$tmp/plain.warc" >"$tmp/plain.jsonl" 2>/dev/null
ok "an uncompressed .warc reads the same" '[ "$(wc -l <"$tmp/plain.jsonl")" -eq 21 ]'
mkdir "$tmp/dir" && cp "$warc" "$tmp/dir/" && cp "$pages/$id.html.gz" "$tmp/dir/"
"$bin" extract --no-body "$tmp/dir" >"$tmp/dir.jsonl" 2>/dev/null
ok "a directory with a WARC and a page" '[ "$(wc -l <"$tmp/dir.jsonl")" -eq 22 ]'

# --- publication dates of the 121 pages against the days they state
# (tests/data/extract/benchmark-dates.tsv): at least 115 found, none wrong
"$bin" extract --no-body "$pages" >"$tmp/pages.jsonl" 2>/dev/null
python3 - "$tmp/pages.jsonl" "$src/tests/data/extract/benchmark-dates.tsv" >"$tmp/dates.check" 2>&1 <<'EOF'
import json, os, sys
want = dict(l.rstrip("\n").split("\t")[:2] for l in open(sys.argv[2]) if l[:1] not in "#i")
right = wrong = none = 0
for l in open(sys.argv[1]):
    r = json.loads(l)
    i = os.path.basename(r["source"]).split(".")[0]
    got = (r["published"] or "-")[:10]
    if got == "-": none += 1
    elif got == want[i]: right += 1
    else:
        wrong += 1
        print("wrong: %s published %s, the page says %s" % (i, got, want[i]))
print("%d of %d right, %d wrong, %d without" % (right, len(want), wrong, none))
sys.exit(0 if right >= 115 and wrong == 0 and right + none == len(want) else 1)
EOF
rc=$?
ok "published for at least 115 of the 121 pages, none wrong ($(tail -n 1 "$tmp/dates.check"))" '[ $rc -eq 0 ]'

# --- charsets: windows-1252 with a meta, Latin-1 under a wrong meta, UTF-16
para='<p>Le pr\xe9sident a re\xe7u mardi le ministre des affaires \xe9trang\xe8res, qui lui a pr\xe9sent\xe9 le plan de paix pour la r\xe9gion et l\x92accord.</p>'
printf "<html><head><meta charset=windows-1252></head><body>$para</body></html>" >"$tmp/cp1252.html"
printf "<html><head><meta charset=utf-8></head><body>$para</body></html>" >"$tmp/wrongmeta.html"
"$bin" extract "$tmp/cp1252.html" "$tmp/wrongmeta.html" >"$tmp/cs.jsonl" 2>"$tmp/err"; rc=$?
ok "charset pages extract" '[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/cs.jsonl")" -eq 2 ]'
ok "windows-1252 decoded (é and ’)" 'field "$tmp/cs.jsonl" 0 body | grep -q "Le président a reçu .* l’accord"'
ok "Latin-1 under a UTF-8 meta decoded" 'field "$tmp/cs.jsonl" 1 body | grep -q "Le président a reçu"'
ok "no U+FFFD" '! grep -q "\\\\ufffd\|�" "$tmp/cs.jsonl"'
python3 -c "import sys; open(sys.argv[1],'wb').write(b'\xff\xfe' + open(sys.argv[2],'rb').read().decode('cp1252').encode('utf-16-le'))" \
  "$tmp/utf16.html" "$tmp/cp1252.html"
"$bin" extract "$tmp/utf16.html" >"$tmp/u16.jsonl" 2>"$tmp/err"; rc=$?
ok "UTF-16 with a BOM" '[ $rc -eq 0 ] && field "$tmp/u16.jsonl" 0 body | grep -q "Le président a reçu"'

# --- non-English: extracted and marked; code and ingest skip it with a count, exit 0
french="$src/tests/data/extract/french.txt"
"$bin" extract "$french" >"$tmp/fr.jsonl"
ok "extract marks the language" '[ "$(field "$tmp/fr.jsonl" 0 language)" = fr ]'
"$bin" code "$french" >"$tmp/fr-code.jsonl" 2>"$tmp/fr-code.err"; rc=$?
ok "code on a French article exits 0" '[ $rc -eq 0 ]'
ok "code reports it skipped" 'grep -q "1 not coded (not English)" "$tmp/fr-code.err"'
ok "code gives no events for it" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"events\"] == [] and d[\"article\"][\"language\"] == \"fr\"" "$tmp/fr-code.jsonl"'
"$bin" ingest --db "$tmp/fr.db" "$french" 2>"$tmp/fr-ingest.err"; rc=$?
ok "ingest on a French article exits 0" '[ $rc -eq 0 ]'
ok "ingest reports it skipped ($(tail -n 1 "$tmp/fr-ingest.err"))" 'grep -q "ingested 0 articles" "$tmp/fr-ingest.err" && grep -q "1 not in English, skipped" "$tmp/fr-ingest.err"'

# --- WARC into the pipeline: URL and fetch date reach the coded article
"$bin" code --no-body "$warc" >"$tmp/warc-code.jsonl" 2>"$tmp/warc-code.err"
ok "code on the WARC gives 21 objects" '[ "$(wc -l <"$tmp/warc-code.jsonl")" -eq 21 ]'
ok "code keeps the WARC URL" 'grep -q "\"url\":\"http://127.0.0.1:18765/" "$tmp/warc-code.jsonl"'
ok "code keeps the fetch date as fetched, and dates no article or event by it" 'python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert all(r[\"article\"][\"fetched\"].startswith(\"2026-11-29\") for r in rows)
assert not any((r[\"article\"][\"published\"] or \"\").startswith(\"2026\") for r in rows)
assert not any((e[\"date\"] or \"\").startswith(\"2026\") for r in rows for e in r[\"events\"])
" "$tmp/warc-code.jsonl"'

# --- malformed pages: no crash, no hang (each within 20 s)
python3 - "$tmp" <<'EOF'
import os, random, sys
d = sys.argv[1]
open(os.path.join(d, "nested.html"), "w").write("<html><body>" + "<div>" * 2_000_000 + "<p>Iran and Iraq met on Monday to discuss the border, officials said.</p>" + "</div>" * 100_000 + "</body></html>")
open(os.path.join(d, "unclosed.html"), "w").write("<html><body><p>Iran and Iraq met <b><i><span><div><table><tr><td>" * 2000)
random.seed(3)
open(os.path.join(d, "junk.html"), "wb").write(bytes(random.getrandbits(8) for _ in range(200_000)))
open(os.path.join(d, "empty.html"), "w").write("<html><head><title>x</title></head><body></body></html>")
open(os.path.join(d, "badcharset.html"), "wb").write(b"<meta charset=x-nonsense><meta charset=utf-16><p>caf\xe9 " * 1000)
open(os.path.join(d, "junk.warc"), "wb").write(b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n" + bytes(random.getrandbits(8) for _ in range(100_000)))
open(os.path.join(d, "cut.warc.gz"), "wb").write(b"\x1f\x8b\x08\x00garbage")
EOF
for f in nested.html unclosed.html junk.html empty.html badcharset.html junk.warc cut.warc.gz; do
  timeout 120 "$bin" extract "$tmp/$f" >/dev/null 2>"$tmp/$f.err"; rc=$?
  ok "$f: no crash or hang (exit $rc)" '[ $rc -eq 0 ] || [ $rc -eq 1 ]'
done
ok "nested divs (10 MB) still give the article" 'timeout 120 "$bin" extract "$tmp/nested.html" | grep -q "Iran and Iraq met"'
ok "a junk WARC is reported, not crashed on" 'grep -q "junk.warc: 0 HTML responses" "$tmp/junk.warc.err"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
