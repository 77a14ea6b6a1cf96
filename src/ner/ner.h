/*
 * ner/ner.h -- named entities (PER, ORG, LOC, MISC) in tokenized text.
 *
 *     dl_ner *m;  dl_entities ents;
 *     dl_ner_load(path, &m, err, sizeof err);    // data/models/ner.model
 *     dl_tagger_run(tagger, doc, &syn);          // when dl_ner_uses_tags(m)
 *     dl_ner_find(m, doc, &syn, &ents);          // ents.v[k]: tokens, type
 *
 * The model is read-only once loaded.  Entity arrays come from the
 * document's arena.  dl_ner_run(eng, doc) is left for when dl_engine holds
 * the model and dl_doc an entity layer.
 */
#ifndef DL_NER_H
#define DL_NER_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "learn/corpus.h"
#include "tag/tag.h"

typedef struct dl_ner dl_ner;

typedef enum { DL_ENT_PER = 0, DL_ENT_ORG, DL_ENT_LOC, DL_ENT_MISC, DL_ENT_NTYPES } dl_ent_type;

typedef struct {
    uint32_t tok0, ntok;   /* tokens of the document */
    uint32_t off, len;     /* bytes into article.body */
    uint32_t sent;
    uint8_t type;          /* dl_ent_type */
} dl_entity;

typedef struct {
    dl_entity *v;
    size_t n;
} dl_entities;

/* "PER", "ORG", "LOC", "MISC". */
const char *dl_ent_type_name(int type);

dl_status dl_ner_load(const char *path, dl_ner **out, char *err, size_t errlen);
void dl_ner_free(dl_ner *m);
/* Whether the model reads part-of-speech tags (it was trained with a tagger:
 * pass the tag layer, or it runs without those features and loses accuracy). */
int dl_ner_uses_tags(const dl_ner *m);
/* Finds the entities of every sentence of the document (arena); syn (the
 * tagger's layer, see tag/tag.h) may be NULL. */
dl_status dl_ner_find(const dl_ner *m, dl_doc *doc, const dl_syntax *syn, dl_entities *out);

/* One document's worth of sentences, for callers without a dl_doc: sents
 * gives (first word, count) pairs into words; tag_atoms (dl_tagger_atom per
 * word) may be NULL.  labels[i] receives a BIO label per word: 0 = O,
 * 1 + 2*type = B-type, 2 + 2*type = I-type. */
dl_status dl_ner_tag_words(const dl_ner *m, const dl_wordref *words, size_t nwords,
                           const uint32_t (*sents)[2], size_t nsents, const uint64_t *tag_atoms,
                           uint8_t *labels);

typedef struct {
    size_t tokens, gold, pred, correct;
    double p, r, f1;
    double seconds;
    int no_misc;   /* the test set has no MISC: MISC predictions were dropped */
} dl_ner_scores;

dl_status dl_ner_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                       const char *out_path, char *err, size_t errlen);
/* Exact span-and-type scoring (conlleval) on IOB-tagged data; tagger (may
 * be NULL) tags the words for a model that uses tags.  On data without any
 * MISC entity (Universal NER) MISC predictions are dropped first. */
dl_status dl_ner_eval(const dl_ner *m, const dl_tagger *tagger, const dl_corpus *test,
                      dl_ner_scores *s);

#endif
