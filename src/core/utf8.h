/*
 * core/utf8.h -- UTF-8 repair, decoding and folding, on top of utf8proc.
 */
#ifndef DL_CORE_UTF8_H
#define DL_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* Copies s[0..n) into out with every invalid sequence and NUL byte replaced
 * by U+FFFD.  Returns how many replacements were made; *first_bad gets the
 * byte offset of the first (or -1). */
size_t dl_utf8_repair(const char *s, size_t n, dl_strbuf *out, long long *first_bad);

/* Decodes the code point at s[*i], advancing *i; invalid bytes give U+FFFD. */
int32_t dl_utf8_next(const char *s, size_t n, size_t *i);

/* Lower-cases s[0..n), strips accents ("Erdoğan" -> "erdogan") and folds
 * typographic quotes, dashes and spaces to ASCII (U+2019 -> ', U+201C -> ",
 * U+2013 -> -, U+00A0 -> space).  Appends to out. */
void dl_utf8_fold(const char *s, size_t n, dl_strbuf *out);

/* Character classes on code points. */
int dl_cp_is_alpha(int32_t cp);
int dl_cp_is_upper(int32_t cp);
int dl_cp_is_digit(int32_t cp);
int dl_cp_is_space(int32_t cp);   /* includes U+00A0 and other Zs */
int dl_cp_is_dquote(int32_t cp);  /* " U+201C U+201D U+201E U+00AB U+00BB */
int dl_cp_is_squote(int32_t cp);  /* ' U+2018 U+2019 */
int dl_cp_is_dash(int32_t cp);    /* - U+2013 U+2014 U+2212 */

#endif
