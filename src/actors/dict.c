/*
 * actors/dict.c -- loads the data/actors/ TSV files into one phrase index.
 *
 *   countries.tsv      code name aliases demonyms capital
 *   places.tsv         name type country code aliases
 *   organizations.tsv  name type code country aliases from to  (dated rows: one per period)
 *   people.tsv         name country gender code role from to aliases  (a row per term)
 *   agents.tsv         word plural suffix kind(agent|title) type
 *   names.tsv          word class(head|portfolio|group|concept) suffix   (optional file)
 *
 * Lists inside a field are ';'-separated.  Errors name the file and line.
 */
#include "actors/dict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/tsv.h"
#include "tokenize/tokenize.h"

typedef struct {
    struct dl_actor_dict *d;
    const char *path;
    size_t line;
    char *err;
    size_t errlen;
} loader;

static dl_status fail(loader *L, const char *msg, const char *what) {
    snprintf(L->err, L->errlen, "%s:%zu: %s%s%s", L->path, L->line, msg, what ? ": " : "",
             what ? what : "");
    return DL_ERR_DATA;
}

static char *dup_or_null(const char *s) { return s && *s ? strdup(s) : NULL; }

size_t dl_dict_key(const char *phrase, char *key, size_t keycap) {
    dl_doc *doc = dl_doc_new();
    size_t ntok = 0;
    if (!doc || keycap == 0) { dl_doc_free(doc); return 0; }
    key[0] = '\0';
    doc->article.body = (char *)phrase;
    doc->article.body_len = strlen(phrase);
    if (dl_tokenize_text(doc) == DL_OK) {
        size_t len = 0;
        for (size_t i = 0; i < doc->toks.n; i++) {
            const char *w = doc->toks.v[i].norm;
            size_t wl = strlen(w);
            if (len + wl + 2 > keycap) { ntok = 0; key[0] = '\0'; break; }
            if (i) key[len++] = ' ';
            memcpy(key + len, w, wl);
            len += wl;
            key[len] = '\0';
            ntok++;
        }
    }
    doc->article.body = NULL;
    dl_doc_free(doc);
    return ntok;
}

int dl_dict_find(const struct dl_actor_dict *d, const char *key, size_t klen) {
    return dl_map_get(&d->phrases, key, klen);
}

/* Short aliases written in capitals ("US", "IS", "UN") are common words in
 * lower case; they match only when the text has the same capitals. */
static int needs_exact(const char *alias) {
    size_t n = strlen(alias), upper = 0;
    for (size_t i = 0; i < n; i++) upper += alias[i] >= 'A' && alias[i] <= 'Z';
    return n <= 4 && upper == n;
}

static dl_status add_hit(loader *L, dl_map *index, const char *phrase, int actor, dl_hit_how how) {
    char key[512];
    size_t ntok = dl_dict_key(phrase, key, sizeof key);
    if (ntok == 0) return fail(L, "name has no words", phrase);
    struct dl_actor_dict *d = L->d;
    int first = dl_map_get(index, key, strlen(key));
    for (int h = first; h >= 0; h = d->hits.v[h].next)
        if (d->hits.v[h].actor == actor && d->hits.v[h].how == how) return DL_OK;
    dl_dict_hit *hit = DL_VEC_PUSH(&d->hits);
    if (!hit) return DL_ERR_NOMEM;
    hit->actor = actor;
    hit->how = (uint8_t)how;
    hit->next = first;
    hit->exact = needs_exact(phrase) ? strdup(phrase) : NULL;
    if (dl_map_put(index, key, strlen(key), (int)(d->hits.n - 1)) != 0) return DL_ERR_NOMEM;
    if (ntok > d->max_phrase) d->max_phrase = ntok;
    if (index == &d->phrases)   /* "islamic", "islamic republic" of "islamic republic of iran" */
        for (size_t k = 0; key[k]; k++)
            if (key[k] == ' ' && dl_map_put(&d->prefixes, key, k, 1) != 0) return DL_ERR_NOMEM;
    return DL_OK;
}

/* Adds every ';'-separated phrase of list. */
static dl_status add_list(loader *L, const char *list, int actor, dl_hit_how how) {
    if (!list) return DL_OK;
    char *copy = strdup(list), *save = NULL;
    if (!copy) return DL_ERR_NOMEM;
    dl_status st = DL_OK;
    for (char *p = strtok_r(copy, ";", &save); p && st == DL_OK; p = strtok_r(NULL, ";", &save)) {
        while (*p == ' ') p++;
        if (*p) st = add_hit(L, &L->d->phrases, p, actor, how);
    }
    free(copy);
    return st;
}

static int new_actor(loader *L, dl_dict_kind kind, const char *name, const char *type,
                     const char *country, const char *code) {
    dl_dict_actor *a = DL_VEC_PUSH(&L->d->actors);
    if (!a) return -1;
    a->kind = (uint8_t)kind;
    a->name = strdup(name);
    a->type = strdup(type && *type ? type : "ORG");
    a->country = dup_or_null(country);
    a->code = dup_or_null(code);
    if (!a->name || !a->type) return -1;
    return (int)(L->d->actors.n - 1);
}

static int valid_alpha3(const char *s) {
    if (!s || !*s) return 1;
    if (strlen(s) != 3) return 0;
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z') return 0;
    return 1;
}

static int valid_date(const char *s) {
    if (!*s) return 1;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    return 1;
}

static const char *field(char **f, size_t nf, size_t i) { return i < nf ? f[i] : ""; }

/* ---- one function per file ---------------------------------------------- */

static dl_status load_country(loader *L, char **f, size_t nf) {
    if (nf < 2) return fail(L, "expected code, name, aliases, demonyms, capital", NULL);
    if (!valid_alpha3(f[0]) || !*f[0]) return fail(L, "not a 3-letter country code", f[0]);
    int a = new_actor(L, DL_DICT_COUNTRY, f[1], "GPE", f[0], f[0]);
    if (a < 0 || dl_map_put(&L->d->country_index, f[0], strlen(f[0]), a) != 0) return DL_ERR_NOMEM;
    dl_status st = add_hit(L, &L->d->phrases, f[1], a, DL_HIT_NAME);
    if (st == DL_OK) st = add_list(L, field(f, nf, 2), a, DL_HIT_NAME);
    if (st == DL_OK) st = add_list(L, field(f, nf, 3), a, DL_HIT_DEMONYM);
    const char *dem = field(f, nf, 3);
    if (*dem) {
        size_t n = strcspn(dem, ";");
        L->d->actors.v[a].demonym = strndup(dem, n);
    }
    const char *capital = field(f, nf, 4);
    if (st == DL_OK && *capital) {
        int c = new_actor(L, DL_DICT_PLACE, capital, "GPE", f[0], f[0]);
        if (c < 0) return DL_ERR_NOMEM;
        st = add_hit(L, &L->d->phrases, capital, c, DL_HIT_NAME);
    }
    return st;
}

static dl_status load_place(loader *L, char **f, size_t nf) {
    if (nf < 2) return fail(L, "expected name, type, country, code, aliases", NULL);
    const char *country = field(f, nf, 2);
    if (!valid_alpha3(country)) return fail(L, "not a 3-letter country code", country);
    const char *code = field(f, nf, 3);
    int a = new_actor(L, DL_DICT_PLACE, f[0], f[1], country, *code ? code : country);
    if (a < 0) return DL_ERR_NOMEM;
    dl_status st = add_hit(L, &L->d->phrases, f[0], a, DL_HIT_NAME);
    return st == DL_OK ? add_list(L, field(f, nf, 4), a, DL_HIT_NAME) : st;
}

/* A dated period of an actor: the code (and role) it had from..to. */
static dl_status add_term(loader *L, int a, const char *code, const char *role, const char *from,
                          const char *to) {
    dl_dict_term *t = DL_VEC_PUSH(&L->d->actors.v[a].terms);
    if (!t) return DL_ERR_NOMEM;
    t->code = dup_or_null(code);
    t->role = dup_or_null(role);
    if ((code && *code && !t->code) || (role && *role && !t->role)) return DL_ERR_NOMEM;
    snprintf(t->from, sizeof t->from, "%s", from);
    snprintf(t->to, sizeof t->to, "%s", to);
    return DL_OK;
}

/* An organisation: one undated row, or one row per period of its code
 * ("Taliban" AFGREB to 2021-08-15, AFGGOV from then).  The first row of a
 * name creates the entry; later rows add periods and aliases. */
static dl_status load_org(loader *L, char **f, size_t nf, dl_map *by_name) {
    if (nf < 3) return fail(L, "expected name, type, code, country, aliases, from, to", NULL);
    const char *country = field(f, nf, 3);
    if (!valid_alpha3(country)) return fail(L, "not a 3-letter country code", country);
    const char *from = field(f, nf, 5), *to = field(f, nf, 6);
    if (!valid_date(from) || !valid_date(to)) return fail(L, "dates must be YYYY-MM-DD", NULL);
    int dated = *from || *to;
    int a = dl_map_get(by_name, f[0], strlen(f[0]));
    dl_status st = DL_OK;
    if (a < 0) {
        a = new_actor(L, DL_DICT_ORG, f[0], f[1], country, dated ? NULL : f[2]);
        if (a < 0 || dl_map_put(by_name, f[0], strlen(f[0]), a) != 0) return DL_ERR_NOMEM;
        st = add_hit(L, &L->d->phrases, f[0], a, DL_HIT_NAME);
    } else if (!dated) {
        if (L->d->actors.v[a].code) return fail(L, "a second undated row for", f[0]);
        if (!(L->d->actors.v[a].code = dup_or_null(f[2]))) return DL_ERR_NOMEM;
    }
    if (st == DL_OK) st = add_list(L, field(f, nf, 4), a, DL_HIT_NAME);
    if (st == DL_OK && dated) st = add_term(L, a, f[2], NULL, from, to);
    return st;
}

static dl_status load_person(loader *L, char **f, size_t nf, dl_map *by_name) {
    if (nf < 5) return fail(L, "expected name, country, gender, code, role, from, to, aliases", NULL);
    if (!valid_alpha3(f[1])) return fail(L, "not a 3-letter country code", f[1]);
    const char *from = field(f, nf, 5), *to = field(f, nf, 6);
    if (!valid_date(from) || !valid_date(to)) return fail(L, "dates must be YYYY-MM-DD", NULL);
    int a = dl_map_get(by_name, f[0], strlen(f[0]));
    dl_status st = DL_OK;
    if (a < 0) {
        /* outside every term a person has only the country's code */
        a = new_actor(L, DL_DICT_PERSON, f[0], "PER", f[1], NULL);
        if (a < 0 || dl_map_put(by_name, f[0], strlen(f[0]), a) != 0) return DL_ERR_NOMEM;
        L->d->actors.v[a].gender = (uint8_t)(f[2][0] == 'f' ? 'f' : f[2][0] == 'm' ? 'm' : 0);
        st = add_hit(L, &L->d->phrases, f[0], a, DL_HIT_NAME);
        /* the surname: the last word of the name, before a "Jr." */
        char sur[256];
        snprintf(sur, sizeof sur, "%s", f[0]);
        char *sp = strrchr(sur, ' ');
        static const char *const sfx[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", NULL};
        if (sp && dl_word_in(sp + 1, sfx)) {
            *sp = '\0';
            sp = strrchr(sur, ' ');
        }
        if (st == DL_OK && sp && sp[1]) st = add_hit(L, &L->d->surnames, sp + 1, a, DL_HIT_SURNAME);
    }
    if (st == DL_OK) st = add_list(L, field(f, nf, 7), a, DL_HIT_NAME);
    return st == DL_OK ? add_term(L, a, f[3], field(f, nf, 4), from, to) : st;
}

static dl_status add_agent_form(loader *L, const char *phrase, const char *singular, const dl_dict_agent *proto,
                                int plural) {
    char key[256];
    if (!*phrase || dl_dict_key(phrase, key, sizeof key) == 0) return DL_OK;
    dl_dict_agent *ag = DL_VEC_PUSH(&L->d->agents);
    if (!ag) return DL_ERR_NOMEM;
    *ag = *proto;
    ag->word = strdup(phrase);
    ag->singular = strdup(singular);
    ag->suffix = strdup(proto->suffix);
    ag->type = strdup(proto->type);
    ag->plural = (uint8_t)plural;
    if (!ag->word || !ag->singular || !ag->suffix || !ag->type) return DL_ERR_NOMEM;
    return dl_map_put(&L->d->agent_index, key, strlen(key), (int)(L->d->agents.n - 1)) ? DL_ERR_NOMEM : DL_OK;
}

static dl_status load_agent(loader *L, char **f, size_t nf) {
    if (nf < 4) return fail(L, "expected word, plural, suffix, kind, type", NULL);
    if (strcmp(f[3], "agent") != 0 && strcmp(f[3], "title") != 0)
        return fail(L, "kind must be 'agent' or 'title'", f[3]);
    dl_dict_agent proto = {0};
    proto.suffix = f[2];
    proto.title = (uint8_t)(strcmp(f[3], "title") == 0);
    proto.type = (char *)(nf > 4 && *f[4] ? f[4] : (proto.title ? "PER" : "ORG"));
    dl_status st = add_agent_form(L, f[0], f[0], &proto, 0);
    if (st == DL_OK && strcmp(f[1], f[0]) != 0) st = add_agent_form(L, f[1], f[0], &proto, 1);
    return st;
}

static dl_status load_name_word(loader *L, char **f, size_t nf) {
    if (nf < 2) return fail(L, "expected word, class, suffix", NULL);
    uint8_t cls = strcmp(f[1], "head") == 0        ? DL_NAME_HEAD
                  : strcmp(f[1], "portfolio") == 0 ? DL_NAME_PORTFOLIO
                  : strcmp(f[1], "group") == 0     ? DL_NAME_GROUP
                  : strcmp(f[1], "concept") == 0   ? DL_NAME_CONCEPT
                                                   : 0;
    if (!cls) return fail(L, "class must be 'head', 'portfolio', 'group' or 'concept'", f[1]);
    const char *suffix = field(f, nf, 2);
    if (strlen(suffix) >= sizeof ((dl_name_word *)0)->suffix) return fail(L, "suffix too long", suffix);
    char key[256];
    if (dl_dict_key(f[0], key, sizeof key) != 1) return fail(L, "expected one word", f[0]);
    struct dl_actor_dict *d = L->d;
    int w = dl_map_get(&d->name_index, key, strlen(key));
    if (w < 0) {
        dl_name_word *nw = DL_VEC_PUSH(&d->name_words);
        if (!nw) return DL_ERR_NOMEM;
        memset(nw, 0, sizeof *nw);
        w = (int)(d->name_words.n - 1);
        if (dl_map_put(&d->name_index, key, strlen(key), w) != 0) return DL_ERR_NOMEM;
    }
    dl_name_word *nw = &d->name_words.v[w];
    nw->cls |= cls;
    if (*suffix) snprintf(nw->suffix, sizeof nw->suffix, "%s", suffix);
    return DL_OK;
}

const dl_name_word *dl_dict_name_word(const struct dl_actor_dict *d, const char *word) {
    int w = dl_map_get(&d->name_index, word, strlen(word));
    return w >= 0 ? &d->name_words.v[w] : NULL;
}

typedef enum { F_COUNTRY, F_PLACE, F_ORG, F_PERSON, F_AGENT, F_NAME } file_kind;

static dl_status load_file(loader *L, const char *dir, const char *name, file_kind kind) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    L->path = path;
    dl_tsv tsv;
    dl_status st = dl_tsv_open(&tsv, path, L->err, L->errlen);
    if (st != DL_OK) return st;
    dl_map names;   /* people and organisations: name -> entry, for their later rows */
    dl_map_init(&names);
    char **f;
    size_t nf;
    while (st == DL_OK && dl_tsv_next(&tsv, &f, &nf) == DL_OK) {
        L->line = tsv.line;
        switch (kind) {
        case F_COUNTRY: st = load_country(L, f, nf); break;
        case F_PLACE: st = load_place(L, f, nf); break;
        case F_ORG: st = load_org(L, f, nf, &names); break;
        case F_PERSON: st = load_person(L, f, nf, &names); break;
        case F_AGENT: st = load_agent(L, f, nf); break;
        case F_NAME: st = load_name_word(L, f, nf); break;
        }
    }
    if (st == DL_ERR_NOMEM) snprintf(L->err, L->errlen, "%s: out of memory", path);
    dl_map_release(&names);
    dl_tsv_close(&tsv);
    return st;
}

static int file_exists(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "r");
    if (fp) fclose(fp);
    return fp != NULL;
}

dl_status dl_dict_load(const char *dir, struct dl_actor_dict **out, char *err, size_t errlen) {
    *out = NULL;
    struct dl_actor_dict *d = calloc(1, sizeof *d);
    if (!d) return DL_ERR_NOMEM;
    loader L = {d, NULL, 0, err, errlen};
    static const struct { const char *name; file_kind kind; } files[] = {
        {"countries.tsv", F_COUNTRY}, {"places.tsv", F_PLACE}, {"organizations.tsv", F_ORG},
        {"people.tsv", F_PERSON},     {"agents.tsv", F_AGENT},
        {"names.tsv", F_NAME}};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        /* names.tsv only sharpens name boundaries: a data folder without it loads */
        if (files[i].kind == F_NAME && !file_exists(dir, files[i].name)) continue;
        dl_status st = load_file(&L, dir, files[i].name, files[i].kind);
        if (st != DL_OK) { dl_dict_free(d); return st; }
    }
    *out = d;
    return DL_OK;
}

void dl_dict_free(struct dl_actor_dict *d) {
    if (!d) return;
    for (size_t i = 0; i < d->actors.n; i++) {
        dl_dict_actor *a = &d->actors.v[i];
        free(a->name); free(a->type); free(a->country); free(a->code); free(a->demonym);
        for (size_t t = 0; t < a->terms.n; t++) { free(a->terms.v[t].code); free(a->terms.v[t].role); }
        DL_VEC_FREE(&a->terms);
    }
    for (size_t i = 0; i < d->hits.n; i++) free(d->hits.v[i].exact);
    for (size_t i = 0; i < d->agents.n; i++) {
        free(d->agents.v[i].word); free(d->agents.v[i].singular); free(d->agents.v[i].suffix); free(d->agents.v[i].type);
    }
    DL_VEC_FREE(&d->actors);
    DL_VEC_FREE(&d->hits);
    DL_VEC_FREE(&d->agents);
    dl_map_release(&d->phrases);
    dl_map_release(&d->prefixes);
    dl_map_release(&d->surnames);
    dl_map_release(&d->agent_index);
    DL_VEC_FREE(&d->name_words);
    dl_map_release(&d->name_index);
    dl_map_release(&d->country_index);
    free(d);
}

/* A term is in force on date when it has started and not ended (both ends
 * inclusive).  Among terms in force, the one that started last wins: on the
 * day of a handover the successor's term. */
const dl_dict_term *dl_dict_term_at(const dl_dict_actor *a, const char *date) {
    if (!a->terms.n) return NULL;
    const dl_dict_term *best = NULL;
    if (!date || !*date) {
        /* no date: the open term, else the one that started last */
        for (size_t i = 0; i < a->terms.n; i++) {
            const dl_dict_term *t = &a->terms.v[i];
            if (!t->to[0]) return t;
            if (!best || strcmp(t->from, best->from) > 0) best = t;
        }
        return best;
    }
    for (size_t i = 0; i < a->terms.n; i++) {
        const dl_dict_term *t = &a->terms.v[i];
        int started = !t->from[0] || strcmp(t->from, date) <= 0;
        int ended = t->to[0] && strcmp(t->to, date) < 0;
        if (started && !ended && (!best || strcmp(t->from, best->from) > 0)) best = t;
    }
    return best;
}

const char *dl_dict_code_at(const dl_dict_actor *a, const char *date, const char **role) {
    const dl_dict_term *t = dl_dict_term_at(a, date);
    if (role) *role = t ? t->role : NULL;
    if (t && t->code) return t->code;
    return a->code ? a->code : a->country;
}
