/*
 * fuzz/fuzz_pipeline.c -- any bytes as an article through every stage with
 * the bundled data: input repair, extraction, tokenizer, actors, quotes,
 * events, and both renderers.  Checks the document's invariants.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/doc.h"

static dl_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!engine) {
        char err[512];
        if (dl_engine_open(NULL, &engine, err, sizeof err) != DL_OK) abort();
    }
    if (size < 1) return 0;
    dl_doc *doc = dl_doc_new();
    dl_input_kind kind = (dl_input_kind)(data[0] % 4);
    if (dl_doc_set_source(doc, "fuzz", (const char *)data + 1, size - 1, kind) == DL_OK &&
        dl_doc_run(engine, doc) == DL_OK) {
        if (dl_doc_check(doc)) abort();
        free(dl_doc_to_json(doc, 0));
        free(dl_doc_to_tsv(doc));
    }
    dl_doc_free(doc);
    return 0;
}
