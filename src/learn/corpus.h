/*
 * learn/corpus.h -- annotated sentences read from training and test files:
 * CoNLL-U (UD treebanks: form, lemma, UPOS, XPOS, FEATS, head, relation;
 * multiword token lines and empty nodes skipped, so tokens are the
 * syntactic words; "# newdoc" starts a document), the CoNLL-2003 column
 * format (form ... NER, IOB tags, -DOCSTART- documents) and Universal NER's
 * IOB2 files (ID, form, tag, two more columns; "# newdoc" documents).
 */
#ifndef DL_LEARN_CORPUS_H
#define DL_LEARN_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/vec.h"
#include "dateline.h"

typedef struct {
    const char *form;
    uint32_t len;      /* strlen(form) */
    const char *upos;  /* "" when the file has none */
    const char *xpos;
    int head;          /* 0 = root, 1.. = word in the sentence, -1 unknown */
    const char *deprel;
    const char *lemma; /* "" when the file has none */
    const char *feats; /* UD FEATS as written ("Number=Plur"), "_" when none */
    const char *ner;   /* IOB2 tag as written ("B-PER", "O"), "" when none */
    uint8_t nospace;   /* CoNLL-U: no space follows (SpaceAfter=No, or inside a
                          multiword token) */
} dl_ctok;

typedef struct {
    uint32_t tok0, ntok;
    uint32_t doc;      /* document number (CoNLL-2003 -DOCSTART-, else 0) */
} dl_csent;

typedef struct {
    dl_arena arena;
    DL_VEC(dl_ctok) toks;
    DL_VEC(dl_csent) sents;
    uint32_t ndocs;
} dl_corpus;

/* Reads a CoNLL-U file, a CoNLL-2003 file when the first data line has no
 * tabs, or a Universal NER file when it has five tab-separated columns.  Errors name "path:line".  Release with dl_corpus_release. */
dl_status dl_corpus_load(const char *path, dl_corpus *c, char *err, size_t errlen);
/* Appends another file's sentences to a loaded corpus (documents renumbered
 * after the ones it holds). */
dl_status dl_corpus_load_more(const char *path, dl_corpus *c, char *err, size_t errlen);
void dl_corpus_release(dl_corpus *c);

#endif
