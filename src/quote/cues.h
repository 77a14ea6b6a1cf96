/*
 * quote/cues.h -- the cue lexicon (data/quotes/cues.tsv): the verbs and
 * phrases that introduce speech, each with the frame of its content.
 */
#ifndef DL_QUOTE_CUES_H
#define DL_QUOTE_CUES_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/map.h"
#include "core/vec.h"

typedef enum {
    DL_FRAME_CLAUSE = 1,  /* "said (that) the plan was dead" */
    DL_FRAME_TELL,        /* "told reporters (that) ...": an addressee first */
    DL_FRAME_OBJECT,      /* "urged Iran to ...", "accused Israel of ..." */
    DL_FRAME_LABEL,       /* "called the deal "lousy"", "described it as ..." */
    DL_FRAME_ACCORDING    /* "according to X": X said the rest of the sentence */
} dl_cue_frame;

typedef struct {
    char *lemma;
    uint8_t bare;         /* takes a clause without "that" */
    uint8_t frame;        /* dl_cue_frame */
} dl_cue;

struct dl_cues {
    DL_VEC(dl_cue) cues;
    dl_map forms;         /* folded form ("said", "pointed out") -> cue */
    dl_map prefixes;      /* first words of multi-word forms -> 1 */
    size_t max_tokens;
};

dl_status dl_cues_load(const char *path, struct dl_cues **out, char *err, size_t errlen);
void dl_cues_free(struct dl_cues *c);

/* The cue whose form starts at token i (not past end): its index, and its
 * length in *len; -1 when none. */
int dl_cues_match(const struct dl_cues *c, const dl_doc *doc, size_t i, size_t end, size_t *len);

#endif
