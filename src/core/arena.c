/*
 * core/arena.c -- bump allocation in blocks of at least 64 KiB.  A request
 * larger than a block gets a block of its own, so huge inputs cost no more
 * than their size.
 */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct dl_arena_block {
    dl_arena_block *next;
    size_t size;
    _Alignas(ALIGN) unsigned char data[];
};

void dl_arena_init(dl_arena *a) {
    a->head = NULL;
    a->used = 0;
}

void dl_arena_release(dl_arena *a) {
    dl_arena_block *b = a->head;
    while (b) {
        dl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    dl_arena_init(a);
}

void *dl_arena_alloc(dl_arena *a, size_t n) {
    if (n > SIZE_MAX - ALIGN - sizeof(dl_arena_block)) return NULL;
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (n == 0) n = ALIGN;
    if (!a->head || a->used + n > a->head->size) {
        size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        dl_arena_block *b = malloc(sizeof *b + size);
        if (!b) return NULL;
        b->size = size;
        if (a->head && n > BLOCK_SIZE) {
            /* keep filling the current block; slot the big one behind it */
            b->next = a->head->next;
            a->head->next = b;
            memset(b->data, 0, n);
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *dl_arena_strndup(dl_arena *a, const char *s, size_t n) {
    char *p = dl_arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dl_arena_strdup(dl_arena *a, const char *s) {
    return s ? dl_arena_strndup(a, s, strlen(s)) : NULL;
}

char *dl_arena_printf(dl_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = dl_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
