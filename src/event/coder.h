/*
 * event/coder.h -- what the files of the event coder share: the working
 * state of one document (dl_cctx), the actor units and groups of the
 * sentence being coded, and the trigger found at a token.
 *
 *   coder.c   units, groups, lexicon triggers, patterns, discards, the run
 *   args.c    sources and targets from the parse, polarity, quotations
 *   cands.c   candidate events: features, the learned scorer, emission
 *   xform.c   PETRARCH transformations over verb pairs
 */
#ifndef DL_EVENT_CODER_H
#define DL_EVENT_CODER_H

#include "core/doc.h"
#include "core/map.h"
#include "dicts/petrarch.h"
#include "learn/linear.h"

#define DL_UNIT_CODE 64

/* An actor as the sentence names it: one of our mentions, or a phrase of a
 * user's actor dictionary (whose doc actor is made on first use). */
typedef struct {
    uint32_t t0, t1;            /* tokens [t0, t1); t0 == t1 for a unit the sentence does not name */
    int actor;                  /* doc actor index, -1 until made */
    char code[DL_UNIT_CODE];
    char base[DL_PCODE_MAX];    /* dictionary units: the actor's own code, without agents */
    char pre[DL_UNIT_CODE], post[DL_UNIT_CODE]; /* their agents' codes */
    uint8_t has_actor;          /* 0: agents only ("officials" -> ---GOV) */
    uint8_t mention;            /* our mention's dl_mention_kind, 0 for dictionary units */
} dl_unit;

/* Coordinated units ("Egypt, Greece and Cyprus"), a compound actor. */
typedef struct {
    uint32_t t0, t1;            /* the span of its units */
    size_t u0, nu;              /* units u0 .. u0+nu-1 */
} dl_group;

/* A lexicon form at a token and what its best pattern says. */
typedef struct {
    const struct dl_pdict *pd;  /* the lexicon */
    int form;                   /* index into pd->verbs */
    size_t v0, v1, head;        /* the form's tokens; its inflected word */
    uint8_t noun;               /* a noun trigger */
    uint8_t adj;                /* a predicative adjective: "X is unacceptable" */
    uint8_t prio;               /* its lexicon's priority */
    uint8_t pflags;             /* DL_PPAT_* of the pattern */
    int nlit;                   /* literal words of the pattern that matched (0: the bare form) */
    int npre_lit;               /* of them, before the trigger ("attempt to *") */
    uint8_t need_target;        /* its class codes no event without a target */
    char code[8], passive[8];   /* "[a:b]" */
    const char *rule;
    int msrc, mtgt;             /* groups the pattern's $ and + took, -1 when none */
    int compound;               /* the pattern's % marker */
} dl_trigger;

/* A verb the sentence coded, kept for transformations. */
typedef struct {
    size_t h, v0, v1;           /* its inflected word; its tokens */
    const struct dl_pdict *pd;
    int block;
    int sg, tg;                 /* source and target groups, -1 when none */
    int own_subject;            /* the parse gives it a subject of its own */
    char active[8];             /* its code */
    size_t ev0, ev1;            /* the events it made: doc->events[ev0, ev1) */
} dl_vocc;

typedef struct {
    dl_engine *eng;
    dl_doc *doc;
    const struct dl_pdict *lex[2];  /* lexicons tried at each token, in priority order */
    size_t nlex;
    const struct dl_pdict *pd;      /* the lexicon whose patterns are being matched */
    const struct dl_pdict *actor_pd;/* the users' actor and agent phrases, or NULL */
    int dict_only;                  /* the users' dictionaries alone, as PETRARCH */
    int32_t date;                   /* YYYYMMDD of the story, for dated actor codes */
    char pub[11], story[11];
    int counterpart[2];             /* the article's two most named countries, or -1 */
    uint32_t sent;
    size_t s0, s1;                  /* the sentence's tokens */
    /* per token of the sentence (index t - s0) */
    int *span_kind, *span_index, *span_len;   /* users' actor phrases */
    int *sub_min, *sub_max;         /* the span of its subtree */
    int *group_at, *group_end;      /* the group starting / ending here, else -1 */
    int *group_in;                  /* the group one of whose units covers it, else -1 */
    int *mention_unit;              /* the unit of our mention covering it, else -1 */
    DL_VEC(dl_unit) units;
    DL_VEC(dl_group) groups;
    size_t steps;                   /* pattern matching budget */
    uint8_t *discard;               /* per sentence: 0, 1 sentence discard, 2 story discard */
    DL_VEC(dl_vocc) occs;           /* the sentence's coded verbs */
    dl_map words;                   /* the sentence's folded words */
    int debug;                      /* $DATELINE_DEBUG_CODER: each trigger on stderr */
    int weighed;                    /* the sentence's triggers with an event code so far */
} dl_cctx;

/* parse helpers (coder.c) */
const char *dl__coder_rel(const dl_cctx *cx, size_t i);
int dl__coder_upos_is(const dl_cctx *cx, size_t i, const char *tag);
int dl__coder_head(const dl_cctx *cx, size_t i);
int dl__coder_child(const dl_cctx *cx, size_t h, const char *r);
int dl__coder_child_from(const dl_cctx *cx, size_t h, const char *r, size_t from);
const char *dl__coder_case_of(const dl_cctx *cx, size_t n);
int dl__coder_actor_group(dl_cctx *cx, int actor);
int dl__coder_is_place(const dl_cctx *cx, int g);
int dl__coder_locative(const dl_cctx *cx, int g);
int dl__coder_negated(const dl_cctx *cx, size_t v);
int dl__coder_has_segment(const char *code, const char *part);
/* The trigger at token i (the best form of any lexicon there); 0 when none. */
int dl__coder_trigger_at(dl_cctx *cx, size_t i, dl_trigger *out);

/* Codes one trigger: its arguments, polarity and events (args.c). */
dl_status dl__coder_code_trigger(dl_cctx *cx, dl_trigger *tr);

/* Emits the events of a source and a target group (cands.c). */
void dl__coder_emit(dl_cctx *cx, const dl_trigger *tr, const char *code, int sg, int tg, int compound,
                    float confidence);

/* ---- candidates (cands.c) ------------------------------------------------ */

/* How a group came to be proposed as a source or a target (bits). */
enum {
    DL_ARG_RULE = 1,      /* the rules' choice */
    DL_ARG_PATTERN = 2,   /* the pattern's $ or + marker */
    DL_ARG_SUBJ = 4,      /* the parse subject (active) */
    DL_ARG_AGENT = 8,     /* the "by" agent of a passive */
    DL_ARG_PASSUBJ = 16,  /* the subject of a passive */
    DL_ARG_OBJ = 32,      /* the object, or what the object's phrase names */
    DL_ARG_OBL = 64,      /* a prepositional object */
    DL_ARG_NOUNMOD = 128, /* a noun trigger's possessor, demonym or compound */
    DL_ARG_NOUNOF = 256,  /* a noun trigger's "of/on/against" phrase */
    DL_ARG_SPEAKER = 512, /* the speaker of the quotation the trigger stands in */
    DL_ARG_BEFORE = 1024, /* the nearest group before the trigger in its clause */
    DL_ARG_AFTER = 2048,  /* the first group after the trigger */
    DL_ARG_OUTER = 4096   /* the subject of the clause above */
};
#define DL_ARG_NBITS 13

/* What the sentence around a trigger is like (bits). */
enum {
    DL_CTX_DIRECT = 1,    /* inside a direct quotation */
    DL_CTX_REPORTED = 2,  /* inside reported speech */
    DL_CTX_HEDGED = 4,    /* a modal or "if" */
    DL_CTX_REFUSAL = 8,   /* a refusal verb governs it */
    DL_CTX_INTENT = 16,   /* a verb of intent governs it */
    DL_CTX_PASSIVE = 32,
    DL_CTX_RULE_NONE = 64,/* the rules would code no event */
    DL_CTX_FIRST = 128,   /* in the article's first three sentences */
    DL_CTX_SUBJ_NOBODY = 256,/* its own subject names no actor ("the group that seized") */
    DL_CTX_ACCUSE = 512   /* the speaker accuses the act's source of it */
};
#define DL_CTX_NBITS 10

/* The CAMEO root of a code as a number: "0256" -> 2, "112" -> 11. */
static inline int dl__code_root(const char *code) {
    return (code[0] - '0') * 10 + (code[1] - '0');
}

#define DL_MAX_CANDS 160

typedef struct {
    int sg, tg;                 /* groups, -1 for none */
} dl_cand;

/* The candidate events of one trigger, the rules' choice among them. */
typedef struct {
    const dl_trigger *tr;
    char code[8];
    int compound;               /* the source group acts among its members */
    uint32_t ctx;               /* DL_CTX_* */
    int *sflags, *tflags;       /* per group: DL_ARG_* proposing it (cx-sized arrays) */
    int speaker_group;          /* -1 when none */
    dl_cand v[DL_MAX_CANDS];
    size_t n;
    int rule;                   /* index of the rules' candidate, -1 when they code none */
} dl_cset;

/* The features of candidate c of set s (and of "no event" when c < 0)
 * into the buffer; returns how many. */
typedef dl_featbuf dl_feats;
void dl__cands_features(const dl_cctx *cx, const dl_cset *s, int c, dl_feats *f);

/* Chooses among the set's candidates (the model, or the rules' choice
 * when there is none), records them for training when asked, and emits
 * the chosen event.  Returns the chosen candidate or -1. */
int dl__cands_decide(dl_cctx *cx, dl_cset *s);

/* Applies the lexicons' transformations to the sentence's verbs (xform.c). */
dl_status dl__coder_transform(dl_cctx *cx);

/* Codes the whole document (coder.c). */
dl_status dl__coder_run(dl_engine *eng, dl_doc *doc);

#endif
