/*
 * tag/tag_impl.h -- what tagger.c, tag_train.c and parse.c share: the
 * tagger's layout and its per-sentence word table.
 */
#ifndef DL_TAG_IMPL_H
#define DL_TAG_IMPL_H

#include "learn/cluster.h"
#include "learn/lm.h"
#include "learn/model.h"
#include "learn/word.h"
#include "tag/tag.h"

#define DL__NO_TAG 0xffff
#define DL__PAD 2           /* padding words on each side of a sentence */
#define DL__TAG_MAXFEAT 64
#define DL__TAG_MAXFEAT2 80
#define DL__AMB_UNKNOWN 0x554e4b  /* ambiguity class of a word not in the dictionary */

typedef struct {
    uint32_t fp;
    uint32_t amb;      /* ambiguity class hash; 0 = empty slot */
    uint16_t fixed;    /* the word's only tag, or 0xffff */
    uint16_t pad;
} dl__td_slot;

typedef struct {
    dl_word_atoms a;
    uint64_t amb;      /* ambiguity class of the word (tag dictionary) */
    uint16_t fixed;    /* its dictionary tag, or 0xffff */
    uint16_t cf, cc;   /* its fine and coarse word class, DL_CLUSTER_NONE when none */
    uint16_t wn;       /* unknown words: what WordNet says it can be (DL__WN_*), 0 */
} dl__tword;

/* WordNet readings of a word (the tagger's "wordnet" section, from Debian
 * wordnet-base): a lemma of each class, or an inflected form of one by
 * WordNet's own detachment rules and exception lists. */
enum {
    DL__WN_N = 1, DL__WN_V = 2, DL__WN_A = 4, DL__WN_R = 8,  /* lemma of a noun, verb, adj., adverb */
    DL__WN_NNS = 16, DL__WN_VBZ = 32, DL__WN_VBD = 64, DL__WN_VBG = 128, DL__WN_JJR = 256,
    DL__WN_SEEN = 0x8000   /* looked up (the word may still have no reading) */
};

struct dl_tagger {
    dl_model *model;
    dl_lm lm;              /* first pass */
    dl_lm lm2;             /* second pass (nslot 0 when absent) */
    size_t nclass;
    const char **names;    /* "UPOS|XPOS", into the model */
    char *split;           /* copy of the names split at '|' */
    const char **upos, **xpos;
    uint64_t *atom;        /* hash of each class name */
    const dl__td_slot *td; /* tag dictionary, into the model */
    uint32_t td_mask;
    dl_clusters cl;        /* word classes, into the model (slots NULL when none) */
    const uint32_t *wn;    /* WordNet: slots of (fingerprint, readings), or NULL */
    uint32_t wn_mask;
    int wn_all;            /* training: look every word up (its entry is jackknifed) */
};

/* The WordNet readings of a word (lower case), DL__WN_SEEN at least. */
uint16_t dl__tag_wordnet(const dl_tagger *t, const char *s, size_t len);
/* Builds the "wordnet" section from WordNet's dict folder. */
dl_status dl__tag_wordnet_section(const char *dir, dl_strbuf *out, char *err, size_t errlen);

/* Fills w[0 .. n+4) (two padding words each side) for the sentence. */
void dl__tag_prepare(const dl_tagger *t, const dl_wordref *words, size_t n, dl__tword *w);
dl_status dl__tag_decode(const dl_tagger *t, const dl__tword *w, size_t n, uint16_t *tags);
/* One left-to-right pass with lm; first (the first pass's tags) selects the
 * second pass's features. */
void dl__tag_decode_pass(const dl_lm *lm, size_t nclass, const dl__tword *w, size_t n,
                         const uint16_t *first, uint16_t *tags);
size_t dl__tag_feats2(const dl__tword *w, size_t i, size_t n, int t1, int t2,
                      const uint16_t *first, uint64_t *f);
uint64_t dl__td_key_raw(const dl_word_atoms *a);
uint64_t dl__td_key_norm(const dl_word_atoms *a);
/* Features of word i (0-based) given the two previous tags (-1, -2 at start). */
size_t dl__tag_feats(const dl__tword *w, size_t i, int t1, int t2, uint64_t *f);
int dl__argmax_i32(const int32_t *s, size_t n);
/* Tag atoms for every token of a training treebank from first-pass taggers
 * trained without its sentence (5-fold jackknifing), as noisy as a
 * tagger's output on new text; for training the parser. */
dl_status dl__tagger_jackknife_atoms(const dl_corpus *train, int epochs, uint64_t seed,
                                     const char *clusters_path, const char *lexicon_dir,
                                     uint64_t *atoms);
/* Builds a tagger from a checked model; takes ownership of m. */
dl_status dl__tagger_from_model(dl_model *m, dl_tagger **out, char *err, size_t errlen);

#endif
