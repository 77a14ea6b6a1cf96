#!/usr/bin/env bash
# tests/cli/test_nlp_figures.sh DATELINE SOURCE_DIR SHARED_DIR -- the bundled
# models' accuracy on the shared test sets must not fall below the floors
# below (what the shipped models score, less a small margin; bench/nlp/run.sh
# prints the figures and issue 16's targets beside them).  Skips (77) when
# the shared data is not there, as in a user's plain clone.
set -u
bin=$1 src=$2 shared=$3
ewt=$shared/data/ud-ewt/en_ewt-ud-test.conllu
conll=$shared/data/conll2003/valid.txt
uner=$shared/data/uner-ewt/en_ewt-ud-test.iob2
if [ ! -f "$ewt" ] || [ ! -f "$conll" ]; then
    echo "skipping: no UD EWT or CoNLL-2003 under $shared/data"
    exit 77
fi
pass=0 fail=0
get() { sed -n "s|^$1=||p"; }
floor() {  # NAME VALUE MIN
    if awk -v v="$2" -v m="$3" 'BEGIN { exit !(v + 0 >= m + 0) }'; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1 = $2, below $3" >&2; fi
}
# Floors: the shipped models' figures (data/models/README.md) less 0.1.
MIN_UPOS=95.7 MIN_UAS=86.0 MIN_LAS=83.1 MIN_LEMMA=97.1 MIN_FEATS=94.4
MIN_CONLL_F1=90.1 MIN_UNER_F1=46.5 MIN_UNER_MODEL_F1=52.4

pos=$("$bin" eval pos --test "$ewt")
parse=$("$bin" eval parse --test "$ewt")
lemma=$("$bin" eval lemma --test "$ewt")
ner=$("$bin" eval ner --test "$conll")
floor UPOS "$(echo "$pos" | get UPOS)" $MIN_UPOS
floor UAS "$(echo "$parse" | get UAS)" $MIN_UAS
floor LAS "$(echo "$parse" | get LAS)" $MIN_LAS
floor LEMMA "$(echo "$lemma" | get LEMMA)" $MIN_LEMMA
floor FEATS "$(echo "$lemma" | get FEATS)" $MIN_FEATS
floor CoNLL-valid-F1 "$(echo "$ner" | get F1)" $MIN_CONLL_F1
if [ -f "$uner" ]; then
    floor UNER-F1 "$("$bin" eval ner --test "$uner" | get F1)" $MIN_UNER_F1
    if [ -f "$src/data/models/ner-uner.model" ]; then
        floor UNER-model-F1 "$("$bin" eval ner --model "$src/data/models/ner-uner.model" --test "$uner" | get F1)" \
            $MIN_UNER_MODEL_F1
    fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
