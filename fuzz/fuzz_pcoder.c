/*
 * fuzz/fuzz_pcoder.c -- any bytes as an article coded with users'
 * TABARI/PETRARCH dictionaries (the small set in tests/data/pdict): both
 * modes, our coder first (first byte even) or theirs alone (odd).  Checks
 * the document's invariants and renders it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/doc.h"

static dl_engine *engines[2];

static dl_engine *engine(int only) {
    if (!engines[only]) {
        static const char *const paths[] = {DL_DATA_DIR "/../tests/data/pdict", NULL};
        dl_engine_options opts = {.dict_paths = paths, .dict_only = only};
        char err[512];
        if (dl_engine_open(&opts, &engines[only], err, sizeof err) != DL_OK) abort();
    }
    return engines[only];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    dl_engine *eng = engine(data[0] & 1);
    dl_doc *doc = dl_doc_new();
    dl_doc_set_default_date(doc, (data[0] & 2) ? "1933-06-01" : "1995-01-01");
    if (dl_doc_set_source(doc, "fuzz", (const char *)data + 1, size - 1, DL_INPUT_TEXT) == DL_OK &&
        dl_doc_run(eng, doc) == DL_OK) {
        if (dl_doc_check(doc)) abort();
        free(dl_doc_to_json(doc, 0));
        free(dl_doc_to_tsv(doc));
    }
    dl_doc_free(doc);
    return 0;
}
