/*
 * extract/charset.h -- raw page bytes in any charset -> UTF-8, before the
 * document exists (dl_doc_set_source only repairs invalid UTF-8).  Used by
 * the readers of raw bytes: the CLI's input walker for HTML files and WARC
 * records, and `dateline extract`.
 *
 * The charset is taken, in order, from a byte-order mark (UTF-8, UTF-16LE/BE:
 * a BOM outranks every label, as in the WHATWG encoding standard), the HTTP
 * Content-Type header (when the input carries one, e.g. a WARC record), a
 * <meta charset> or <meta http-equiv=content-type> in the first 4 KB of the
 * page, and finally detection: BOM-less UTF-16, valid UTF-8, else
 * windows-1252.  Labels follow WHATWG (iso-8859-1, latin1 and us-ascii mean
 * windows-1252).  A label the bytes contradict is overruled: a single-byte
 * label on bytes that are valid UTF-8 with multi-byte sequences, or "utf-8"
 * on bytes that are mostly not UTF-8.  Conversion is iconv (glibc); bytes
 * the charset cannot decode become U+FFFD, so it never fails on bad input.
 */
#ifndef DL_EXTRACT_CHARSET_H
#define DL_EXTRACT_CHARSET_H

#include <stddef.h>

#include "dateline.h"

/* Where the charset came from. */
typedef enum {
    DL_CHARSET_BOM = 1,
    DL_CHARSET_HTTP,      /* the HTTP Content-Type header */
    DL_CHARSET_META,      /* <meta charset> or <meta http-equiv> */
    DL_CHARSET_DETECTED   /* no usable label, or a label the bytes contradict */
} dl_charset_source;

typedef struct {
    char charset[32];          /* what the bytes were read as, e.g. "windows-1252" */
    dl_charset_source source;
    char declared[64];         /* the label that was overruled or unknown, "" when none */
    size_t replaced;           /* bytes iconv could not decode (now U+FFFD) */
} dl_charset_info;

/* Converts bytes[0..len) to UTF-8.  http_content_type is the HTTP header's
 * value ("text/html; charset=ISO-8859-1") or NULL.  *out gets a
 * NUL-terminated malloc'd copy (caller frees with free()), *outlen its
 * length; info (may be NULL) says what was decided.  Returns DL_OK, or
 * DL_ERR_NOMEM / DL_ERR_USAGE. */
dl_status dl__charset_to_utf8(const char *bytes, size_t len, const char *http_content_type,
                              char **out, size_t *outlen, dl_charset_info *info);

/* The charset parameter of a Content-Type value, copied into out (lower
 * case, quotes removed); returns 0 when there is none. */
int dl__charset_param(const char *content_type, char *out, size_t outlen);

/* The charset a <meta> tag in the first 4 KB of an HTML page declares, as
 * written (lower case), or 0 when none does. */
int dl__charset_meta(const char *s, size_t n, char *out, size_t outlen);

/* Is the media type of a Content-Type value HTML (text/html,
 * application/xhtml+xml)? */
int dl__content_type_is_html(const char *content_type);

#endif
