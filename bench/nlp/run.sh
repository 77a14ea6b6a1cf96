#!/bin/bash
# bench/nlp/run.sh -- accuracy and speed of the bundled NLP models.
#
#   bench/nlp/run.sh [DATELINE [SHARED]]
#
# UD English EWT test (gold tokenization): UPOS, XPOS, UAS, LAS (tags from
# the bundled tagger); CoNLL-2003 valid: entity P/R/F1 (exact span and
# type); tokens/s on one core for tagging, tagging+parsing, NER, and the
# whole `dateline parse` command end to end.  Single-threaded throughout.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$here/build/dateline}
shared=${2:-$here/../shared}
ewt=$shared/data/ud-ewt/en_ewt-ud-test.conllu
conll=$shared/data/conll2003/valid.txt
[ -x "$bin" ] || { echo "bench/nlp: no dateline binary at $bin" >&2; exit 2; }
[ -f "$ewt" ] && [ -f "$conll" ] || { echo "bench/nlp: shared data not found under $shared" >&2; exit 2; }

get() { sed -n "s|^$1=||p"; }

pos=$("$bin" eval pos --test "$ewt")
parse=$("$bin" eval parse --test "$ewt")
ner=$("$bin" eval ner --test "$conll")

echo "# UD English EWT test, gold tokenization ($(echo "$pos" | get tokens) words)"
echo "UPOS=$(echo "$pos" | get UPOS)"
echo "XPOS=$(echo "$pos" | get XPOS)"
echo "UAS=$(echo "$parse" | get UAS)"
echo "LAS=$(echo "$parse" | get LAS)"
echo "# CoNLL-2003 valid ($(echo "$ner" | get entities) entities)"
echo "P=$(echo "$ner" | get P)"
echo "R=$(echo "$ner" | get R)"
echo "F1=$(echo "$ner" | get F1)"
tag_tps=$(echo "$pos" | get 'tokens/s')
tagparse_tps=$(echo "$parse" | get 'tokens/s')
ner_tps=$(echo "$ner" | get 'tokens/s')
echo "# tokens/s on one core (model loading excluded)"
echo "tag_tokens_per_s=$tag_tps"
echo "parse_tokens_per_s=$(awk -v a="$tagparse_tps" -v b="$tag_tps" 'BEGIN{printf "%.0f", 1/(1/a-1/b)}')"
echo "tag_parse_tokens_per_s=$tagparse_tps"
echo "ner_tokens_per_s=$ner_tps"
echo "tag_parse_ner_tokens_per_s=$(awk -v a="$tagparse_tps" -v b="$ner_tps" 'BEGIN{printf "%.0f", 1/(1/a+1/b)}')"
echo "# model load times (ms)"
echo "pos_load_ms=$(echo "$pos" | get load_ms)"
echo "parse_load_ms=$(echo "$parse" | get load_ms)"
echo "ner_load_ms=$(echo "$ner" | get load_ms)"

# End to end: `dateline parse` over the EWT test words, 8 times over,
# one sentence per line, CoNLL-U with entities out (load and output included).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -F'\t' '/^[0-9]+\t/ {printf "%s%s", sep, $2; sep=" "} /^$/ {if (sep) print ""; sep=""}' "$ewt" > "$tmp/one.txt"
for i in 1 2 3 4 5 6 7 8; do cat "$tmp/one.txt"; done > "$tmp/in.txt"
words=$(wc -w < "$tmp/in.txt")
start=$(date +%s.%N)
"$bin" parse --input lines "$tmp/in.txt" > "$tmp/out.conllu"
end=$(date +%s.%N)
echo "# dateline parse --input lines, end to end ($words words)"
echo "parse_cmd_tokens_per_s=$(awk -v w="$words" -v a="$start" -v b="$end" 'BEGIN{printf "%.0f", w/(b-a)}')"
