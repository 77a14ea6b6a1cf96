/*
 * dicts/petrarch.h -- dictionaries users bring: the TABARI/PETRARCH text
 * formats for verbs (synsets, verb blocks, patterns, transformations),
 * actors (synonyms, dated codes), agents and discards.  The formats are
 * described in docs/dictionaries.md; the coder that uses them is
 * event/pcoder.c.
 *
 * Every phrase is indexed by its folded token key ("minas tirith"), the
 * way the tokenizer sees the text, so the coder walks tokens and looks up.
 */
#ifndef DL_DICTS_PETRARCH_H
#define DL_DICTS_PETRARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/map.h"
#include "core/vec.h"
#include "dateline.h"

#define DL_PCODE_MAX 24
#define DL_PDICT_MAX_WARNINGS 20
/* The largest dictionary file read (the largest Phoenix file is 1.5 MB). */
#define DL_PDICT_MAX_FILE (256 << 20)

/* One code of an actor, valid from..to (YYYYMMDD, inclusive); 0 = open.
 * An undated code has from = to = 0 and is used when no dated one fits. */
typedef struct {
    char code[DL_PCODE_MAX];
    int32_t from, to;
    uint8_t dated;
} dl_pcode;

typedef struct {
    char *name;          /* the primary phrase as written */
    size_t code0, ncodes;/* into dl_pdict.codes */
} dl_pactor;

typedef struct {
    char code[DL_PCODE_MAX]; /* "GOV", "COP" */
    uint8_t prefix;          /* "NGO~": goes before the actor code */
} dl_pagent;

typedef enum {
    DL_PH_ACTOR = 1,
    DL_PH_AGENT,
    DL_PH_DISCARD,       /* the sentence is not coded */
    DL_PH_STORYDISCARD   /* the whole text is not coded */
} dl_phit_kind;

/* One meaning of a phrase; meanings of one phrase are chained. */
typedef struct {
    uint8_t kind;        /* dl_phit_kind */
    uint8_t ntok;
    int index;           /* actor or agent index */
    int next;
} dl_phit;

/* ---- issues --------------------------------------------------------------- */

/* An issue a phrase names ("SCHOOLS" in CATEGORY "EDUCATION"). */
typedef struct {
    char code[48];
    char category[48];
} dl_pissue;

#define DL_PISSUE_IGNORE (-2)   /* issue_phrases value of a "~phrase" */

/* ---- verbs ---------------------------------------------------------------- */

typedef enum {
    DL_PE_WORD = 1,      /* a literal folded word */
    DL_PE_SET,           /* a synset: any of its members */
    DL_PE_SOURCE,        /* $  the source is the actor here */
    DL_PE_TARGET,        /* +  the target is the actor here */
    DL_PE_COMPOUND,      /* %  a compound actor */
    DL_PE_SKIP           /* ^  a noun phrase is skipped */
} dl_pel_kind;

typedef struct {
    uint8_t kind;        /* dl_pel_kind */
    uint8_t joined;      /* '_': must sit right next to the element toward the verb */
    int set;             /* DL_PE_SET: synset index */
    char *word;          /* DL_PE_WORD */
} dl_pel;

/* A verb pattern: "- PRE * POST [code]".  pre[] is stored nearest the verb
 * first, so both halves are matched moving away from the verb. */
typedef struct {
    dl_pel *pre, *post;
    size_t npre, npost;
    char active[8], passive[8]; /* "[a:b]": a source->target, b target->source */
    int nlit;            /* literal words and sets: more is more specific */
    int npre_lit;        /* of them, before the verb */
    const char *needs;   /* a literal word the sentence must hold for it to match, or NULL */
    uint8_t flags;       /* DL_PPAT_*, from a lexicon file's flags column */
    char *rule;          /* "FILE:LINE" */
} dl_ppattern;

enum {
    DL_PPAT_IMPLICIT = 1, /* the target may be unsaid: the article's counterpart */
    DL_PPAT_BETWEEN = 2   /* the target slot names both parties ("talks between X and Y") */
};

/* A verb block: "--- NAME [code] ---", its verbs and patterns. */
typedef struct {
    char name[32];       /* "SAY": what transformations name */
    char active[8], passive[8];
    size_t pat0, npat;   /* into dl_pdict.patterns */
    uint8_t need_target; /* lexicon files, flag "target": no event without a target */
    char *rule;
} dl_pblock;

/* One verb form ("broke down"): its block and its own code if any. */
typedef struct {
    int block;
    char active[8], passive[8]; /* "" when the block's code applies */
    uint8_t has_code;
    uint8_t noun;        /* lexicon files: 1 a noun trigger ("the assassination of X"), 2 a
                          * predicative adjective ("X is unacceptable") */
    uint8_t prio;        /* the priority of its file (dl_pdict.load_prio when it was read) */
    uint8_t ntok;        /* words in the form */
    uint8_t head;        /* which of them is the verb */
    int next;            /* next form with the same first word */
    char *key;           /* folded words, space-separated */
    char *rule;
} dl_pverb;

/* A transformation: "~ a (a b ATTACK) SAY = a b 015".  Variables are
 * letters; '.' is any actor, '_' no actor (the inner verb has no subject of
 * its own); inner verb "Q" is any verb, result code "Q" the inner code. */
typedef struct {
    char outer_src;
    char in_src, in_tgt;
    char in_verb[32];
    char out_verb[32];
    char res_src, res_tgt;
    char code[8];
    char *rule;
} dl_ptransform;

/* A class discard (lexicon files): the triggers of class cls are not
 * coded in a sentence holding the phrase ("beat" beside "election"). */
typedef struct {
    char cls[32];
    char *key;           /* folded phrase; NULL for "%score", a result such as "2-0" */
    uint8_t ntok;
} dl_pclass_discard;

/* A synset member: a folded phrase of ntok words. */
typedef struct {
    char *key;
    uint8_t ntok;
} dl_pmember;

typedef struct {
    char *name;
    uint8_t no_plural;    /* "&NAME_": members get no generated plurals */
    uint8_t placeholder;  /* used in a pattern before (or without) its definition */
    DL_VEC(dl_pmember) members;
    DL_VEC(int) includes; /* nested &SETs, resolved at the end of loading */
    dl_map index;         /* member key -> member, built by dl_pdict_finish */
    uint8_t max_ntok;     /* the longest member, in tokens */
} dl_psynset;

struct dl_pdict {
    DL_VEC(dl_pactor) actors;
    DL_VEC(dl_pcode) codes;
    DL_VEC(dl_pagent) agents;
    DL_VEC(dl_phit) hits;
    dl_map phrases;       /* folded phrase -> first dl_phit */
    size_t max_phrase;    /* tokens */
    DL_VEC(dl_pissue) issues;
    dl_map issue_phrases; /* folded phrase -> issue, or DL_PISSUE_IGNORE */
    size_t max_issue_phrase;
    DL_VEC(dl_psynset) synsets;
    dl_map synset_index;  /* "&NAME" without '&' and trailing '_' -> synset */
    DL_VEC(dl_pblock) blocks;
    DL_VEC(dl_ppattern) patterns;
    DL_VEC(dl_pverb) verbs;
    dl_map verb_index;    /* first folded word of a form -> first dl_pverb */
    DL_VEC(dl_ptransform) transforms;
    DL_VEC(dl_pclass_discard) class_discards;
    uint8_t load_prio;    /* given to the verbs of the files read next (default 0) */
    /* when set, every event code read must pass it ("'X' is not a CAMEO code") */
    int (*code_known)(const char *code, const void *ctx);
    const void *code_ctx;
    size_t n_files;
    size_t n_warnings;    /* lines skipped: malformed, or impossible dates */
    char *warnings;       /* the first DL_PDICT_MAX_WARNINGS of them, one per line, or NULL */
    size_t warnings_len;
    int strict;           /* 1: a malformed line fails the load instead */
};

/* Loads each path: a file (its kind from its name: "verbs" or "CAMEO" ->
 * verbs, "actors", "agents", "discards", "issue") or a
 * directory (its *.txt files of those kinds, in name order).  A malformed
 * line is skipped with a warning "FILE:LINE: message" (pd->warnings), as
 * the shipped dictionaries hold a few ("[~ENV}"); a file that cannot be
 * read fails with its name in err. */
dl_status dl_pdict_load(const char *const *paths, struct dl_pdict **out, char *err, size_t errlen);

/* The kinds of file the loader reads. */
typedef enum {
    DL_PF_NONE = 0, DL_PF_VERBS, DL_PF_ACTORS, DL_PF_AGENTS, DL_PF_DISCARDS, DL_PF_ISSUES,
    DL_PF_LEXICON       /* dateline's own TAB-separated format (*.tsv) */
} dl_pfile_kind;

/* Loads one file into pd, its kind from its name. */
dl_status dl_pdict_load_file(struct dl_pdict *pd, const char *path, char *err, size_t errlen);

/* Lexicon priorities (dl_pverb.prio): where two lexicons match a token
 * equally well, the higher wins. */
enum { DL_PRIO_CAMEO2 = 1, DL_PRIO_USERS = 2, DL_PRIO_OURS = 3 };

/* Parses one file's text (for tests and fuzzing); name is used in errors. */
dl_status dl_pdict_parse(struct dl_pdict *pd, dl_pfile_kind kind, const char *name,
                         const char *text, size_t len, char *err, size_t errlen);
/* Ends loading: resolves nested synsets. */
dl_status dl_pdict_finish(struct dl_pdict *pd, char *err, size_t errlen);
struct dl_pdict *dl_pdict_new(void);
void dl_pdict_free(struct dl_pdict *pd);

/* The word and its regular inflections (-s, -ed, -ing, and the doubled
 * -Ced, -Cing where they may apply) into out; returns how many (0 for an
 * empty or over-long word). */
#define DL_INFLECT_MAX 6
size_t dl_verb_inflect(const char *w, char out[DL_INFLECT_MAX][64]);

/* The actor's code on date (YYYYMMDD): the dated code covering it, else the
 * undated one, else NULL. */
const char *dl_pdict_code_at(const struct dl_pdict *pd, int actor, int32_t date);

#endif
