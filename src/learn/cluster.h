/*
 * learn/cluster.h -- word classes learned from unlabelled text, for the
 * taggers' features: every word seen often enough gets a fine and a coarse
 * class, so that a word rare in the annotated data still shares weights
 * with the words that occur where it occurs.
 *
 * Trained by `dateline train clusters` into a plain TSV file
 * (data/models/clusters.tsv: "word TAB fine TAB coarse TAB count", words in
 * their normal form, learn/word.h); a trainer given --clusters copies the
 * table into its model as the "clusters" section, so models stay whole.
 */
#ifndef DL_LEARN_CLUSTER_H
#define DL_LEARN_CLUSTER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/strbuf.h"
#include "dateline.h"

typedef struct {
    uint32_t fp;      /* high 32 bits of the normal form's hash, | 1; 0 = empty */
    uint16_t fine, coarse;
} dl_cluster_slot;

/* A cluster table viewed in a model section. */
typedef struct {
    const dl_cluster_slot *slots;  /* NULL: no clusters */
    uint32_t mask;
} dl_clusters;

#define DL_CLUSTER_NONE 0xffff

/* The classes of the word whose normal form hashes to norm (dl_word_atoms'
 * norm); DL_CLUSTER_NONE for both when the word has none. */
static inline void dl_clusters_get(const dl_clusters *c, uint64_t norm, uint16_t *fine,
                                   uint16_t *coarse) {
    *fine = *coarse = DL_CLUSTER_NONE;
    if (!c->slots) return;
    uint32_t fp = (uint32_t)(norm >> 32) | 1, i = (uint32_t)norm & c->mask;
    while (c->slots[i].fp) {
        if (c->slots[i].fp == fp) {
            *fine = c->slots[i].fine;
            *coarse = c->slots[i].coarse;
            return;
        }
        i = (i + 1) & c->mask;
    }
}

/* Views a "clusters" section (4-byte slot count, 4 bytes padding, slots);
 * DL_ERR_DATA when malformed. */
dl_status dl_clusters_view(const void *p, size_t len, dl_clusters *out);
/* Reads a clusters TSV file into the bytes of a "clusters" section.
 * Errors name "path:line". */
dl_status dl_clusters_section(const char *path, dl_strbuf *out, char *err, size_t errlen);

typedef struct {
    int fine, coarse;  /* number of classes of each clustering */
    int min_count;     /* words seen fewer times get no class */
    int iters;         /* exchange passes */
    FILE *log;
} dl_cluster_opts;

/* Learns the classes from the words of the given files (CoNLL-U, CoNLL-2003,
 * Universal NER, or raw text, tokenized by the tokenize stage: a file whose
 * first line is no comment, no -DOCSTART- and has no tab) with the exchange algorithm
 * on bigram counts (Martin, Liermann & Ney 1998, the predictive one-sided
 * form of Uszkoreit & Brants 2008), and writes the TSV to out_path. */
dl_status dl_clusters_train(const char *const *paths, int npaths, const dl_cluster_opts *o,
                            const char *out_path, char *err, size_t errlen);

#endif
