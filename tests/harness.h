/*
 * tests/harness.h -- a tiny test harness in cmark's manner: named test
 * functions, OK / INT_EQ / STR_EQ checks that report file:line, and a
 * closing "N passed, N failed" line that ctest and CI read.
 */
#ifndef DL_TEST_HARNESS_H
#define DL_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

static int dl_t_passed, dl_t_failed, dl_t_skipped;

/* ctest's SKIP_RETURN_CODE (tests/CMakeLists.txt): a program some of whose
 * tests could not run, and none failed, exits with it. */
#define DL_TEST_SKIP_CODE 77

#define OK(cond, ...)                                                          \
    do {                                                                       \
        if (cond) dl_t_passed++;                                               \
        else {                                                                 \
            dl_t_failed++;                                                     \
            fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

#define INT_EQ(got, want)                                                      \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        OK(g_ == w_, "got %lld, want %lld", g_, w_);                           \
    } while (0)

#define STR_EQ(got, want)                                                      \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        OK((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0),    \
           "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

#define RUN(test)                                                              \
    do {                                                                       \
        int before_ = dl_t_failed;                                             \
        test();                                                                \
        if (dl_t_failed != before_) fprintf(stderr, "  in %s\n", #test);       \
    } while (0)

/* Is path there?  Tests that read the shared data sets (../shared, which a
 * plain clone lacks) call this first: when the path is missing the test is
 * skipped with a one-line reason, or fails when DATELINE_REQUIRE_SHARED is
 * set (CI, which has ../shared, sets it so that nothing skips there). */
static inline int dl_test_need(const char *path) {
    struct stat st;
    if (stat(path, &st) == 0) return 1;
    const char *req = getenv("DATELINE_REQUIRE_SHARED");
    if (req && *req && strcmp(req, "0") != 0) {
        dl_t_failed++;
        fprintf(stderr, "FAIL: %s is missing (DATELINE_REQUIRE_SHARED is set)\n", path);
    } else {
        dl_t_skipped++;
        printf("skipped: needs %s (the shared data sets are not beside this checkout)\n", path);
    }
    return 0;
}

static inline int dl_test_report(void) {
    if (dl_t_skipped) printf("%d passed, %d failed, %d skipped\n", dl_t_passed, dl_t_failed, dl_t_skipped);
    else printf("%d passed, %d failed\n", dl_t_passed, dl_t_failed);
    return dl_t_failed ? 1 : dl_t_skipped ? DL_TEST_SKIP_CODE : 0;
}

#endif
