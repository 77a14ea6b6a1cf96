/*
 * core/strbuf.h -- an owned, growable, NUL-terminated byte buffer.
 * dl_strbuf_detach() hands the bytes to the caller (free with free()).
 */
#ifndef DL_CORE_STRBUF_H
#define DL_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *s;     /* NUL-terminated while ok */
    size_t len;
    size_t cap;
    bool oom;    /* set once an append failed; later appends are ignored */
} dl_strbuf;

void dl_strbuf_init(dl_strbuf *b);
void dl_strbuf_release(dl_strbuf *b);
void dl_strbuf_clear(dl_strbuf *b);
void dl_strbuf_add(dl_strbuf *b, const char *s, size_t n);
void dl_strbuf_adds(dl_strbuf *b, const char *s);
void dl_strbuf_addc(dl_strbuf *b, char c);
void dl_strbuf_printf(dl_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends what is left in fp, up to max + 1 bytes: more than max bytes
 * appended means the stream was longer, and reading stopped there (a
 * FIFO or /dev/zero never makes memory grow past the bound).  Returns 0,
 * or -1 on a read error or when memory ran out (b->oom tells which). */
int dl_strbuf_add_file(dl_strbuf *b, FILE *fp, size_t max);
/* Returns the bytes (never NULL unless oom) and empties the buffer. */
char *dl_strbuf_detach(dl_strbuf *b);

#endif
