/*
 * server/json.c -- JSON replies.  Every reply body passes through
 * dl__reply_json, which escapes '<', '>' and '&' as \u003c, \u003e, \u0026:
 * those bytes only occur inside JSON strings, so the document means the
 * same, and no stored text can ever read as markup, even to a browser that
 * ignores the Content-Type.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "server/server.h"

const char *dl__status_code(unsigned status) {
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "unprocessable";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    case 504: return "timeout";
    default: return status >= 500 ? "internal" : "error";
    }
}

/* Invalid UTF-8 (a message cut mid-character, a stray byte) becomes U+FFFD
 * so that the reply is always valid JSON. */
void dl__json_strn(dl_strbuf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    dl_strbuf fixed;
    dl_strbuf_init(&fixed);
    if (dl_utf8_repair(s, n, &fixed, NULL) && !fixed.oom) {
        s = fixed.s;
        n = fixed.len;
    }
    dl_strbuf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': dl_strbuf_adds(b, "\\\""); break;
        case '\\': dl_strbuf_adds(b, "\\\\"); break;
        case '\n': dl_strbuf_adds(b, "\\n"); break;
        case '\r': dl_strbuf_adds(b, "\\r"); break;
        case '\t': dl_strbuf_adds(b, "\\t"); break;
        default:
            if (c < 0x20) {
                char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
                dl_strbuf_adds(b, u);
            } else {
                dl_strbuf_addc(b, (char)c);
            }
        }
    }
    dl_strbuf_addc(b, '"');
    dl_strbuf_release(&fixed);
}

void dl__json_str(dl_strbuf *b, const char *s) {
    if (!s) dl_strbuf_adds(b, "null");
    else dl__json_strn(b, s, strlen(s));
}

void dl__reply_json(dl__request *r, unsigned status, const char *json) {
    r->status = status;
    r->content_type = "application/json; charset=utf-8";
    dl_strbuf_clear(&r->out);
    for (const char *p = json; *p; p++) {
        switch (*p) {
        case '<': dl_strbuf_adds(&r->out, "\\u003c"); break;
        case '>': dl_strbuf_adds(&r->out, "\\u003e"); break;
        case '&': dl_strbuf_adds(&r->out, "\\u0026"); break;
        default: dl_strbuf_addc(&r->out, *p);
        }
    }
    dl_strbuf_addc(&r->out, '\n');
}

void dl__reply_error(dl__request *r, unsigned status, const char *code, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "{\"error\":{\"code\":");
    dl__json_str(&b, code ? code : dl__status_code(status));
    dl_strbuf_adds(&b, ",\"message\":");
    dl__json_str(&b, msg);
    dl_strbuf_adds(&b, "}}");
    if (b.oom) {
        r->status = 503;
        r->content_type = "application/json; charset=utf-8";
        dl_strbuf_clear(&r->out);
        dl_strbuf_adds(&r->out, "{\"error\":{\"code\":\"unavailable\","
                                "\"message\":\"out of memory\"}}\n");
    } else {
        dl__reply_json(r, status, b.s);
    }
    dl_strbuf_release(&b);
}
