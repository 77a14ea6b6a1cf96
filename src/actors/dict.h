/*
 * actors/dict.h -- the actor dictionaries under data/actors/: countries
 * (names, demonyms, capitals), places, organisations, dated office-holders
 * and agent/title words.  Formats: data/actors/README.md.
 *
 * Every name is indexed by its token sequence as the tokenizer folds it
 * ("islamic republic of iran"), so lookups walk the text's tokens.
 */
#ifndef DL_ACTORS_DICT_H
#define DL_ACTORS_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "core/map.h"
#include "core/vec.h"
#include "dateline.h"

typedef enum {
    DL_DICT_COUNTRY = 1,
    DL_DICT_PLACE,
    DL_DICT_ORG,
    DL_DICT_PERSON
} dl_dict_kind;

/* One term of office: the code and role an office-holder had from..to. */
typedef struct {
    char *code;
    char *role;
    char from[11], to[11];   /* "YYYY-MM-DD" or "" when open */
} dl_dict_term;

typedef struct {
    char *name;
    char *type;        /* PER, ORG, GPE, LOC */
    char *country;     /* alpha-3 or NULL */
    char *code;        /* CAMEO code outside any term (NULL: the country's) */
    char *demonym;     /* countries: the adjective ("Iraqi") */
    uint8_t kind;      /* dl_dict_kind */
    uint8_t gender;    /* 'm', 'f' or 0 */
    DL_VEC(dl_dict_term) terms;
} dl_dict_actor;

typedef enum { DL_HIT_NAME = 1, DL_HIT_DEMONYM, DL_HIT_SURNAME } dl_hit_how;

/* One way a phrase can refer to an actor; hits for one phrase are chained. */
typedef struct {
    int actor;
    uint8_t how;        /* dl_hit_how */
    char *exact;        /* short all-caps aliases ("US", "IS") match only this exact text */
    int next;           /* next hit for the same phrase, -1 at the end */
} dl_dict_hit;

typedef struct {
    char *word;         /* this form, as written in the file */
    char *singular;     /* the singular form (word itself when not plural) */
    char *suffix;       /* CAMEO role code ("LEG") or "" */
    char *type;         /* ORG, NORP, PER */
    uint8_t title;      /* 1 for titles of people, 0 for agents */
    uint8_t plural;     /* this index entry is the plural form */
} dl_dict_agent;

/* A word of organisation names (names.tsv): a head ends a name ("Court",
 * "Police", "Times"); a portfolio follows "Minister of" ("Information"); a
 * group word makes an agent without a country an actor of its own ("the
 * government", "protesters", "a source"); a concept word ends names of
 * things that are no actor ("Brexit", "Presidential Election", "Kospi
 * Index"). */
enum { DL_NAME_HEAD = 1, DL_NAME_PORTFOLIO = 2, DL_NAME_GROUP = 4, DL_NAME_CONCEPT = 8 };
typedef struct {
    uint8_t cls;        /* DL_NAME_* bits */
    char suffix[16];    /* the role a head gives ("JUD", "MED") or "" */
} dl_name_word;

struct dl_actor_dict {
    DL_VEC(dl_dict_actor) actors;
    DL_VEC(dl_dict_hit) hits;
    DL_VEC(dl_dict_agent) agents;
    dl_map phrases;     /* folded phrase -> first hit */
    dl_map prefixes;    /* every shorter start (in tokens) of a phrase, -> 1 */
    dl_map surnames;    /* folded surname of a person -> first hit */
    dl_map agent_index; /* folded agent/title phrase (singular or plural) -> agent */
    DL_VEC(dl_name_word) name_words;
    dl_map name_index;  /* folded word -> name_words */
    dl_map country_index; /* alpha-3 code -> the country's entry */
    size_t max_phrase;  /* longest phrase, in tokens */
};

dl_status dl_dict_load(const char *dir, struct dl_actor_dict **out, char *err, size_t errlen);
void dl_dict_free(struct dl_actor_dict *d);

/* The folded token key of a phrase as the tokenizer would see it in text.
 * Returns the number of tokens (0 when the phrase has none). */
size_t dl_dict_key(const char *phrase, char *key, size_t keycap);

/* The names.tsv entry of a folded word, or NULL. */
const dl_name_word *dl_dict_name_word(const struct dl_actor_dict *d, const char *word);

/* The first hit for a folded phrase key, or -1. */
int dl_dict_find(const struct dl_actor_dict *d, const char *key, size_t klen);

/* The term in force on date (YYYY-MM-DD), NULL outside every term and for
 * actors without terms.  Without a date: the open term, else the last. */
const dl_dict_term *dl_dict_term_at(const dl_dict_actor *a, const char *date);

/* The actor's code on date: its term's code; outside every term the
 * undated code, else the country's code (a former president is USA, not
 * USAGOV).  *role (when role is not NULL) gets the term's role or NULL. */
const char *dl_dict_code_at(const dl_dict_actor *a, const char *date, const char **role);

#endif
