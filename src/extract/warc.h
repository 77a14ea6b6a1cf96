/*
 * extract/warc.h -- a streaming WARC (ISO 28500, WARC/1.0 and 1.1) reader.
 *
 *     dl__warc *w = dl__warc_new(read_fn, ctx, 0);
 *     dl__warc_record rec;
 *     while (dl__warc_next(w, &rec) > 0)
 *         if (rec.http_status == 200 && dl__content_type_is_html(rec.http_content_type)) ...
 *     dl__warc_free(w);
 *
 * It holds one record at a time: memory is bounded by max_record (a block
 * longer than that is skipped unread, rec.oversize set).  Decompression is
 * the caller's (zlib's gzread reads a .warc.gz of one gzip member per
 * record, as Common Crawl writes them, as one stream).  Of a response whose
 * block is an HTTP message it parses the status line and headers, undoes
 * chunked transfer coding and gzip/deflate content coding, and hands out
 * the entity body as the payload.  Junk between records is skipped to the
 * next "WARC/" line and counted; it never fails on bad input except when
 * reading fails.
 */
#ifndef DL_EXTRACT_WARC_H
#define DL_EXTRACT_WARC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads up to cap bytes into buf: returns the count, 0 at the end, < 0 on error. */
typedef long (*dl__warc_read_fn)(void *ctx, char *buf, size_t cap);

typedef struct dl__warc dl__warc;

/* One record; every pointer is valid until the next dl__warc_next(). */
typedef struct {
    const char *type;               /* WARC-Type ("response", "request", ...); "" when missing */
    const char *target_uri;         /* WARC-Target-URI without <>, or NULL */
    const char *date;               /* WARC-Date ("2024-05-01T12:00:00Z"), or NULL */
    const char *record_id;          /* WARC-Record-ID, or NULL */
    const char *content_type;       /* the block's Content-Type, or NULL */
    uint64_t offset;                /* where the record starts in the (uncompressed) stream */
    uint64_t length;                /* Content-Length of the block */
    int http_status;                /* the HTTP status of a response block, 0 when none */
    const char *http_content_type;  /* the HTTP Content-Type header, or NULL */
    const char *payload;            /* the entity body (or the whole block when not HTTP) */
    size_t payload_len;
    bool oversize;                  /* block longer than max_record: skipped, payload empty */
    bool truncated;                 /* the stream ended inside the block */
    bool undecodable;               /* a content coding that could not be undone */
} dl__warc_record;

enum { DL_WARC_MAX_RECORD = 64 << 20 };   /* default max_record: 64 MiB */

/* A reader over fn(ctx, ...); max_record 0 means DL_WARC_MAX_RECORD.  NULL
 * when memory runs out. */
dl__warc *dl__warc_new(dl__warc_read_fn fn, void *ctx, size_t max_record);
/* The next record: 1 when *rec holds one, 0 at the end, -1 when reading
 * failed or memory ran out (dl__warc_error says which). */
int dl__warc_next(dl__warc *w, dl__warc_record *rec);
/* The message of the last failure, "" when none. */
const char *dl__warc_error(const dl__warc *w);
/* Bytes of junk skipped between records so far. */
uint64_t dl__warc_junk(const dl__warc *w);
void dl__warc_free(dl__warc *w);

/* A read function over memory: ctx is a dl__warc_mem. */
typedef struct {
    const char *s;
    size_t n, pos;
} dl__warc_mem;
long dl__warc_mem_read(void *ctx, char *buf, size_t cap);

#endif
