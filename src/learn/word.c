/*
 * learn/word.c -- word atoms for the feature templates.  ASCII takes a fast
 * path; other code points go through utf8proc for case.  Shapes follow the
 * usual X/x/d scheme with runs capped at four (as in spaCy's word shape).
 */
#include "learn/word.h"

#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "learn/hash.h"

#define MAXB 256

static size_t put_cp(char *buf, size_t n, size_t cap, int32_t cp) {
    unsigned char tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    if (k <= 0 || n + (size_t)k >= cap) return n;
    memcpy(buf + n, tmp, (size_t)k);
    return n + (size_t)k;
}

static int32_t fold_cp(int32_t cp) {
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        if (cp >= '0' && cp <= '9') return '0';
        return cp;
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032) return '\'';
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB) return '"';
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010) return '-';
    if (dl_cp_is_digit(cp)) return '0';
    return utf8proc_tolower(cp);
}

size_t dl_word_norm(const char *s, size_t len, char *buf, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 128) {
            i++;
            if (n + 1 < cap) buf[n++] = (char)fold_cp(c);
        } else {
            n = put_cp(buf, n, cap, fold_cp(dl_utf8_next(s, len, &i)));
        }
    }
    if (cap) buf[n] = '\0';
    return n;
}

static char shape_class(int32_t cp, uint32_t *flags) {
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z') { *flags |= DL_W_ALPHA; return 'X'; }
        if (cp >= 'a' && cp <= 'z') { *flags |= DL_W_ALPHA | DL_W_LOWER; return 'x'; }
        if (cp >= '0' && cp <= '9') { *flags |= DL_W_DIGIT; return 'd'; }
        if (cp == '-') *flags |= DL_W_HYPHEN;
        if (cp == '.') *flags |= DL_W_PERIOD;
        return (char)cp;
    }
    if (dl_cp_is_upper(cp)) { *flags |= DL_W_ALPHA; return 'X'; }
    if (dl_cp_is_alpha(cp)) { *flags |= DL_W_ALPHA | DL_W_LOWER; return 'x'; }
    if (dl_cp_is_digit(cp)) { *flags |= DL_W_DIGIT; return 'd'; }
    if (dl_cp_is_dash(cp)) { *flags |= DL_W_HYPHEN; return '-'; }
    return '*';
}

void dl_word_atoms_make(const char *s, size_t len, dl_word_atoms *a) {
    char norm[MAXB], shape[64], sshape[64];
    size_t bounds[MAXB + 1];  /* byte offset in norm of each character start */
    size_t nn = 0, ns = 0, nss = 0, nchar = 0, run = 0;
    uint32_t flags = 0;
    char last = 0;
    int upper_letters = 0, letters = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        unsigned char c = (unsigned char)s[i];
        if (c < 128) cp = s[i++];
        else cp = dl_utf8_next(s, len, &i);
        if (nchar < MAXB) bounds[nchar] = nn;
        nchar++;
        if (cp >= 128) nn = put_cp(norm, nn, MAXB, fold_cp(cp));
        else if (nn + 1 < MAXB) norm[nn++] = (char)fold_cp(cp);
        char k = shape_class(cp, &flags);
        if (k == 'X' || k == 'x') {
            letters++;
            if (k == 'X') upper_letters++;
        }
        if (nchar == 1 && k == 'X') flags |= DL_W_CAP;
        run = k == last ? run + 1 : 1;
        if (run <= 4 && ns + 1 < sizeof shape) shape[ns++] = k;
        if (run == 1 && nss + 1 < sizeof sshape) sshape[nss++] = k;
        last = k;
    }
    size_t nb = nchar < MAXB ? nchar : MAXB;
    bounds[nb] = nn;
    if (letters > 1 && upper_letters == letters) flags |= DL_W_ALLCAP;
    if (!(flags & (DL_W_ALPHA | DL_W_DIGIT))) flags |= DL_W_PUNCT;
    a->raw = dl_hash_bytes(s, len);
    a->norm = dl_hash_bytes(norm, nn);
    a->shape = dl_hash_bytes(shape, ns) ^ 0x5348;
    a->sshape = dl_hash_bytes(sshape, nss) ^ 0x5353;
    for (size_t k = 0; k < 4; k++) {
        size_t m = k + 1 < nb ? k + 1 : nb;  /* characters in the affix */
        a->pre[k] = dl_hash_bytes(norm, bounds[m]) + 0x100 * (k + 1);
        a->suf[k] = dl_hash_bytes(norm + bounds[nb - m], nn - bounds[nb - m]) + 0x200 * (k + 1);
    }
    a->flags = flags;
    a->nchar = (uint32_t)nchar;
}
