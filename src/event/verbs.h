/*
 * event/verbs.h -- the verb-pattern dictionary (data/cameo/verbs.txt) that
 * maps the words of a clause to CAMEO codes.
 *
 * A line is CODE <TAB> PATTERN [<TAB> FLAGS].  A pattern is a sequence of
 * elements separated by spaces:
 *   word|word     one token whose folded form is one of the words
 *   word+         the word and its regular inflections (-s, -ed, -ing)
 *   *             a gap of up to four tokens
 *   $T            the target: an actor mention (after the last literal,
 *                 it may come a few words into the noun phrase)
 * FLAGS (comma-separated): implicit (the target may be left unsaid: take
 * the article's counterpart), nominal (an event named by a noun: the source
 * may be unknown), continue (code and target come from the previous event:
 * "passed a bill in this regard"), between (the target slot names both
 * parties: "talks between X and Y").  CODE "=" goes with continue.
 */
#ifndef DL_EVENT_VERBS_H
#define DL_EVENT_VERBS_H

#include <stddef.h>
#include <stdint.h>

#include "core/map.h"
#include "core/vec.h"
#include "dateline.h"

struct dl_codebook;

enum { DL_VF_IMPLICIT = 1, DL_VF_NOMINAL = 2, DL_VF_CONTINUE = 4, DL_VF_BETWEEN = 8 };

typedef enum { DL_EL_WORDS = 1, DL_EL_GAP, DL_EL_TARGET } dl_el_kind;

typedef struct {
    uint8_t kind;     /* dl_el_kind */
    char **words;     /* DL_EL_WORDS: NULL-terminated folded forms */
} dl_pattern_el;

typedef struct {
    char code[8];
    int flags;        /* DL_VF_* */
    dl_pattern_el *els;
    size_t n_els;
    size_t anchor;    /* index of the first DL_EL_WORDS element */
    char *rule;       /* "verbs.txt:LINE" */
} dl_pattern;

/* An (anchor word -> pattern) index entry; entries for one word are chained. */
typedef struct {
    int pattern;
    int next;
} dl_anchor;

struct dl_verbs {
    DL_VEC(dl_pattern) patterns;
    DL_VEC(dl_anchor) anchors;
    dl_map by_word;   /* folded anchor word -> first dl_anchor */
};

dl_status dl_verbs_load(const char *path, const struct dl_codebook *cb, struct dl_verbs **out,
                        char *err, size_t errlen);
void dl_verbs_free(struct dl_verbs *v);

/* The word and its regular inflections (-s, -ed, -ing) into out; returns
 * how many (0 for an empty or over-long word). */
size_t dl_verb_inflect(const char *w, char out[4][64]);

/* The first anchor entry for a folded word, or -1. */
int dl_verbs_first(const struct dl_verbs *v, const char *word);

#endif
