/*
 * core/vec.h -- growable arrays of any element type.
 *
 *     DL_VEC(dl_token) toks;            // {v, n, cap}, zero-initialised
 *     dl_token *t = DL_VEC_PUSH(&toks); // NULL when memory runs out
 *     DL_VEC_FREE(&toks);
 *
 * Pointers into v are invalidated by the next push.
 */
#ifndef DL_CORE_VEC_H
#define DL_CORE_VEC_H

#include <stddef.h>

#define DL_VEC(T) struct { T *v; size_t n, cap; }

/* Grows *v to hold one more element of size elem; returns it zeroed. */
void *dl__vec_push(void **v, size_t *n, size_t *cap, size_t elem);

#define DL_VEC_PUSH(vec) \
    ((__typeof__((vec)->v))dl__vec_push((void **)&(vec)->v, &(vec)->n, &(vec)->cap, \
                                        sizeof *(vec)->v))
#define DL_VEC_FREE(vec) \
    do { free((vec)->v); (vec)->v = NULL; (vec)->n = (vec)->cap = 0; } while (0)

#endif
