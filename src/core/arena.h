/*
 * core/arena.h -- a bump allocator: allocate many small things, free once.
 * A document owns one; its strings and tables die with the document.
 */
#ifndef DL_CORE_ARENA_H
#define DL_CORE_ARENA_H

#include <stddef.h>

typedef struct dl_arena_block dl_arena_block;

typedef struct {
    dl_arena_block *head;  /* newest block first */
    size_t used;           /* bytes handed out in head */
} dl_arena;

void dl_arena_init(dl_arena *a);
/* Frees every block; the arena is empty and reusable afterwards. */
void dl_arena_release(dl_arena *a);
/* Zeroed memory aligned for any type; NULL when memory runs out. */
void *dl_arena_alloc(dl_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *dl_arena_strndup(dl_arena *a, const char *s, size_t n);
char *dl_arena_strdup(dl_arena *a, const char *s);
char *dl_arena_printf(dl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
