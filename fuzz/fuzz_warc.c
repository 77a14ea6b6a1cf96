/*
 * fuzz/fuzz_warc.c -- libFuzzer harness for the WARC reader and what the CLI
 * does with its records: the input is a WARC stream (uncompressed); every
 * record is read with a 1 MiB record cap, and each HTML response goes
 * through the charset converter and the extract stage, as the input walker
 * sends it.  Checks for crashes, hangs and leaks, and that payloads and
 * bodies are NUL-terminated at their lengths.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "extract/charset.h"
#include "extract/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dl__warc_mem m = {(const char *)data, size, 0};
    dl__warc *w = dl__warc_new(dl__warc_mem_read, &m, 1 << 20);
    if (!w) return 0;
    dl__warc_record r;
    while (dl__warc_next(w, &r) > 0) {
        if (!r.payload || r.payload[r.payload_len] != '\0') abort();
        if (!r.oversize && !r.undecodable && r.payload_len > r.length &&
            r.payload != NULL && r.http_status == 0)
            abort();   /* a plain block is never longer than its Content-Length */
        if (strcmp(r.type, "response") != 0 || r.http_status != 200) continue;
        char *u8;
        size_t n;
        if (dl__charset_to_utf8(r.payload, r.payload_len, r.http_content_type, &u8, &n, NULL) != DL_OK)
            continue;
        if (strlen(u8) > n) abort();
        dl_doc *doc = dl_doc_new();
        if (doc && dl_doc_set_source(doc, r.target_uri, u8, n, DL_INPUT_HTML) == DL_OK &&
            dl_extract_run(NULL, doc) == DL_OK) {
            const dl_article *a = &doc->article;
            if (!a->body || strlen(a->body) != a->body_len) abort();
        }
        dl_doc_free(doc);
        free(u8);
    }
    dl__warc_free(w);
    return 0;
}
