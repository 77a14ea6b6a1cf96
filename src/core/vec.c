/* core/vec.c -- the growth step behind DL_VEC_PUSH: doubling, zero-filled. */
#include "core/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *dl__vec_push(void **v, size_t *n, size_t *cap, size_t elem) {
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        if (ncap > SIZE_MAX / elem) return NULL;
        void *nv = realloc(*v, ncap * elem);
        if (!nv) return NULL;
        *v = nv;
        *cap = ncap;
    }
    char *slot = (char *)*v + (*n)++ * elem;
    memset(slot, 0, elem);
    return slot;
}
