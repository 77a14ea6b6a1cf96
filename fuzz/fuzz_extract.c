/*
 * fuzz/fuzz_extract.c -- libFuzzer harness for the extract stage.  The first
 * byte picks the input kind (auto, text, HTML, JSON), the rest is the page;
 * the harness checks for crashes, hangs and leaks, and that a successful
 * run leaves a NUL-terminated body of body_len bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    dl_input_kind kind = (dl_input_kind)(data[0] % 4);
    dl_doc *doc = dl_doc_new();
    if (!doc) return 0;
    if (dl_doc_set_source(doc, "fuzz", (const char *)data + 1, size - 1, kind) == DL_OK &&
        dl_extract_run(NULL, doc) == DL_OK) {
        const dl_article *a = &doc->article;
        if (!a->body || strlen(a->body) != a->body_len || !a->language) abort();
    }
    dl_doc_free(doc);
    return 0;
}
