/*
 * tag/tag.h -- part-of-speech tags (UPOS and English XPOS), lemmas and
 * morphological features (UD LEMMA, FEATS) and dependency trees (Universal
 * Dependencies relations) for tokenized sentences.
 *
 *     dl_tagger *tg;  dl_lemmatizer *lm;  dl_parser *ps;  dl_syntax syn;
 *     dl_tagger_load(path, &tg, err, sizeof err);     // data/models/pos.model
 *     dl_lemmatizer_load(path, &lm, err, sizeof err); // data/models/lemma.model
 *     dl_parser_load(path, &ps, err, sizeof err);     // data/models/parse.model
 *     dl_tagger_run(tg, doc, &syn);    // syn.upos[i], syn.xpos[i] for doc->toks[i]
 *     dl_lemmatizer_run(lm, doc, &syn);  // syn.lemma[i], syn.feats[i]
 *     dl_parser_run(ps, doc, &syn);    // syn.head[i], syn.deprel[i]
 *
 * Models are read-only once loaded and may be shared between threads.  The
 * per-token arrays come from the document's arena; tag strings are owned by
 * the model and live until it is freed.  The stage entry point in the usual
 * shape, dl_tag_run(eng, doc), is left for when dl_engine holds the models
 * and dl_doc the per-token layers.
 */
#ifndef DL_TAG_H
#define DL_TAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/doc.h"
#include "learn/corpus.h"

typedef struct dl_tagger dl_tagger;
typedef struct dl_parser dl_parser;
typedef struct dl_lemmatizer dl_lemmatizer;

/* One word of a sentence: its bytes (not NUL-terminated). */
typedef struct {
    const char *s;
    uint32_t len;
} dl_wordref;

/* The syntax layer of a document, one entry per doc->toks[i]. */
typedef struct {
    size_t n;
    uint16_t *tag;          /* tagger class (joint UPOS|XPOS) */
    const char **upos;      /* "NOUN", ...; model-owned */
    const char **xpos;      /* "NN", ... */
    uint64_t *tag_atom;     /* hash of the tag name, for the parser's features */
    int32_t *head;          /* token index in the document, -1 for the root */
    const char **deprel;    /* "nsubj", ...; model-owned; NULL before parsing */
    const char **lemma;     /* "run"; arena; NULL before lemmatising */
    const char **feats;     /* "Number=Plur|...", "" for none; model-owned */
} dl_syntax;

/* ---- tagger --------------------------------------------------------------- */

dl_status dl_tagger_load(const char *path, dl_tagger **out, char *err, size_t errlen);
void dl_tagger_free(dl_tagger *t);
/* Tags the document's tokens, sentence by sentence; fills syn (arena). */
dl_status dl_tagger_run(const dl_tagger *t, dl_doc *doc, dl_syntax *syn);
/* Tags one sentence: tags[i] is a class, see dl_tagger_upos/_xpos. */
dl_status dl_tagger_tag(const dl_tagger *t, const dl_wordref *words, size_t n, uint16_t *tags);
size_t dl_tagger_nclass(const dl_tagger *t);
const char *dl_tagger_upos(const dl_tagger *t, uint16_t tag);
const char *dl_tagger_xpos(const dl_tagger *t, uint16_t tag);
uint64_t dl_tagger_atom(const dl_tagger *t, uint16_t tag);

/* ---- lemmatiser ------------------------------------------------------------ */

dl_status dl_lemmatizer_load(const char *path, dl_lemmatizer **out, char *err, size_t errlen);
void dl_lemmatizer_free(dl_lemmatizer *l);
/* Lemmas and FEATS of the document's tokens; needs syn filled by dl_tagger_run. */
dl_status dl_lemmatizer_run(const dl_lemmatizer *l, dl_doc *doc, dl_syntax *syn);
/* After dl_parser_run: the FEATS that depend on the parse (perfect or
 * passive participles, imperatives). */
dl_status dl_lemmatizer_refine(const dl_lemmatizer *l, dl_doc *doc, dl_syntax *syn);
/* The lemma of one word of tagger class tag_atom (dl_tagger_atom) into
 * buf (NUL-terminated, cut to cap-1 bytes); returns its length.  *feats
 * (when feats is not NULL) gets the word's FEATS, "" for none. */
size_t dl_lemmatizer_lemma(const dl_lemmatizer *l, const char *s, size_t len, uint64_t tag_atom,
                           char *buf, size_t cap, const char **feats);

/* ---- parser ---------------------------------------------------------------- */

dl_status dl_parser_load(const char *path, dl_parser **out, char *err, size_t errlen);
void dl_parser_free(dl_parser *p);
/* Parses the document's sentences; needs syn filled by dl_tagger_run. */
dl_status dl_parser_run(const dl_parser *p, dl_doc *doc, dl_syntax *syn);
/* Parses one sentence of n words with tag atoms; heads[i] is 0 for the
 * root or 1..n (CoNLL-U numbering), rels[i] a relation name. */
dl_status dl_parser_parse(const dl_parser *p, const dl_wordref *words, const uint64_t *tag_atoms,
                          size_t n, int *heads, const char **rels);

/* ---- training and evaluation (dateline train / eval) ----------------------- */

typedef struct {
    int epochs;        /* passes over the training set; the best on dev is kept */
    int prune;         /* drop quantised weights below this magnitude */
    uint64_t seed;     /* shuffle (and exploration) seed */
    FILE *log;         /* progress lines, or NULL */
    const char *tagger_path;  /* parser: dev tags from this model; training tags jackknifed */
    int keep_last;     /* keep the last epoch instead of the best on dev */
    const char *clusters_path;  /* word classes (learn/cluster.h) as features, or NULL */
    const char *gazetteer_dir;  /* ner: name lists (data/actors) as features, or NULL */
    const char *lexicon_dir;    /* lemma: WordNet's dict folder (index.*, *.exc), or NULL */
} dl_train_opts;

typedef struct {
    size_t tokens, sents;
    double upos, xpos;   /* accuracies in percent */
    double uas, las;
    double seconds;      /* time spent tagging or parsing */
} dl_tag_scores;

typedef struct {
    size_t tokens;
    double lemma, feats;  /* accuracies in percent (exact string match) */
    double upos;          /* of the tagger whose classes were used */
    double seconds;       /* time spent lemmatising */
} dl_lemma_scores;

/* Learns the lemma table from the LEMMA and FEATS columns of train. */
dl_status dl_lemmatizer_train(const dl_corpus *train, const dl_train_opts *o, const char *out_path,
                              char *err, size_t errlen);
/* Scores on test with classes from t (predicted), or gold when t is NULL;
 * with a parser p (may be NULL), FEATS refined by the parse. */
dl_status dl_lemmatizer_eval(const dl_lemmatizer *l, const dl_tagger *t, const dl_parser *p,
                             const dl_corpus *test, dl_lemma_scores *s);
dl_status dl_tagger_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                          const char *out_path, char *err, size_t errlen);
dl_status dl_tagger_eval(const dl_tagger *t, const dl_corpus *test, dl_tag_scores *s);
dl_status dl_parser_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                          const char *out_path, char *err, size_t errlen);
/* Parses test with tags from t (predicted) or the gold tags when t is NULL. */
dl_status dl_parser_eval(const dl_parser *p, const dl_tagger *t, const dl_corpus *test,
                         dl_tag_scores *s);

#endif
