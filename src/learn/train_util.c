/* learn/train_util.c -- helpers shared by the trainers (see train_util.h). */
#include "learn/train_util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "learn/hash.h"

double dl__now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void dl__shuffle(uint32_t *v, size_t n, uint64_t *state) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(dl_rand_next(state) % i);
        uint32_t x = v[i - 1];
        v[i - 1] = v[j];
        v[j] = x;
    }
}

int dl__argmax_f(const float *s, size_t n) {
    int best = 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] > s[best]) best = (int)i;
    return best;
}

dl_status dl__write_file(const char *path, const void *bytes, size_t len, char *err, size_t errlen) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return DL_ERR_IO;
    }
    int ok = !len || fwrite(bytes, len, 1, fp) == 1;
    if (fclose(fp) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        remove(tmp);
        return DL_ERR_IO;
    }
    return DL_OK;
}
