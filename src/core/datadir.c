/*
 * core/datadir.c -- where data/ is when the caller names none (issue 12):
 * $DATELINE_DATA; else next to the running program (PREFIX/bin/dateline ->
 * PREFIX/share/dateline), else next to the shared library (PREFIX/lib ->
 * PREFIX/share/dateline), so an installed tree works wherever it is moved;
 * else, for a program run from the build tree, the source tree's data/;
 * else the install path configured at build time.  A candidate counts
 * when it holds cameo/events.tsv.
 */
#define _GNU_SOURCE   /* dladdr */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"

static int has_data(const char *dir) {
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/cameo/events.tsv", dir);
    return access(p, R_OK) == 0;
}

/* dir of path + "/" + rel into out; 0 when it does not fit. */
static int beside(const char *path, const char *rel, char *out, size_t n) {
    const char *slash = strrchr(path, '/');
    if (!slash) return 0;
    int k = snprintf(out, n, "%.*s/%s", (int)(slash - path), path, rel);
    return k > 0 && (size_t)k < n;
}

/* Is path inside dir (both absolute)? */
static int under(const char *path, const char *dir) {
    char real[PATH_MAX];
    if (!realpath(dir, real)) return 0;
    size_t n = strlen(real);
    return strncmp(path, real, n) == 0 && path[n] == '/';
}

const char *dl__data_dir(const char *explicit_dir, char *out, size_t n) {
    if (explicit_dir && *explicit_dir) {
        snprintf(out, n, "%s", explicit_dir);
        return "given";
    }
    const char *env = getenv("DATELINE_DATA");
    if (env && *env) {
        snprintf(out, n, "%s", env);
        return "DATELINE_DATA";
    }
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[k > 0 ? k : 0] = '\0';
    if (k > 0 && beside(exe, DL_BIN_TO_DATA, out, n) && has_data(out)) return "next to the program";
    Dl_info info;
    char lib[PATH_MAX];
    if (dladdr((void *)dl__data_dir, &info) && info.dli_fname && realpath(info.dli_fname, lib) &&
        strcmp(lib, exe) != 0 && beside(lib, DL_LIB_TO_DATA, out, n) && has_data(out))
        return "next to the library";
    if (k > 0 && under(exe, DL_BUILD_DIR) && has_data(DL_SOURCE_DATA_DIR)) {
        snprintf(out, n, "%s", DL_SOURCE_DATA_DIR);
        return "the source tree, for a program of the build tree";
    }
    snprintf(out, n, "%s", DL_INSTALL_DATA_DIR);
    return "the install path";
}
