/* core/strbuf.c -- growable string buffer; see strbuf.h for the contract. */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dl_strbuf_init(dl_strbuf *b) { memset(b, 0, sizeof *b); }

void dl_strbuf_release(dl_strbuf *b) {
    free(b->s);
    dl_strbuf_init(b);
}

void dl_strbuf_clear(dl_strbuf *b) {
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

static bool grow(dl_strbuf *b, size_t extra) {
    if (b->oom) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) { b->oom = true; return false; }
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s) { b->oom = true; return false; }
    b->s = s;
    b->cap = cap;
    return true;
}

void dl_strbuf_add(dl_strbuf *b, const char *s, size_t n) {
    if (!grow(b, n)) return;
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void dl_strbuf_adds(dl_strbuf *b, const char *s) { dl_strbuf_add(b, s, strlen(s)); }

void dl_strbuf_addc(dl_strbuf *b, char c) { dl_strbuf_add(b, &c, 1); }

void dl_strbuf_printf(dl_strbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !grow(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int dl_strbuf_add_file(dl_strbuf *b, FILE *fp, size_t max) {
    char buf[65536];
    size_t got, start = b->len;
    for (;;) {
        size_t room = max - (b->len - start) + 1;   /* one byte past max tells it ran over */
        if ((got = fread(buf, 1, room < sizeof buf ? room : sizeof buf, fp)) == 0) break;
        dl_strbuf_add(b, buf, got);
        if (b->oom || b->len - start > max) break;
    }
    return ferror(fp) || b->oom ? -1 : 0;
}

char *dl_strbuf_detach(dl_strbuf *b) {
    if (b->oom) { dl_strbuf_release(b); return NULL; }
    char *s = b->s ? b->s : calloc(1, 1);
    dl_strbuf_init(b);
    return s;
}
