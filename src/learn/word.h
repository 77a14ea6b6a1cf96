/*
 * learn/word.h -- the hashed atoms of one word that the taggers build their
 * features from: the form as written, a normal form (lower case, digits as
 * 0, typographic quotes and dashes folded), prefixes and suffixes of 1-4
 * characters of the normal form, and the word's shape ("Xxxx", "dd-dd").
 */
#ifndef DL_LEARN_WORD_H
#define DL_LEARN_WORD_H

#include <stddef.h>
#include <stdint.h>

enum {
    DL_W_CAP = 1,      /* first character is upper case */
    DL_W_ALLCAP = 2,   /* every letter upper case, more than one letter */
    DL_W_DIGIT = 4,    /* holds a digit */
    DL_W_HYPHEN = 8,   /* holds a hyphen */
    DL_W_ALPHA = 16,   /* holds a letter */
    DL_W_PUNCT = 32,   /* no letter and no digit */
    DL_W_LOWER = 64,   /* holds a lower-case letter */
    DL_W_PERIOD = 128  /* holds a period */
};

typedef struct {
    uint64_t raw, norm, shape, sshape;  /* sshape: shape with every run collapsed */
    uint64_t pre[4], suf[4];            /* [k] = k+1 characters */
    uint32_t flags;                     /* DL_W_* */
    uint32_t nchar;
} dl_word_atoms;

void dl_word_atoms_make(const char *s, size_t len, dl_word_atoms *a);

/* Writes the normal form of s into buf (at most cap-1 bytes, NUL-terminated);
 * returns its length. */
size_t dl_word_norm(const char *s, size_t len, char *buf, size_t cap);

#endif
