#!/bin/bash
# bench/nlp/run.sh [DATELINE [SHARED]] -- accuracy and speed of the bundled
# NLP models, and whether each figure of issue 16's acceptance holds.
#
# UD English EWT test (gold tokenization): UPOS, XPOS, UAS, LAS (tags from
# the bundled tagger), LEMMA and FEATS (tags from the tagger, FEATS refined
# by the parse); CoNLL-2003 valid: entity P/R/F1 (exact span and type);
# Universal NER English EWT test (web text, PER/ORG/LOC: MISC predictions
# dropped) with the CoNLL model and with the model trained on Universal NER
# (ner-uner.model, CC BY-SA); tokens/s on one core for each model and the
# whole `dateline parse` command end to end; model load times.
# Single-threaded throughout.  The target lines print "ok" or "BELOW".
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$here/build/dateline}
shared=${2:-$here/../shared}
ewt=$shared/data/ud-ewt/en_ewt-ud-test.conllu
conll=$shared/data/conll2003/valid.txt
uner=$shared/data/uner-ewt/en_ewt-ud-test.iob2
models=$here/data/models
[ -x "$bin" ] || { echo "bench/nlp: no dateline binary at $bin" >&2; exit 2; }
[ -f "$ewt" ] && [ -f "$conll" ] || { echo "bench/nlp: shared data not found under $shared" >&2; exit 2; }

get() { sed -n "s|^$1=||p"; }
target() {  # NAME VALUE MIN
    awk -v n="$1" -v v="$2" -v m="$3" 'BEGIN { ok = v + 0 >= m + 0; printf "target_%s=%s (%s >= %s)\n", n, (ok ? "ok" : "BELOW"), v, m }'
}

pos=$("$bin" eval pos --test "$ewt")
parse=$("$bin" eval parse --test "$ewt")
lemma=$("$bin" eval lemma --test "$ewt")
ner=$("$bin" eval ner --test "$conll")

echo "# UD English EWT test, gold tokenization ($(echo "$pos" | get tokens) words)"
echo "UPOS=$(echo "$pos" | get UPOS)"
echo "XPOS=$(echo "$pos" | get XPOS)"
echo "UAS=$(echo "$parse" | get UAS)"
echo "LAS=$(echo "$parse" | get LAS)"
echo "LEMMA=$(echo "$lemma" | get LEMMA)"
echo "FEATS=$(echo "$lemma" | get FEATS)"
echo "# CoNLL-2003 valid ($(echo "$ner" | get entities) entities)"
echo "P=$(echo "$ner" | get P)"
echo "R=$(echo "$ner" | get R)"
echo "F1=$(echo "$ner" | get F1)"
if [ -f "$uner" ]; then
    u=$("$bin" eval ner --test "$uner")
    echo "# Universal NER EWT test ($(echo "$u" | get entities) entities; MISC predictions dropped)"
    echo "uner_F1_conll_model=$(echo "$u" | get F1)"
    if [ -f "$models/ner-uner.model" ]; then
        u2=$("$bin" eval ner --model "$models/ner-uner.model" --test "$uner")
        echo "uner_F1_uner_model=$(echo "$u2" | get F1)"
        c2=$("$bin" eval ner --model "$models/ner-uner.model" --test "$conll")
        echo "conll_valid_F1_uner_model=$(echo "$c2" | get F1)"
    fi
fi
tag_tps=$(echo "$pos" | get 'tokens/s')
tagparse_tps=$(echo "$parse" | get 'tokens/s')
ner_tps=$(echo "$ner" | get 'tokens/s')
lemma_tps=$(echo "$lemma" | get 'tokens/s')
echo "# tokens/s on one core (model loading excluded)"
echo "tag_tokens_per_s=$tag_tps"
echo "parse_tokens_per_s=$(awk -v a="$tagparse_tps" -v b="$tag_tps" 'BEGIN{printf "%.0f", 1/(1/a-1/b)}')"
echo "tag_parse_tokens_per_s=$tagparse_tps"
echo "lemma_tokens_per_s=$lemma_tps"
echo "ner_tokens_per_s=$ner_tps"
echo "tag_lemma_parse_ner_tokens_per_s=$(awk -v a="$tagparse_tps" -v b="$ner_tps" -v c="$lemma_tps" 'BEGIN{printf "%.0f", 1/(1/a+1/b+1/c)}')"
echo "# model load times (ms; each eval loads what it needs)"
echo "pos_load_ms=$(echo "$pos" | get load_ms)"
echo "pos_parse_load_ms=$(echo "$parse" | get load_ms)"
echo "pos_lemma_parse_load_ms=$(echo "$lemma" | get load_ms)"
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

echo "# issue 16 acceptance (speed: bench/nlp/speed.sh and bench/pipeline/articles600.sh)"
target UPOS "$(echo "$pos" | get UPOS)" 96.5
target UAS "$(echo "$parse" | get UAS)" 90
target LAS "$(echo "$parse" | get LAS)" 87.5
target LEMMA "$(echo "$lemma" | get LEMMA)" 97
target conll_valid_F1 "$(echo "$ner" | get F1)" 91
all_ms=$(awk -v a="$(echo "$lemma" | get load_ms)" -v b="$(echo "$ner" | get load_ms)" 'BEGIN { print a + b }')
awk -v v="$all_ms" 'BEGIN { ok = v + 0 < 50; printf "target_all_models_load_under_50ms=%s (%s ms: pos, lemma, parse, ner)\n", (ok ? "ok" : "BELOW"), v }'
