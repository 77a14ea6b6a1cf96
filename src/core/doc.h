/*
 * core/doc.h -- the document that flows through every stage, and the engine.
 *
 * One dl_doc per page.  Each stage reads the layers before it and adds its
 * own; none rewrites an earlier layer, so spans stay valid.  Strings and
 * per-page tables come from the doc's arena and die with dl_doc_free();
 * growable tables are dl_vec (core/vec.h), freed by dl_doc_reset().
 *
 *   source     raw bytes, name, default date                    (input)
 *   article    title, subtitle, authors, published, dateline,  <- extract
 *              language, body
 *   sents[], toks[]   byte spans into article.body             <- tokenize
 *   upos[], xpos[], lemma[], feats[], head[], deprel[]  per token <- nlp
 *   ents[]     named entities                                   <- nlp
 *   mentions[], actors[]                                        <- actors
 *   quotes[]                                                    <- quote
 *   events[]                                                    <- event
 *   diags[]    {stage, severity, offset, message}               (any stage)
 */
#ifndef DL_CORE_DOC_H
#define DL_CORE_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dateline.h"
#include "core/arena.h"
#include "core/vec.h"

/* ---- article ------------------------------------------------------------ */

typedef struct {
    char *title;        /* NULL when unknown; all strings are arena-owned */
    char *subtitle;
    char **authors;     /* n_authors names, without "By" */
    size_t n_authors;
    char *published;    /* "YYYY-MM-DD[THH:MM[:SS][zone]]" or NULL */
    char *fetched;      /* when the page was fetched (WARC-Date), or NULL; set with the
                         * input, never the publication date (issue 12) */
    char *dateline;     /* the place of the dateline, e.g. "Tehran" */
    char *language;     /* "en", ... */
    char *url;
    char *site;
    char *body;         /* NUL-terminated UTF-8; paragraphs separated by "\n\n" */
    size_t body_len;
} dl_article;

/* ---- tokens and sentences ----------------------------------------------- */

typedef enum {
    DL_TOK_WORD = 1,
    DL_TOK_NUM,
    DL_TOK_PUNCT,
    DL_TOK_QUOTE,   /* a double quotation mark of any style */
    DL_TOK_SYM
} dl_tok_kind;

enum {
    DL_TF_CAP = 1,         /* first character is upper case */
    DL_TF_ALLCAP = 2,      /* every letter is upper case (and >1 letter) */
    DL_TF_SPACE = 4,       /* white space precedes the token */
    DL_TF_PARA = 8,        /* first token of a paragraph */
    DL_TF_QOPEN = 16,      /* quotation mark that opens */
    DL_TF_QCLOSE = 32,     /* quotation mark that closes */
    DL_TF_ABBR = 64        /* word with a trailing abbreviation period */
};

typedef struct {
    uint32_t off, len;   /* bytes into article.body */
    uint8_t kind;        /* dl_tok_kind */
    uint16_t flags;      /* DL_TF_* */
    uint32_t sent;       /* index of its sentence */
    const char *norm;    /* lower case, quotes and dashes folded; arena */
} dl_token;

typedef struct {
    uint32_t off, len;   /* bytes into article.body */
    uint32_t tok0, ntok; /* its tokens */
    uint32_t para;       /* paragraph number, from 0 */
} dl_sent;

/* ---- syntax and entities ------------------------------------------------ */

/* A named entity the statistical recognizer found (ner/). */
typedef struct {
    uint32_t tok0, ntok;  /* tokens covered */
    uint32_t off, len;    /* bytes into article.body */
    uint32_t sent;
    const char *type;     /* "PER", "ORG", "LOC", "MISC"; static */
} dl_ent;

/* ---- actors and their mentions ----------------------------------------- */

typedef enum {
    DL_MENTION_NAME = 1,  /* a dictionary or recognised name */
    DL_MENTION_DEMONYM,   /* "Iraqi", "Americans" */
    DL_MENTION_AGENT,     /* "Iraqi parliament", "American troops" */
    DL_MENTION_TITLE,     /* "the ayatollah", "the Iraqi president" */
    DL_MENTION_PRONOUN    /* "he", "she" */
} dl_mention_kind;

typedef struct {
    uint32_t tok0, ntok;  /* tokens covered */
    uint32_t off, len;    /* bytes into article.body */
    uint32_t sent;
    int actor;            /* index into actors, -1 when unresolved */
    uint8_t kind;         /* dl_mention_kind */
} dl_mention;

typedef struct {
    char *id;         /* "A1", ... stable within the document */
    char *name;       /* canonical name */
    char *type;       /* PER, ORG, GPE, LOC, NORP, EVENT */
    char *country;    /* ISO 3166 alpha-3 or NULL */
    char *code;       /* CAMEO actor code or NULL */
    char *role;       /* "President", ... or NULL */
    int entry;        /* dictionary entry index, -1 when none */
    uint32_t n_mentions;
    uint32_t first_off;
    uint8_t gender;   /* 0 unknown, 'm', 'f' (for pronouns) */
    uint8_t passing;  /* a group of people named in passing ("soldiers", "American
                         diplomats"): listed in the output only when a quote or an
                         event refers to it (dl_doc_actor_listed) */
    uint8_t country_assumed; /* country is the article's home country by default ("the
                                government", "officials"), not one the text gives */
} dl_actor;

/* ---- quotes ------------------------------------------------------------- */

typedef struct {
    int speaker;          /* actor index, -1 when unknown */
    char *speaker_text;   /* the words that name the speaker, when no actor */
    uint8_t direct;       /* 1 direct quotation, 0 reported speech */
    char *text;           /* the quoted content (pieces of split quotes joined) */
    uint32_t off, len;    /* bytes into body, from first to last piece */
    char *cue;            /* the speech verb as written, or NULL */
    uint32_t cue_off;
    uint32_t sent;        /* sentence where the quote starts */
} dl_quote;

/* ---- places ------------------------------------------------------------- */

/* A place of the gazetteer (data/geo/, geo/geo.h), engine-owned: a country
 * or a city, with what GDELT's geo columns want. */
typedef struct {
    const char *name;     /* "Baghdad", "Iraq" */
    const char *full;     /* "Baghdad, Baghdad, Iraq" (city, admin1, country) */
    const char *country;  /* ISO 3166-1 alpha-3 */
    const char *fips;     /* FIPS 10-4 country code, "" when it has none */
    const char *adm1;     /* FIPS country + GeoNames admin1 code ("IZ07", "USTX"), "" */
    double lat, lon;
    long geonameid;       /* GeoNames id of a city; 0 for a country */
    long population;
    uint8_t type;         /* GDELT Geo_Type: 1 country, 3 US city, 4 city elsewhere */
} dl_geo_place;

/* ---- events ------------------------------------------------------------- */

typedef struct {
    int source, target;   /* actor indexes, -1 when the text does not say */
    const char *source_code, *target_code; /* actor codes on the event's date (office terms) */
    char cameo[8];        /* CAMEO event code */
    double goldstein;
    int quad;             /* 1 verbal coop, 2 material coop, 3 verbal conf, 4 material conf */
    const char *plover;   /* PLOVER event type, engine-owned */
    const char *plover_mode; /* PLOVER mode ("" when the type has none), engine-owned */
    char date[11];        /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
    int place;            /* actor index of the place, -1 when none */
    uint32_t sent;        /* the (first) sentence that states it */
    uint32_t off, len;    /* span of the trigger words */
    const char *rule;     /* the pattern that produced it, engine-owned */
    float confidence;     /* 0..1; the highest of the sentences that state it */
    int quote;            /* quote index when stated inside a quote, else -1 */
    /* Every sentence that states this act (issue 5), ascending without
     * repeats, the first being sent; arena.  The event stage sets it for
     * every event; an event made by hand may leave it NULL (n_support 0),
     * which stands for sent alone (dl_event_support). */
    uint32_t *support;
    uint32_t n_support;
    /* The issues its sentences name (users' issue dictionaries, --dict),
     * engine-owned codes in an arena array; NULL and 0 when none. */
    const char **issues;
    uint32_t n_issues;
    /* <- geo: the place resolved in the gazetteer, NULL when unknown */
    const dl_geo_place *geo;
} dl_event;

/* How many sentences state the event: n_support, 1 when it was left unset. */
static inline uint32_t dl_event_support(const dl_event *e) {
    return e->n_support ? e->n_support : 1;
}

/* ---- training records ---------------------------------------------------- */

/* What the event coder considered, kept for `dateline train events` when
 * a trainer sets doc->cand_log (event/cands.c): per trigger, each
 * candidate's actors and features, the first being "no event". */
#define DL_LOG_ACTORS 8
typedef struct {
    const char **feats;
    size_t nfeats;
    int src[DL_LOG_ACTORS], tgt[DL_LOG_ACTORS];   /* doc actor indexes */
    size_t nsrc, ntgt;
    int compound;         /* the source actors act among themselves */
} dl_logged_cand;

typedef struct {
    uint32_t sent;
    char code[8];
    int rule;             /* the rules' candidate, -1 for none */
    int clean;            /* the parse states the rules' candidate plainly: the model does not choose */
    dl_logged_cand *cands;/* ncand + 1: [0] is "no event" */
    size_t ncand;
} dl_logged_set;

typedef struct dl_cand_log {
    dl_arena arena;
    DL_VEC(dl_logged_set) sets;
} dl_cand_log;

/* What the quote stage weighed, kept for `dateline train quotes` when a
 * trainer sets doc->speaker_log (quote/quote.c): per quote with several
 * candidate speakers, each one's actor (or the rules' words) and features,
 * the first being the rules' own choice.  Strings live in the log's arena,
 * except quote, the doc's (read before the doc is freed). */
typedef struct {
    const char **feats;
    size_t nfeats;
    int actor;            /* doc actor index, -1 for none */
    const char *text;     /* the words that name it when no actor, or NULL */
} dl_logged_speaker;

typedef struct {
    const char *quote;    /* the quote's text */
    dl_logged_speaker *cands;
    size_t ncand;
} dl_logged_quote;

typedef struct dl_speaker_log {
    dl_arena arena;
    DL_VEC(dl_logged_quote) quotes;
} dl_speaker_log;

/* ---- diagnostics -------------------------------------------------------- */

typedef enum { DL_DIAG_INFO = 0, DL_DIAG_WARNING, DL_DIAG_ERROR } dl_severity;

typedef struct {
    const char *stage;    /* "input", "extract", ... */
    uint8_t severity;
    int64_t offset;       /* byte offset into the source, -1 when none */
    char *message;        /* arena */
} dl_diag;

/* ---- the document ------------------------------------------------------- */

struct dl_doc {
    dl_arena arena;          /* owns every per-page string */

    /* input */
    char *name;              /* file name or URL */
    char *src;               /* raw bytes, repaired to valid UTF-8, NUL-terminated */
    size_t src_len;
    uint8_t input_kind;      /* dl_input_kind */
    char default_date[11];   /* from --date, "" when none */

    dl_article article;      /* <- extract */
    DL_VEC(dl_sent) sents;   /* <- tokenize */
    DL_VEC(dl_token) toks;
    /* <- nlp: one entry per token, arena; each NULL when its model is not
     * loaded (data/models/pos, lemma, parse).  Strings are NUL-terminated. */
    const char **upos;            /* "NOUN", ... UD UPOS (model-owned strings) */
    const char **xpos;            /* "NNS", ... Penn Treebank tags (model-owned) */
    /* Lemmas, UD EWT style: lower case except proper nouns, the verb's base
     * form ("attacked", "attacks" -> "attack"; "was" -> "be"; "n't" ->
     * "not"), arena strings.  Match event triggers on these, or on the token
     * with dl_lemma_is(doc, i, "attack"). */
    const char **lemma;
    /* UD FEATS of each token, "Feat=Value" pairs sorted by name and joined
     * by '|' ("Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"), ""
     * when none (model-owned).  Read one with dl_tok_feat(doc, i, "Tense"). */
    const char **feats;
    int32_t *head;                /* token index of the head, -1 for the root */
    const char **deprel;          /* "nsubj", ... */
    DL_VEC(dl_ent) ents;          /* <- nlp: named entities */
    DL_VEC(dl_mention) mentions;  /* <- actors */
    DL_VEC(dl_actor) actors;
    int32_t *tok_mention;         /* per token: the mention covering it, or -1 (arena) */
    char home_country[4];         /* <- actors: the article's country (dateline, else the
                                     most named), alpha-3, "" when unknown */
    DL_VEC(dl_quote) quotes;      /* <- quote */
    DL_VEC(dl_event) events;      /* <- event */
    const dl_geo_place **actor_geo; /* <- geo: per actor, the place it is, or NULL (arena) */
    DL_VEC(dl_diag) diags;
    dl_cand_log *cand_log;        /* set by a trainer: the event coder logs its candidates */
    dl_speaker_log *speaker_log;  /* set by a trainer: the quote stage logs its speakers */
};

/* Records a diagnostic; the message is printf-formatted into the arena. */
void dl_doc_diag(dl_doc *doc, const char *stage, dl_severity sev, int64_t offset,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Is s exactly a calendar day "YYYY-MM-DD" (years 1000 to 9999; no
 * 2024-02-31)? */
int dl_ymd_valid(const char *s);

/* The publication date as "YYYY-MM-DD" in out[11]; "" when unknown. */
void dl_doc_pub_date(const dl_doc *doc, char out[11]);

/* Is actor i listed in the output: any actor but a group named in passing
 * that no quote or event refers to. */
int dl_doc_actor_listed(const dl_doc *doc, int i);

/* Is w one of the NULL-terminated list of words? */
static inline int dl_word_in(const char *w, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (strcmp(w, list[i]) == 0) return 1;
    return 0;
}

/* Is token i's folded form exactly w?  False past the last token. */
static inline int dl_tok_is(const dl_doc *doc, size_t i, const char *w) {
    return i < doc->toks.n && strcmp(doc->toks.v[i].norm, w) == 0;
}

/* The head of tokens [t0, t1) in the parse: the first whose head lies
 * outside them, else the last.  Needs doc->head. */
static inline size_t dl_span_head(const dl_doc *doc, size_t t0, size_t t1) {
    for (size_t t = t0; t < t1; t++)
        if (doc->head[t] < (int32_t)t0 || doc->head[t] >= (int32_t)t1) return t;
    return t1 - 1;
}

/* Is token i's lemma exactly w?  False past the last token or without lemmas. */
static inline int dl_lemma_is(const dl_doc *doc, size_t i, const char *w) {
    return doc->lemma && i < doc->toks.n && strcmp(doc->lemma[i], w) == 0;
}

/* The value of feature name in token i's FEATS ("Tense" -> "Past"), copied
 * into buf[cap] and returned; NULL when the token has no such feature or
 * there are no FEATS. */
const char *dl_tok_feat(const dl_doc *doc, size_t i, const char *name, char *buf, size_t cap);

/* The text of a token, a sentence or any span (not NUL-terminated). */
#define DL_SPAN_PTR(doc, off) ((doc)->article.body + (off))

/* Checks the document's invariants (spans in bounds and ordered, actor
 * indexes valid).  Returns NULL when sound, else a static description. */
const char *dl_doc_check(const dl_doc *doc);

/* ---- the engine --------------------------------------------------------- */

struct dl_actor_dict;   /* actors/dict.h */
struct dl_tagger;       /* tag/tag.h */
struct dl_parser;
struct dl_lemmatizer;
struct dl_ner;          /* ner/ner.h */
struct dl_codebook;     /* event/codebook.h */
struct dl_pdict;        /* dicts/petrarch.h */
struct dl_gazetteer;    /* geo/geo.h */
struct dl_code_parts;   /* geo/geo.h: CAMEO actor code parts, for --format gdelt */
struct dl_cues;         /* quote/cues.h */

struct dl_engine {
    char *data_dir;
    struct dl_actor_dict *dict;
    struct dl_codebook *codebook;
    struct dl_pdict *lexicon;   /* data/cameo/lexicon.tsv and cameo2.tsv: the triggers */
    struct dl_pdict *pdict;     /* --dict: TABARI/PETRARCH dictionaries, or NULL */
    struct dl_cues *cues;       /* data/quotes/cues.tsv: verbs and phrases of speech */
    int dict_only;              /* their verbs alone code events (dl_engine_options) */
    struct dl_tagger *tagger;   /* NULL when data/models/ has none */
    struct dl_parser *parser;
    struct dl_lemmatizer *lemmatizer;
    struct dl_ner *ner;
    struct dl_linear *event_model;  /* data/models/events.model, or NULL */
    struct dl_linear *quote_model;  /* data/models/quotes.model, or NULL */
    struct dl_gazetteer *gazetteer;  /* NULL when data/geo/ has none */
    struct dl_code_parts *code_parts;
};

/* The data directory to use (core/datadir.c): explicit_dir when given,
 * else $DATELINE_DATA, else next to the program or the shared library
 * (PREFIX/share/dateline), else the source tree's data/ for programs of
 * the build tree, else the configured install path.  Writes it to out and
 * returns how it was found ("DATELINE_DATA", "next to the program", ...). */
const char *dl__data_dir(const char *explicit_dir, char *out, size_t n);

/* Stage entry points, in pipeline order. */
dl_status dl_extract_run(dl_engine *eng, dl_doc *doc);
dl_status dl_tokenize_run(dl_engine *eng, dl_doc *doc);
dl_status dl_nlp_run(dl_engine *eng, dl_doc *doc);
/* Loads whichever of data/models/{pos,lemma,parse,ner}.model exist (ner/stage.c). */
dl_status dl_nlp_load(dl_engine *eng, char *err, size_t errlen);
void dl_nlp_free(dl_engine *eng);
dl_status dl_actors_run(dl_engine *eng, dl_doc *doc);
dl_status dl_quote_run(dl_engine *eng, dl_doc *doc);
dl_status dl_event_run(dl_engine *eng, dl_doc *doc);
dl_status dl_geo_run(dl_engine *eng, dl_doc *doc);

#endif /* DL_CORE_DOC_H */
