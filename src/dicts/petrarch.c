/*
 * dicts/petrarch.c -- reads TABARI/PETRARCH dictionaries (format notes in
 * docs/dictionaries.md; the reference is the PETRARCH2 README and the
 * dictionaries themselves).  Each file is read line by line: '#' starts a
 * comment, "<!-- ... -->" comments may span lines, and every error names
 * the file and the line.
 */
#include "dicts/petrarch.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "actors/dict.h"
#include "core/file.h"
#include "core/strbuf.h"

/* Regular inflections of a verb: praise -> praises praised praising;
 * call -> calls called calling; deny -> denies denied denying.  A verb
 * ending consonant-vowel-consonant also gets the doubled forms (ban ->
 * banned, expel -> expelled, travel -> travelled): without the stress we
 * cannot tell, and a form no text holds matches nothing. */
size_t dl_verb_inflect(const char *w, char out[DL_INFLECT_MAX][64]) {
    size_t n = strlen(w);
    if (n == 0 || n > 50) return 0;
    snprintf(out[0], 64, "%s", w);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0, third = n > 2 ? w[n - 3] : 0;
    int vowel_prev = prev && strchr("aeiou", prev);
    if (last == 'e') {
        snprintf(out[1], 64, "%ss", w);
        snprintf(out[2], 64, "%sd", w);
        snprintf(out[3], 64, "%.*sing", (int)(n - 1), w);
    } else if (last == 'y' && !vowel_prev) {
        snprintf(out[1], 64, "%.*sies", (int)(n - 1), w);
        snprintf(out[2], 64, "%.*sied", (int)(n - 1), w);
        snprintf(out[3], 64, "%sing", w);
    } else if (last == 's' || last == 'x' || last == 'h' || last == 'z') {
        snprintf(out[1], 64, "%ses", w);
        snprintf(out[2], 64, "%sed", w);
        snprintf(out[3], 64, "%sing", w);
    } else {
        snprintf(out[1], 64, "%ss", w);
        snprintf(out[2], 64, "%sed", w);
        snprintf(out[3], 64, "%sing", w);
        if (vowel_prev && !strchr("aeiouwy", last) && third && !strchr("aeiou", third) && n >= 3) {
            snprintf(out[4], 64, "%s%ced", w, last);
            snprintf(out[5], 64, "%s%cing", w, last);
            return 6;
        }
    }
    return 4;
}

/* ---- the line reader ---------------------------------------------------- */

typedef struct {
    struct dl_pdict *pd;
    const char *name;     /* file name for messages */
    const char *p, *end;  /* what is left of the text */
    size_t line;
    int in_comment;       /* inside <!-- --> */
    char buf[4096];
    char *err;
    size_t errlen;
    /* verbs: the state of the current section */
    int block;            /* current verb block, -1 before the first */
    int noun;             /* lexicon files: the verb line being read is a noun (1) or an adjective (2) */
    const char *origin;   /* lexicon files: the line's origin column, or NULL */
    size_t first_block;   /* the first block of this file */
    int synset;           /* synset taking '+' members, -1 when a block is open */
    /* actors: the entry that synonym and date lines extend */
    int actor;
    /* issues: the open <ISSUE CATEGORY=".."> block */
    char category[48];
    int in_issue;
    /* agents: !NAME! = A, B substitution sets */
    DL_VEC(char *) subst_names;
    DL_VEC(char *) subst_values;
    int subst_depth;      /* markers being expanded in the current phrase */
    size_t subst_made;    /* phrases the markers made in this file */
} reader;

static dl_status fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static dl_status fail(reader *r, const char *fmt, ...) {
    int n = snprintf(r->err, r->errlen, "%s:%zu: ", r->name, r->line);
    if (n < 0 || (size_t)n >= r->errlen) return DL_ERR_DATA;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return DL_ERR_DATA;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The name a rule made from the current line goes by: the line's origin
 * column in a lexicon file ("CAMEO.2.0:7560"), else "FILE:LINE". */
static char *rule_name(const reader *r) {
    char rule[256];
    if (r->origin && *r->origin) snprintf(rule, sizeof rule, "%s", r->origin);
    else snprintf(rule, sizeof rule, "%s:%zu", base_name(r->name), r->line);
    return strdup(rule);
}

/* Appends msg and a newline to the warnings text. */
static void append_warning_line(struct dl_pdict *pd, const char *msg) {
    size_t n = strlen(msg);
    char *w = realloc(pd->warnings, pd->warnings_len + n + 2);
    if (!w) return;
    pd->warnings = w;
    memcpy(w + pd->warnings_len, msg, n);
    pd->warnings_len += n;
    w[pd->warnings_len++] = '\n';
    w[pd->warnings_len] = '\0';
}

/* Counts a warning; the first DL_PDICT_MAX_WARNINGS are kept as text. */
static void add_warning(struct dl_pdict *pd, const char *msg) {
    if (pd->n_warnings++ < DL_PDICT_MAX_WARNINGS) append_warning_line(pd, msg);
}

static void warn(reader *r, const char *what) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s:%zu: %s", r->name, r->line, what);
    add_warning(r->pd, msg);
}

/* Removes HTML comments (which may span lines) and '#' comments from s. */
static void strip_comments(reader *r, char *s) {
    char *w = s;
    int bracket = 0;   /* '#' inside [...] is part of a code ("[###]") */
    for (char *p = s; *p;) {
        if (r->in_comment) {
            char *close = strstr(p, "-->");
            if (!close) break;
            r->in_comment = 0;
            p = close + 3;
        } else if (strncmp(p, "<!--", 4) == 0) {
            r->in_comment = 1;
            p += 4;
        } else if (*p == '#' && !bracket) {
            break;
        } else {
            if (*p == '[') bracket = 1;
            else if (*p == ']') bracket = 0;
            *w++ = *p++;
        }
    }
    *w = '\0';
}

static void trim(char **s) {
    while (**s == ' ' || **s == '\t' || **s == '\r') (*s)++;
    size_t n = strlen(*s);
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t' || (*s)[n - 1] == '\r')) (*s)[--n] = '\0';
}

/* The next line with its comments removed; *indented tells whether it began
 * with white space.  Returns NULL at the end of the text. */
static char *next_line(reader *r, int *indented) {
    while (r->p < r->end) {
        const char *start = r->p, *nl = memchr(start, '\n', (size_t)(r->end - start));
        size_t n = nl ? (size_t)(nl - start) : (size_t)(r->end - start);
        r->line++;
        r->p = nl ? nl + 1 : r->end;
        if (n >= sizeof r->buf) {   /* cut, the rest would be misread as another entry */
            char what[80];
            snprintf(what, sizeof what, "line longer than %zu bytes, skipped", sizeof r->buf - 1);
            warn(r, what);
            continue;
        }
        memcpy(r->buf, start, n);
        r->buf[n] = '\0';
        *indented = r->buf[0] == ' ' || r->buf[0] == '\t';
        strip_comments(r, r->buf);
        char *s = r->buf;
        trim(&s);
        if (*s) return s;
    }
    return NULL;
}

/* ---- phrases ------------------------------------------------------------ */

/* Folds a dictionary phrase ("MINAS_TIRITH", "U.N._") into its token key. */
static size_t fold(const char *phrase, char *key, size_t cap) {
    char tmp[512];
    size_t n = 0;
    for (const char *p = phrase; *p && n + 1 < sizeof tmp; p++) tmp[n++] = *p == '_' ? ' ' : *p;
    tmp[n] = '\0';
    return dl_dict_key(tmp, key, cap);
}

static dl_status add_hit(reader *r, const char *phrase, dl_phit_kind kind, int index) {
    char key[512];
    size_t ntok = fold(phrase, key, sizeof key);
    if (ntok == 0) return fail(r, "phrase has no words: '%s'", phrase);
    if (ntok > 255) return fail(r, "phrase too long: '%s'", phrase);
    struct dl_pdict *pd = r->pd;
    int first = dl_map_get(&pd->phrases, key, strlen(key));
    for (int h = first; h >= 0; h = pd->hits.v[h].next)
        if (pd->hits.v[h].kind == kind && pd->hits.v[h].index == index) return DL_OK;
    dl_phit *hit = DL_VEC_PUSH(&pd->hits);
    if (!hit) return DL_ERR_NOMEM;
    *hit = (dl_phit){.kind = (uint8_t)kind, .ntok = (uint8_t)ntok, .index = index, .next = first};
    if (dl_map_put(&pd->phrases, key, strlen(key), (int)(pd->hits.n - 1)) != 0) return DL_ERR_NOMEM;
    if (ntok > pd->max_phrase) pd->max_phrase = ntok;
    return DL_OK;
}

/* The regular plural of a phrase's last word: ties, activists, authorities. */
static void plural(const char *w, char *out, size_t cap) {
    size_t n = strlen(w);
    char last = n ? (char)toupper((unsigned char)w[n - 1]) : 0;
    char prev = n > 1 ? (char)toupper((unsigned char)w[n - 2]) : 0;
    if (last == 'Y' && prev && !strchr("AEIOU", prev))
        snprintf(out, cap, "%.*sIES", (int)(n - 1), w);
    else if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S')))
        snprintf(out, cap, "%sES", w);
    else
        snprintf(out, cap, "%sS", w);
}

/* ---- actors ------------------------------------------------------------- */

/* YYYYMMDD from "950601" or "19950601"; YY 00-30 is 20YY.  -1 if malformed. */
static int32_t parse_date(const char *s, size_t n) {
    if (n != 6 && n != 8) return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    if (n == 6) v += (v / 10000 <= 30 ? 20000000L : 19000000L);
    return (int32_t)v;
}

/* One "[CODE]", "[CODE <d]", "[CODE >d]" or "[CODE d1-d2]" group (without
 * the brackets) for the current actor. */
static dl_status add_code(reader *r, char *spec) {
    struct dl_pdict *pd = r->pd;
    char *s = spec;
    trim(&s);
    if (!*s) return fail(r, "empty actor code");
    size_t cl = strcspn(s, " \t<>");
    if (cl == 0) return fail(r, "actor code missing before '%s'", s);
    if (cl >= DL_PCODE_MAX) return fail(r, "actor code too long: '%.*s'", (int)cl, s);
    dl_pcode c = {0};
    for (size_t i = 0; i < cl; i++) c.code[i] = (char)toupper((unsigned char)s[i]);
    char *rest = s + cl;
    trim(&rest);
    if (*rest) {
        char digits[2][32] = {{0}};
        c.dated = 1;
        char op = 0;
        if (*rest == '<' || *rest == '>') op = *rest++;
        size_t nd = 0, k = 0;
        for (char *p = rest; *p && nd < 2; p++) {
            if (isdigit((unsigned char)*p)) {
                if (k < sizeof digits[0] - 1) digits[nd][k++] = *p;
            } else if (*p == '-' && k) {
                nd++; k = 0;
            } else if (*p != ' ' && *p != '\t') {
                return fail(r, "bad date restriction '%s'", rest);
            }
        }
        if (k) nd++;
        int32_t d1 = nd > 0 ? parse_date(digits[0], strlen(digits[0])) : -1;
        int32_t d2 = nd > 1 ? parse_date(digits[1], strlen(digits[1])) : 0;
        if (d1 < 0 || d2 < 0 || (op && nd != 1) || (!op && nd != 2)) {
            warn(r, "unusable date restriction skipped");
            return DL_OK;
        }
        if (op == '<') c.to = d1;
        else if (op == '>') c.from = d1;
        else { c.from = d1; c.to = d2; }
    }
    dl_pcode *slot = DL_VEC_PUSH(&pd->codes);
    if (!slot) return DL_ERR_NOMEM;
    *slot = c;
    pd->actors.v[r->actor].ncodes++;
    return DL_OK;
}

/* Reads every "[...]" group in s (after the phrase) as codes. */
static dl_status add_codes(reader *r, char *s) {
    while ((s = strchr(s, '['))) {
        char *close = strchr(s, ']');
        if (!close) return fail(r, "'[' without ']'");
        *close = '\0';
        dl_status st = add_code(r, s + 1);
        if (st != DL_OK) return st;
        s = close + 1;
    }
    return DL_OK;
}

/* Cuts "PHRASE [..." at the first '[' and trims the phrase. */
static char *phrase_of(char *s, char **rest) {
    char *b = strchr(s, '[');
    if (b) { *rest = b; } else { *rest = s + strlen(s); }
    char save = **rest;
    **rest = '\0';
    char *p = strdup(s);
    **rest = save;
    if (p) {
        char *t = p;
        trim(&t);
        memmove(p, t, strlen(t) + 1);
    }
    return p;
}

static dl_status actor_line(reader *r, char *s, int indented) {
    struct dl_pdict *pd = r->pd;
    if (indented && s[0] == '[') {
        if (r->actor < 0) return fail(r, "date line before any actor");
        return add_codes(r, s);
    }
    char *rest;
    if (s[0] == '+') {
        if (r->actor < 0) return fail(r, "synonym before any actor");
        char *p = phrase_of(s + 1, &rest);
        if (!p) return DL_ERR_NOMEM;
        dl_status st = *p ? add_hit(r, p, DL_PH_ACTOR, r->actor) : fail(r, "empty synonym");
        free(p);
        return st == DL_OK ? add_codes(r, rest) : st;
    }
    if (s[0] == '[') return fail(r, "code without a phrase");
    char *p = phrase_of(s, &rest);
    if (!p) return DL_ERR_NOMEM;
    dl_pactor *a = DL_VEC_PUSH(&pd->actors);
    if (!a) { free(p); return DL_ERR_NOMEM; }
    a->name = p;
    a->code0 = pd->codes.n;
    a->ncodes = 0;
    r->actor = (int)(pd->actors.n - 1);
    dl_status st = add_hit(r, p, DL_PH_ACTOR, r->actor);
    return st == DL_OK ? add_codes(r, rest) : st;
}

const char *dl_pdict_code_at(const struct dl_pdict *pd, int actor, int32_t date) {
    const dl_pactor *a = &pd->actors.v[actor];
    const char *fallback = NULL;
    for (size_t i = 0; i < a->ncodes; i++) {
        const dl_pcode *c = &pd->codes.v[a->code0 + i];
        if (!c->dated) { if (!fallback) fallback = c->code; continue; }
        if ((c->from == 0 || date >= c->from) && (c->to == 0 || date <= c->to)) return c->code;
    }
    return fallback;
}

/* ---- agents ------------------------------------------------------------- */

/* "!PERSON! = MAN, MEN, WOMAN" */
static dl_status subst_line(reader *r, char *s) {
    char *eq = strchr(s, '=');
    if (!eq) return fail(r, "substitution set without '='");
    *eq = '\0';
    char *name = s, *vals = eq + 1;
    trim(&name);
    trim(&vals);
    char **n = DL_VEC_PUSH(&r->subst_names);
    if (!n) return DL_ERR_NOMEM;
    *n = strdup(name);
    char **v = DL_VEC_PUSH(&r->subst_values);
    if (!v) return DL_ERR_NOMEM;
    *v = strdup(vals);
    return *n && *v ? DL_OK : DL_ERR_NOMEM;
}

static dl_status add_agent_phrase(reader *r, const char *phrase, int agent);

/* A value may hold a marker again ("!A! = X!A!") and markers multiply
 * ("!A!!A!!A!" with 26 values is 17,576 phrases), so expansion is bounded
 * in depth and in phrases per file.  Phoenix.agents.txt nests two deep
 * ("!MINIST! ... AD!MINIST!RATIVE") and makes about 3,000. */
#define SUBST_MAX_DEPTH 4
#define SUBST_MAX_PHRASES 20000

/* Expands the first !NAME! in phrase with each of its values. */
static dl_status expand_subst(reader *r, const char *phrase, int agent, int *expanded) {
    *expanded = 0;
    for (size_t i = 0; i < r->subst_names.n; i++) {
        const char *name = r->subst_names.v[i];
        const char *at = strstr(phrase, name);
        if (!at) continue;
        *expanded = 1;
        if (r->subst_depth >= SUBST_MAX_DEPTH) return fail(r, "substitution sets nested too deep in '%s'", phrase);
        char *vals = strdup(r->subst_values.v[i]), *save = NULL;
        if (!vals) return DL_ERR_NOMEM;
        dl_status st = DL_OK;
        r->subst_depth++;
        for (char *v = strtok_r(vals, ",", &save); v && st == DL_OK; v = strtok_r(NULL, ",", &save)) {
            if (++r->subst_made > SUBST_MAX_PHRASES) {
                st = fail(r, "substitution sets make more than %d phrases in this file", SUBST_MAX_PHRASES);
                break;
            }
            trim(&v);
            char buf[512];
            snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - phrase), phrase, v, at + strlen(name));
            st = add_agent_phrase(r, buf, agent);
        }
        r->subst_depth--;
        free(vals);
        return st;
    }
    return DL_OK;
}

static dl_status add_agent_phrase(reader *r, const char *phrase, int agent) {
    int expanded;
    dl_status st = expand_subst(r, phrase, agent, &expanded);
    if (st != DL_OK || expanded) return st;
    if (strchr(phrase, '!')) return fail(r, "unknown substitution set in '%s'", phrase);
    return add_hit(r, phrase, DL_PH_AGENT, agent);
}

/* "PHRASE {PLURALS} [~CODE]" */
static dl_status agent_line(reader *r, char *s) {
    if (s[0] == '!' && strchr(s, '=') && !strchr(s, '[')) return subst_line(r, s);
    char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    if (!open || !close) return fail(r, "agent without a [~CODE]");
    *close = '\0';
    char *code = open + 1;
    trim(&code);
    dl_pagent ag = {0};
    char *tilde = strchr(code, '~');
    if (!tilde) return fail(r, "agent code '%s' lacks '~'", code);
    ag.prefix = tilde[1] == '\0' || tilde[1] == ' ';
    char *letters = ag.prefix ? code : tilde + 1;
    size_t cl = ag.prefix ? (size_t)(tilde - code) : strcspn(letters, " \t");
    while (cl && (letters[cl - 1] == ' ')) cl--;
    if (cl == 0 || cl >= DL_PCODE_MAX) return fail(r, "bad agent code '%s'", code);
    for (size_t i = 0; i < cl; i++) ag.code[i] = (char)toupper((unsigned char)letters[i]);
    *open = '\0';
    char *brace = strchr(s, '{'), *plurals = NULL;
    if (brace) {
        char *bclose = strchr(brace, '}');
        if (!bclose) return fail(r, "'{' without '}'");
        *bclose = '\0';
        plurals = brace + 1;
        *brace = '\0';
    }
    char *phrase = s;
    trim(&phrase);
    if (!*phrase) return fail(r, "agent without a phrase");
    struct dl_pdict *pd = r->pd;
    dl_pagent *slot = DL_VEC_PUSH(&pd->agents);
    if (!slot) return DL_ERR_NOMEM;
    *slot = ag;
    int agent = (int)(pd->agents.n - 1);
    dl_status st = add_agent_phrase(r, phrase, agent);
    if (st != DL_OK) return st;
    if (plurals) {   /* explicit plurals; "{}" means none */
        char *save = NULL;
        for (char *w = strtok_r(plurals, " \t", &save); w && st == DL_OK; w = strtok_r(NULL, " \t", &save))
            st = add_agent_phrase(r, w, agent);
        return st;
    }
    char pl[600];
    plural(phrase, pl, sizeof pl);
    return add_agent_phrase(r, pl, agent);
}

/* ---- discards ----------------------------------------------------------- */

static dl_status discard_line(reader *r, char *s) {
    int story = s[0] == '+';
    if (story) s++;
    trim(&s);
    if (!*s) return fail(r, "empty discard phrase");
    return add_hit(r, s, story ? DL_PH_STORYDISCARD : DL_PH_DISCARD, 0);
}

/* ---- issues ------------------------------------------------------------- */

#define ISSUE_MAX_VARIANTS 64

/* The forms of one word of an issue phrase: "n:school" -> school, schools;
 * "v:block" -> block, blocks, blocked, blocking; "pre+n:school" -> the
 * parts joined by a space, a hyphen or nothing, times the forms of the
 * last part.  Returns how many, 0 on a bad prefix. */
static size_t word_forms(const char *w, char out[][128], size_t cap) {
    const char *plus = strchr(w, '+');
    char head[128] = "";
    if (plus) {
        snprintf(head, sizeof head, "%.*s", (int)(plus - w), w);
        w = plus + 1;
    }
    char base[DL_INFLECT_MAX][64];
    size_t nb;
    if (strncmp(w, "n:", 2) == 0) {
        snprintf(base[0], 64, "%s", w + 2);
        plural(w + 2, base[1], 64);
        nb = 2;
    } else if (strncmp(w, "v:", 2) == 0) {
        nb = dl_verb_inflect(w + 2, base);
    } else if (strchr(w, ':')) {
        return 0;
    } else {
        snprintf(base[0], 64, "%s", w);
        nb = 1;
    }
    static const char *const JOINS[] = {" ", "-", ""};
    size_t n = 0;
    for (size_t b = 0; b < nb; b++) {
        if (!plus) {
            if (n < cap) snprintf(out[n++], 128, "%.63s", base[b]);
            continue;
        }
        for (size_t j = 0; j < 3 && n < cap; j++) snprintf(out[n++], 128, "%.60s%s%.63s", head, JOINS[j], base[b]);
    }
    return n;
}

/* Every variant of the phrase's words, each indexed to issue (or ignore). */
static dl_status add_issue_phrase(reader *r, char *phrase, int issue) {
    char variants[ISSUE_MAX_VARIANTS][512];
    size_t nv = 1;
    variants[0][0] = '\0';
    char *save = NULL;
    for (char *w = strtok_r(phrase, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        char forms[12][128];
        size_t nf = word_forms(w, forms, 12);
        if (nf == 0) return fail(r, "unknown word prefix in '%s' (n: or v:)", w);
        char next[ISSUE_MAX_VARIANTS][512];
        size_t nn = 0;
        for (size_t v = 0; v < nv; v++)
            for (size_t f = 0; f < nf && nn < ISSUE_MAX_VARIANTS; f++)
                snprintf(next[nn++], 512, "%.380s%s%.127s", variants[v], variants[v][0] ? " " : "", forms[f]);
        memcpy(variants, next, nn * sizeof next[0]);
        nv = nn;
    }
    struct dl_pdict *pd = r->pd;
    for (size_t v = 0; v < nv; v++) {
        char key[512];
        size_t ntok = fold(variants[v], key, sizeof key);
        if (ntok == 0) return fail(r, "issue phrase has no words");
        if (dl_map_put(&pd->issue_phrases, key, strlen(key), issue) != 0) return DL_ERR_NOMEM;
        if (ntok > pd->max_issue_phrase) pd->max_issue_phrase = ntok;
    }
    return DL_OK;
}

/* <ISSUE CATEGORY="ENERGY" TYPE="ALL"> ... </ISSUE>: "phrase [CODE]" lines
 * and "~phrase" lines that name no issue where they match. */
static dl_status issue_line(reader *r, char *s) {
    if (strncmp(s, "<ISSUE", 6) == 0) {
        const char *c = strstr(s, "CATEGORY=\"");
        if (!c) return fail(r, "<ISSUE> without CATEGORY=\"...\"");
        c += 10;
        size_t n = strcspn(c, "\"");
        snprintf(r->category, sizeof r->category, "%.*s", (int)n, c);
        r->in_issue = 1;
        return DL_OK;
    }
    if (strncmp(s, "</ISSUE", 7) == 0) { r->in_issue = 0; return DL_OK; }
    if (!r->in_issue) return fail(r, "issue phrase outside an <ISSUE> block");
    if (s[0] == '~') {
        while (*s == '~') s++;
        trim(&s);
        return *s ? add_issue_phrase(r, s, DL_PISSUE_IGNORE) : fail(r, "empty ignore phrase");
    }
    char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    if (open && !close) return fail(r, "'[' without ']'");
    char *code = r->category;   /* a phrase without a code names its block's category */
    if (open) {
        *close = '\0';
        code = open + 1;
        trim(&code);
    } else {
        open = s + strlen(s);
    }
    if (!*code || strlen(code) >= 48 || strchr(code, ','))   /* stored comma-joined */
        return fail(r, "bad issue code '%s'", code);
    *open = '\0';
    trim(&s);
    if (!*s) return fail(r, "issue code without a phrase");
    dl_pissue *is = DL_VEC_PUSH(&r->pd->issues);
    if (!is) return DL_ERR_NOMEM;
    snprintf(is->code, sizeof is->code, "%s", code);
    snprintf(is->category, sizeof is->category, "%s", r->category);
    return add_issue_phrase(r, s, (int)(r->pd->issues.n - 1));
}

/* ---- verbs -------------------------------------------------------------- */

/* "[042:043]", "[:190]", "[064]", "[---]" -> active and passive codes. */
static dl_status parse_code(reader *r, const char *s, char active[8], char passive[8]) {
    const char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    if (!open || !close) return fail(r, "expected a [CODE]");
    char spec[64];
    size_t n = (size_t)(close - open - 1);
    if (n >= sizeof spec) return fail(r, "code too long");
    memcpy(spec, open + 1, n);
    spec[n] = '\0';
    char *colon = strchr(spec, ':'), *a = spec, *p = colon ? colon + 1 : NULL;
    if (colon) *colon = '\0';
    trim(&a);
    snprintf(active, 8, "%s", a);
    if (p) { trim(&p); snprintf(passive, 8, "%s", p); }
    else passive[0] = '\0';
    /* a loader that knows the codebook checks every code */
    const struct dl_pdict *pd = r->pd;
    const char *codes[2] = {active, passive};
    for (int i = 0; i < 2 && pd->code_known; i++)
        if (*codes[i] && strcmp(codes[i], "---") && strcmp(codes[i], "=") && !pd->code_known(codes[i], pd->code_ctx))
            return fail(r, "'%s' is not a CAMEO code", codes[i]);
    return DL_OK;
}

static int find_synset(const struct dl_pdict *pd, const char *name) {
    char key[128];
    size_t n = strlen(name);
    while (n && name[n - 1] == '_') n--;
    if (n == 0 || n >= sizeof key) return -1;
    for (size_t i = 0; i < n; i++) key[i] = (char)toupper((unsigned char)name[i]);
    return dl_map_get(&pd->synset_index, key, n);
}

static dl_status new_synset(reader *r, const char *label) {
    struct dl_pdict *pd = r->pd;
    char key[128];
    size_t n = strlen(label);
    int no_plural = n && label[n - 1] == '_';
    while (n && label[n - 1] == '_') n--;
    if (n == 0 || n >= sizeof key) return fail(r, "bad synset name '&%s'", label);
    for (size_t i = 0; i < n; i++) key[i] = (char)toupper((unsigned char)label[i]);
    int known = dl_map_get(&pd->synset_index, key, n);
    if (known >= 0 && !pd->synsets.v[known].placeholder)
        return fail(r, "synset '&%.*s' defined twice", (int)n, key);
    if (known >= 0) {   /* used before it was defined: now it is */
        pd->synsets.v[known].placeholder = 0;
        pd->synsets.v[known].no_plural = (uint8_t)no_plural;
        r->synset = known;
        return DL_OK;
    }
    dl_psynset *set = DL_VEC_PUSH(&pd->synsets);
    if (!set) return DL_ERR_NOMEM;
    memset(set, 0, sizeof *set);
    set->name = strndup(key, n);
    if (!set->name) return DL_ERR_NOMEM;
    if (dl_map_put(&pd->synset_index, key, n, (int)(pd->synsets.n - 1)) != 0) return DL_ERR_NOMEM;
    set->no_plural = (uint8_t)no_plural;
    r->synset = (int)(pd->synsets.n - 1);
    return DL_OK;
}

static dl_status add_member(reader *r, dl_psynset *set, const char *phrase) {
    char key[512];
    size_t ntok = fold(phrase, key, sizeof key);
    if (ntok == 0 || ntok > 255) return fail(r, "synset member has no words: '%s'", phrase);
    dl_pmember *m = DL_VEC_PUSH(&set->members);
    if (!m) return DL_ERR_NOMEM;
    m->key = strdup(key);
    m->ntok = (uint8_t)ntok;
    return m->key ? DL_OK : DL_ERR_NOMEM;
}

/* "+MEMBER" of the open synset; "+&OTHER" nests another set. */
static dl_status synset_member(reader *r, char *s) {
    dl_psynset *set = &r->pd->synsets.v[r->synset];
    s++;
    trim(&s);
    if (!*s) return fail(r, "empty synset member");
    if (s[0] == '&') {
        int other = find_synset(r->pd, s + 1);
        if (other < 0) return fail(r, "unknown synset '%s'", s);
        for (size_t k = 0; k < set->includes.n; k++)
            if (set->includes.v[k] == other) return DL_OK;
        int *inc = DL_VEC_PUSH(&set->includes);
        if (!inc) return DL_ERR_NOMEM;
        *inc = other;
        return DL_OK;
    }
    size_t n = strlen(s);
    int no_plural = s[n - 1] == '_' || set->no_plural;
    dl_status st = add_member(r, set, s);
    if (st != DL_OK || no_plural) return st;
    char pl[600];
    plural(s, pl, sizeof pl);
    return add_member(r, set, pl);
}

/* "--- NAME [code] ---" */
static dl_status block_header(reader *r, char *s) {
    struct dl_pdict *pd = r->pd;
    char active[8], passive[8];
    r->block = -1;   /* a header skipped leaves its verbs out, not in the block before */
    r->synset = -1;
    dl_status st = parse_code(r, s, active, passive);
    if (st != DL_OK) return st;
    dl_pblock *b = DL_VEC_PUSH(&pd->blocks);
    if (!b) return DL_ERR_NOMEM;
    memset(b, 0, sizeof *b);
    memcpy(b->active, active, sizeof active);
    memcpy(b->passive, passive, sizeof passive);
    b->pat0 = pd->patterns.n;
    const char *name = s + strspn(s, "- \t");
    size_t nl = strcspn(name, " \t[");
    for (size_t i = 0; i < nl && i < sizeof b->name - 1; i++) b->name[i] = (char)toupper((unsigned char)name[i]);
    b->rule = rule_name(r);
    r->block = (int)(pd->blocks.n - 1);
    return b->rule ? DL_OK : DL_ERR_NOMEM;
}

/* Adds one verb form: words joined by '_' or ' ', the inflected one marked
 * with '+' (else the first). */
static dl_status add_form(reader *r, const char *form, const dl_pverb *proto) {
    struct dl_pdict *pd = r->pd;
    char words[16][64];
    size_t nw = 0, head = 0;
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", form);
    char *save = NULL;
    for (char *w = strtok_r(tmp, "_ ", &save); w; w = strtok_r(NULL, "_ ", &save)) {
        if (nw == 16) return fail(r, "verb phrase too long: '%s'", form);
        if (*w == '+') { head = nw; w++; }
        if (!*w) continue;
        snprintf(words[nw++], 64, "%s", w);
    }
    if (nw == 0) return fail(r, "verb without words");
    char key[1024] = "";
    size_t klen = 0, ntok = 0, head_tok = 0;
    for (size_t i = 0; i < nw; i++) {
        char k[256];
        size_t nt = fold(words[i], k, sizeof k);
        if (nt == 0) return fail(r, "verb word '%s' has no letters", words[i]);
        if (i == head) head_tok = ntok;
        ntok += nt;
        klen += (size_t)snprintf(key + klen, sizeof key - klen, "%s%s", i ? " " : "", k);
        if (klen >= sizeof key) return fail(r, "verb phrase too long: '%s'", form);
    }
    if (ntok > 255) return fail(r, "verb phrase too long: '%s'", form);
    dl_pverb *v = DL_VEC_PUSH(&pd->verbs);
    if (!v) return DL_ERR_NOMEM;
    *v = *proto;
    v->ntok = (uint8_t)ntok;
    v->head = (uint8_t)head_tok;
    v->key = strdup(key);
    v->rule = rule_name(r);
    if (!v->key || !v->rule) return DL_ERR_NOMEM;
    size_t first_len = strcspn(key, " ");
    v->next = dl_map_get(&pd->verb_index, key, first_len);
    if (dl_map_put(&pd->verb_index, key, first_len, (int)(pd->verbs.n - 1)) != 0) return DL_ERR_NOMEM;
    return DL_OK;
}

/* "VERB {IRREGULAR FORMS} [code]": the verb, its regular inflections and
 * the listed forms. */
static dl_status verb_line(reader *r, char *s) {
    if (r->block < 0) return fail(r, "verb before any '--- VERB [code] ---' header");
    dl_pverb proto = {.block = r->block, .noun = (uint8_t)r->noun, .prio = r->pd->load_prio};
    char *bracket = strchr(s, '[');
    if (bracket) {
        dl_status st = parse_code(r, bracket, proto.active, proto.passive);
        if (st != DL_OK) return st;
        proto.has_code = 1;
        *bracket = '\0';
    }
    char *irregular = NULL, *brace = strchr(s, '{');
    if (brace) {
        char *close = strchr(brace, '}');
        if (!close) return fail(r, "'{' without '}'");
        *close = '\0';
        irregular = brace + 1;
        *brace = '\0';
    }
    trim(&s);
    if (s[0] == '+' && !strchr(s + 1, '+')) s++;   /* "+CALL_OFF": the first word inflects */
    if (!*s) return fail(r, "verb line without a verb");
    /* regular forms: inflect the marked (or first) word */
    char base[512];
    snprintf(base, sizeof base, "%s", s);
    char *mark = strchr(base, '+'), *hw = mark ? mark + 1 : base;
    size_t hl = strcspn(hw, "_ ");
    char headword[64];
    if (hl == 0 || hl >= sizeof headword) return fail(r, "bad verb '%s'", s);
    memcpy(headword, hw, hl);
    headword[hl] = '\0';
    for (char *c = headword; *c; c++) *c = (char)tolower((unsigned char)*c);
    char forms[DL_INFLECT_MAX][64];
    size_t nf;
    if (r->noun == 2) {   /* an adjective: the one form */
        snprintf(forms[0], sizeof forms[0], "%s", headword);
        nf = 1;
    } else if (r->noun) {   /* a noun trigger: singular and plural */
        snprintf(forms[0], sizeof forms[0], "%s", headword);
        plural(headword, forms[1], sizeof forms[1]);
        nf = strcmp(forms[0], forms[1]) ? 2 : 1;
    } else {
        nf = dl_verb_inflect(headword, forms);
    }
    for (size_t f = 0; f < nf; f++) {
        char form[600];
        snprintf(form, sizeof form, "%.*s+%s%s", (int)(hw - base - (mark ? 1 : 0)), base, forms[f], hw + hl);
        dl_status st = add_form(r, form, &proto);
        if (st != DL_OK) return st;
    }
    if (irregular) {
        char *save = NULL;
        for (char *w = strtok_r(irregular, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
            dl_status st = add_form(r, w[0] == '+' && !strchr(w + 1, '+') ? w + 1 : w, &proto);
            if (st != DL_OK) return st;
        }
    }
    return DL_OK;
}

static void free_elements(dl_pel *els, size_t n) {
    for (size_t e = 0; e < n; e++) free(els[e].word);
}

/* Reads one side of a pattern into els[] in text order, *n of them; on
 * failure *n still counts the elements whose words need freeing. */
static dl_status read_elements(reader *r, const char *text, dl_pel els[64], size_t *n, int *nlit) {
    /* a '_' joins neighbours; spaces, braces and parentheses separate them */
    size_t len = strlen(text);
    size_t i = 0;
    int pending_join = 0;
    *n = 0;
    while (i < len) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '{' || c == '}' || c == '(' || c == ')') { i++; pending_join = 0; continue; }
        if (c == '_') { i++; pending_join = 1; continue; }
        if (*n == 64) return fail(r, "pattern too long");
        dl_pel *e = &els[*n];
        memset(e, 0, sizeof *e);
        e->joined = (uint8_t)pending_join;   /* joined to the previous element */
        pending_join = 0;
        if (c == '$' || c == '+' || c == '%' || c == '^') {
            e->kind = c == '$' ? DL_PE_SOURCE : c == '+' ? DL_PE_TARGET : c == '%' ? DL_PE_COMPOUND : DL_PE_SKIP;
            i++;
        } else if (c == '&') {
            size_t k = i + 1;
            while (k < len && (isalnum((unsigned char)text[k]) || text[k] == '-')) k++;
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(k - i - 1), text + i + 1);
            e->kind = DL_PE_SET;
            e->set = find_synset(r->pd, name);
            if (e->set < 0) {   /* defined further down, or never: then it matches nothing */
                dl_status st = new_synset(r, name);
                if (st != DL_OK) return st;
                e->set = r->synset;
                r->pd->synsets.v[e->set].placeholder = 1;
                r->synset = -1;
            }
            (*nlit)++;
            i = k;
        } else {
            size_t k = i;
            while (k < len && !strchr(" \t{}()_", text[k])) k++;
            char word[128], key[256];
            snprintf(word, sizeof word, "%.*s", (int)(k - i), text + i);
            size_t nt = fold(word, key, sizeof key);
            if (nt == 0) { i = k; continue; }
            /* a word the tokenizer splits ("N'T" stays one; "ANTI-" splits) becomes several */
            char *save = NULL;
            int first = 1;
            uint8_t joined = e->joined;
            for (char *w = strtok_r(key, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                if (*n == 64) return fail(r, "pattern too long");
                dl_pel *x = &els[*n];
                memset(x, 0, sizeof *x);
                x->kind = DL_PE_WORD;
                x->joined = first ? joined : 1;
                x->word = strdup(w);
                if (!x->word) return DL_ERR_NOMEM;
                (*nlit)++;
                (*n)++;
                first = 0;
            }
            i = k;
            continue;
        }
        (*n)++;
    }
    return DL_OK;
}

/* Parses one side of a pattern into elements; before says the side is
 * before the verb, so its elements are stored nearest-first. */
static dl_status pattern_side(reader *r, char *text, dl_pel **out, size_t *nout, int before, int *nlit) {
    dl_pel els[64];
    size_t n = 0;
    dl_status st = read_elements(r, text, els, &n, nlit);
    if (st != DL_OK) { free_elements(els, n); return st; }
    /* store with 'joined' meaning "next to the element nearer the verb" */
    dl_pel *v = n ? calloc(n, sizeof *v) : NULL;
    if (n && !v) { free_elements(els, n); return DL_ERR_NOMEM; }
    if (before) {
        /* els[j].joined means joined to els[j-1]; the verb follows els[n-1] */
        for (size_t j = 0; j < n; j++) {
            v[j] = els[n - 1 - j];
            v[j].joined = 0;
        }
        for (size_t j = 0; j < n; j++) {
            size_t orig = n - 1 - j;   /* v[j] == els[orig] */
            /* joined to the element nearer the verb: els[orig+1] joined back to it */
            v[j].joined = orig + 1 < n ? els[orig + 1].joined : 0;
        }
    } else if (n) {   /* v is NULL when the side is empty */
        memcpy(v, els, n * sizeof *v);
    }
    *out = v;
    *nout = n;
    return DL_OK;
}

static void free_pattern(dl_ppattern *p) {
    free_elements(p->pre, p->npre);
    free_elements(p->post, p->npost);
    free(p->pre);
    free(p->post);
    free(p->rule);
}

/* "- PRE * POST [code]" */
static dl_status pattern_line(reader *r, char *s) {
    struct dl_pdict *pd = r->pd;
    if (r->block < 0) return fail(r, "pattern before any verb block");
    char *bracket = strchr(s, '[');
    if (!bracket) return fail(r, "pattern without a [CODE]");
    dl_ppattern p = {0};
    dl_status st = parse_code(r, bracket, p.active, p.passive);
    if (st != DL_OK) return st;
    *bracket = '\0';
    char *body = s + 1, *star = strchr(body, '*');
    if (!star) return fail(r, "pattern without '*' for the verb");
    int join_pre = star > body && star[-1] == '_';
    int join_post = star[1] == '_';
    *star = '\0';
    char *pre = body, *post = star + 1;
    if (join_pre) pre[strlen(pre) - 1] = ' ';
    if (join_post) *post = ' ';
    if ((st = pattern_side(r, pre, &p.pre, &p.npre, 1, &p.nlit)) != DL_OK) return st;
    p.npre_lit = p.nlit;
    if ((st = pattern_side(r, post, &p.post, &p.npost, 0, &p.nlit)) != DL_OK) { free_pattern(&p); return st; }
    if (p.npre) p.pre[0].joined = (uint8_t)join_pre;
    if (p.npost) p.post[0].joined = (uint8_t)join_post;
    p.rule = rule_name(r);
    dl_ppattern *slot = DL_VEC_PUSH(&pd->patterns);
    if (!slot || !p.rule) { free_pattern(&p); return DL_ERR_NOMEM; }
    *slot = p;
    pd->blocks.v[r->block].npat++;
    return DL_OK;
}

/* One variable of a transformation: a letter, '.' or '_'. */
static int transform_var(const char *w) {
    return w && strlen(w) == 1 && (isalpha((unsigned char)w[0]) || w[0] == '.' || w[0] == '_') ? w[0] : 0;
}

/* "~ a (b . ATTACK) SAY = a b 112" */
static dl_status transform_line(reader *r, char *s) {
    char *w[10];
    size_t n = 0;
    for (char *p = s; *p && n < 10;) {
        while (*p == ' ' || *p == '\t' || *p == '(' || *p == ')') *p++ = '\0';
        if (!*p) break;
        w[n++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '(' && *p != ')') p++;
    }
    /* a in_src in_tgt IN_VERB OUT_VERB = res_src res_tgt CODE */
    if (n != 9 || strcmp(w[5], "=") != 0) return fail(r, "transformation is not '~ a (a b VERB) VERB = a b CODE'");
    dl_ptransform t = {.outer_src = (char)transform_var(w[0]), .in_src = (char)transform_var(w[1]),
                       .in_tgt = (char)transform_var(w[2]), .res_src = (char)transform_var(w[6]),
                       .res_tgt = (char)transform_var(w[7])};
    if (!t.outer_src || !t.in_src || !t.in_tgt || !t.res_src || !t.res_tgt)
        return fail(r, "transformation variables must be letters, '.' or '_'");
    if (strlen(w[3]) >= sizeof t.in_verb || strlen(w[4]) >= sizeof t.out_verb || strlen(w[8]) >= sizeof t.code)
        return fail(r, "transformation verb or code too long");
    for (size_t i = 0; w[3][i]; i++) t.in_verb[i] = (char)toupper((unsigned char)w[3][i]);
    for (size_t i = 0; w[4][i]; i++) t.out_verb[i] = (char)toupper((unsigned char)w[4][i]);
    snprintf(t.code, sizeof t.code, "%s", w[8]);
    t.rule = rule_name(r);
    dl_ptransform *slot = DL_VEC_PUSH(&r->pd->transforms);
    if (!slot || !t.rule) { free(t.rule); return DL_ERR_NOMEM; }
    *slot = t;
    return DL_OK;
}

static dl_status verbs_line(reader *r, char *s) {
    if (s[0] == '~') return transform_line(r, s + 1);
    if (strncmp(s, "---", 3) == 0) return block_header(r, s);
    if (s[0] == '&') return new_synset(r, s + 1);
    if (s[0] == '-') {
        r->synset = -1;   /* a pattern after a synset goes on with the block */
        return pattern_line(r, s);
    }
    if (s[0] == '+' && r->synset >= 0) return synset_member(r, s);
    if (r->synset >= 0) r->synset = -1;   /* a bare verb line after a synset re-opens the block */
    return verb_line(r, s);
}

/* ---- dateline's lexicon format ------------------------------------------ */

/* A lexicon file (data/cameo/README.md) says in TAB-separated columns what
 * a verb dictionary says in its line syntax:
 *     kind  class  code  text  flags  origin
 * Each line is turned into the verb-dictionary line it stands for and read
 * by the same code, so the two formats cannot drift apart. */

/* The block named name, opened when it is not the current one; a class
 * whose lines come back after another class's is an error (its patterns
 * must be contiguous). */
static dl_status open_class(reader *r, const char *name, const char *code, const char *flags) {
    struct dl_pdict *pd = r->pd;
    if (!*name) return fail(r, "a lexicon line without a class");
    if (r->block >= 0 && strcasecmp(pd->blocks.v[r->block].name, name) == 0) {
        if (code && *code) return fail(r, "class '%s' is opened twice", name);
        return DL_OK;
    }
    for (size_t b = r->first_block; b < pd->blocks.n; b++)   /* class names are the file's own */
        if (strcasecmp(pd->blocks.v[b].name, name) == 0)
            return fail(r, "the lines of class '%s' must be together", name);
    char line[160];
    snprintf(line, sizeof line, "--- %.31s [%.15s] ---", name, code && *code ? code : "---");
    dl_status st = block_header(r, line);
    if (st == DL_OK && flags && strstr(flags, "target")) pd->blocks.v[r->block].need_target = 1;
    return st;
}

/* "bring out {brings out;brought out}" -> "bring_out {brings_out brought_out}" */
static void verb_syntax(const char *text, const char *code, char *out, size_t cap) {
    size_t n = 0;
    int in_forms = 0;
    for (const char *p = text; *p && n + 2 < cap; p++) {
        if (*p == '{') in_forms = 1;
        if (*p == '}') in_forms = 0;
        if (*p == ' ' && p[1] && p[1] != '{' && !(p > text && p[-1] == '}')) out[n++] = '_';
        else if (*p == ';' && in_forms) out[n++] = ' ';
        else out[n++] = *p;
    }
    out[n] = '\0';
    if (*code && n + strlen(code) + 4 < cap) snprintf(out + n, cap - n, " [%s]", code);
}

static dl_status lexicon_discard(reader *r, const char *cls, char *text, const char *flags);

static dl_status lexicon_line(reader *r, char *s) {
    char *f[6] = {"", "", "", "", "", ""};
    size_t nf = 0;
    for (char *p = s; nf < 6; nf++) {
        f[nf] = p;
        char *tab = strchr(p, '\t');
        if (!tab) { nf++; break; }
        *tab = '\0';
        p = tab + 1;
    }
    for (size_t i = 0; i < 6; i++) trim(&f[i]);
    const char *kind = f[0], *cls = f[1], *code = f[2], *flags = f[4];
    char *text = f[3];
    r->origin = f[5];
    char line[1200];
    dl_status st;
    if (strcmp(kind, "set") == 0) {
        int set = find_synset(r->pd, cls);
        if (set < 0 || r->pd->synsets.v[set].placeholder) {
            if ((st = new_synset(r, cls)) != DL_OK) return st;
        } else {
            r->synset = set;
        }
        snprintf(line, sizeof line, "+%s", text);
        return synset_member(r, line);
    }
    r->synset = -1;
    if (strcmp(kind, "class") == 0) return open_class(r, cls, code, flags);
    if (strcmp(kind, "discard") == 0) return lexicon_discard(r, cls, text, flags);
    if (strcmp(kind, "transform") == 0) {
        snprintf(line, sizeof line, "%s", text);
        return transform_line(r, line);
    }
    if ((st = open_class(r, cls, NULL, NULL)) != DL_OK) return st;
    if (strcmp(kind, "verb") == 0 || strcmp(kind, "noun") == 0 || strcmp(kind, "adj") == 0) {
        verb_syntax(text, code, line, sizeof line);
        r->noun = kind[0] == 'n' ? 1 : kind[0] == 'a' ? 2 : 0;
        st = verb_line(r, line);
        r->noun = 0;
        return st;
    }
    if (strcmp(kind, "pattern") == 0) {
        if (!*code) return fail(r, "a pattern without a code");
        snprintf(line, sizeof line, "- %s [%s]", text, code);
        if ((st = pattern_line(r, line)) != DL_OK) return st;
        dl_ppattern *p = &r->pd->patterns.v[r->pd->patterns.n - 1];
        if (strstr(flags, "implicit")) p->flags |= DL_PPAT_IMPLICIT;
        if (strstr(flags, "between")) p->flags |= DL_PPAT_BETWEEN;
        return DL_OK;
    }
    return fail(r, "unknown lexicon line kind '%s'", kind);
}

/* "discard  [CLASS]  -  PHRASE  [story]": a sentence discard, a story
 * discard, or, with a class, a discard of that class's triggers. */
static dl_status lexicon_discard(reader *r, const char *cls, char *text, const char *flags) {
    if (!*text) return fail(r, "empty discard phrase");
    if (!*cls) return add_hit(r, text, strstr(flags, "story") ? DL_PH_STORYDISCARD : DL_PH_DISCARD, 0);
    int score = strcmp(text, "%score") == 0;
    char key[512];
    size_t ntok = score ? 0 : fold(text, key, sizeof key);
    if (!score && (ntok == 0 || ntok > 255)) return fail(r, "bad discard phrase '%s'", text);
    dl_pclass_discard *d = DL_VEC_PUSH(&r->pd->class_discards);
    if (!d) return DL_ERR_NOMEM;
    snprintf(d->cls, sizeof d->cls, "%s", cls);
    for (char *c = d->cls; *c; c++) *c = (char)toupper((unsigned char)*c);
    d->ntok = (uint8_t)ntok;
    if (score) return DL_OK;
    d->key = strdup(key);
    return d->key ? DL_OK : DL_ERR_NOMEM;
}

/* ---- files -------------------------------------------------------------- */

dl_status dl_pdict_parse(struct dl_pdict *pd, dl_pfile_kind kind, const char *name,
                         const char *text, size_t len, char *err, size_t errlen) {
    reader r = {.pd = pd, .name = name, .p = text, .end = text + len, .err = err,
                .errlen = errlen, .block = -1, .synset = -1, .actor = -1,
                .first_block = pd->blocks.n};
    dl_status st = DL_OK;
    int indented;
    char *s;
    /* patterns and verbs of a block must follow its header in this file */
    while (st == DL_OK && (s = next_line(&r, &indented))) {
        switch (kind) {
        case DL_PF_VERBS: st = verbs_line(&r, s); break;
        case DL_PF_LEXICON: st = lexicon_line(&r, s); break;
        case DL_PF_ACTORS: st = actor_line(&r, s, indented); break;
        case DL_PF_AGENTS: st = agent_line(&r, s); break;
        case DL_PF_DISCARDS: st = discard_line(&r, s); break;
        case DL_PF_ISSUES: st = issue_line(&r, s); break;
        default: st = fail(&r, "unknown dictionary kind"); break;
        }
        if (st == DL_ERR_DATA && !pd->strict) {   /* skip the line, say so */
            char msg[600];
            snprintf(msg, sizeof msg, "%s (line skipped)", err);
            add_warning(pd, msg);
            st = DL_OK;
        }
    }
    for (size_t i = 0; i < r.subst_names.n; i++) free(r.subst_names.v[i]);
    for (size_t i = 0; i < r.subst_values.n; i++) free(r.subst_values.v[i]);
    DL_VEC_FREE(&r.subst_names);
    DL_VEC_FREE(&r.subst_values);
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", name);
    if (st == DL_OK) pd->n_files++;
    return st;
}

static dl_pfile_kind kind_of(const char *path) {
    const char *base = base_name(path);
    char low[256];
    size_t n = 0;
    for (; base[n] && n < sizeof low - 1; n++) low[n] = (char)tolower((unsigned char)base[n]);
    low[n] = '\0';
    if (n > 4 && strcmp(low + n - 4, ".tsv") == 0) return DL_PF_LEXICON;
    if (strstr(low, "issue")) return DL_PF_ISSUES;
    if (strstr(low, "verbs") || strncmp(low, "cameo", 5) == 0) return DL_PF_VERBS;
    if (strstr(low, "actors")) return DL_PF_ACTORS;
    if (strstr(low, "agents")) return DL_PF_AGENTS;
    if (strstr(low, "discards")) return DL_PF_DISCARDS;
    return DL_PF_NONE;
}

/* A dictionary is a regular file (a FIFO or a device would block or never
 * end: opened without blocking and refused) of at most DL_PDICT_MAX_FILE
 * bytes. */
static dl_status load_file(struct dl_pdict *pd, const char *path, dl_pfile_kind kind, char *err,
                           size_t errlen) {
    const char *why;
    FILE *fp = dl_file_fopen_regular(path, &why);
    if (!fp) { snprintf(err, errlen, "%s: cannot open: %s", path, why); return DL_ERR_IO; }
    dl_strbuf text;
    dl_strbuf_init(&text);
    int bad = dl_strbuf_add_file(&text, fp, DL_PDICT_MAX_FILE);
    fclose(fp);
    dl_status st;
    if (bad && text.oom) st = DL_ERR_NOMEM;
    else if (bad) { snprintf(err, errlen, "%s: read error", path); st = DL_ERR_IO; }
    else if (text.len > DL_PDICT_MAX_FILE) {
        snprintf(err, errlen, "%s: larger than %d MiB: not a dictionary", path, DL_PDICT_MAX_FILE >> 20);
        st = DL_ERR_DATA;
    }
    else st = dl_pdict_parse(pd, kind, path, text.s ? text.s : "", text.len, err, errlen);
    dl_strbuf_release(&text);
    return st;
}

dl_status dl_pdict_load_file(struct dl_pdict *pd, const char *path, char *err, size_t errlen) {
    dl_pfile_kind kind = kind_of(path);
    if (kind == DL_PF_NONE) {
        snprintf(err, errlen, "%s: not a lexicon, verbs, actors, agents, discards or issues dictionary (by its name)", path);
        return DL_ERR_USAGE;
    }
    return load_file(pd, path, kind, err, errlen);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static dl_status load_dir(struct dl_pdict *pd, const char *dir, char *err, size_t errlen) {
    DIR *d = opendir(dir);
    if (!d) { snprintf(err, errlen, "%s: cannot open directory", dir); return DL_ERR_IO; }
    DL_VEC(char *) names = {0};
    dl_status st = DL_OK;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 4 || (strcmp(e->d_name + n - 4, ".txt") != 0 && strcmp(e->d_name + n - 4, ".tsv") != 0) ||
            kind_of(e->d_name) == DL_PF_NONE)
            continue;
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;   /* FIFOs, devices, directories */
        char **slot = DL_VEC_PUSH(&names);
        if (!slot || !(*slot = strdup(e->d_name))) { st = DL_ERR_NOMEM; break; }
    }
    closedir(d);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, by_name);
    /* verbs need their synsets; agents and actors are independent */
    for (size_t i = 0; i < names.n && st == DL_OK; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
        st = load_file(pd, path, kind_of(names.v[i]), err, errlen);
    }
    for (size_t i = 0; i < names.n; i++) free(names.v[i]);
    DL_VEC_FREE(&names);
    return st;
}

/* Nesting copies members, and many sets including one large set multiply
 * it (4,000 sets of a 3,000-word set made 13M copies from 64 KB of text),
 * so the copies stop here with a warning.  The shipped CAMEO verbs make
 * a few dozen. */
#define MAX_NESTED_COPIES 100000

/* Copies into set i the members of set j it lacks; seen holds set i's keys
 * (a map: a large set nested in another made a list scan quadratic). */
static dl_status copy_members(struct dl_pdict *pd, size_t i, size_t j, dl_map *seen, size_t *copies) {
    for (size_t m = 0; m < pd->synsets.v[j].members.n; m++) {
        const dl_pmember *src = &pd->synsets.v[j].members.v[m];
        size_t kl = strlen(src->key);
        if (dl_map_get(seen, src->key, kl) >= 0) continue;
        if (*copies >= MAX_NESTED_COPIES) return DL_OK;
        dl_pmember *dst = DL_VEC_PUSH(&pd->synsets.v[i].members);
        if (!dst) return DL_ERR_NOMEM;
        dst->ntok = src->ntok;
        dst->key = strdup(src->key);
        if (!dst->key || dl_map_put(seen, src->key, kl, 1) != 0) return DL_ERR_NOMEM;
        (*copies)++;
    }
    return DL_OK;
}

/* One level of nesting for set i: the members of the sets it includes. */
static dl_status include_sets(struct dl_pdict *pd, size_t i, size_t *copies) {
    const dl_psynset *set = &pd->synsets.v[i];
    if (set->includes.n == 0) return DL_OK;
    dl_map seen = {0};
    dl_status st = DL_OK;
    for (size_t m = 0; m < set->members.n && st == DL_OK; m++)
        if (dl_map_put(&seen, set->members.v[m].key, strlen(set->members.v[m].key), 1) != 0) st = DL_ERR_NOMEM;
    for (size_t k = 0; k < set->includes.n && st == DL_OK; k++) {
        int j = set->includes.v[k];
        if (j >= 0 && (size_t)j != i) st = copy_members(pd, i, (size_t)j, &seen, copies);
    }
    dl_map_release(&seen);
    return st;
}

/* Each synset's members by key, so a pattern finds the member at a token
 * with a lookup per length rather than a walk over every member. */
static dl_status index_synsets(struct dl_pdict *pd) {
    for (size_t i = 0; i < pd->synsets.n; i++) {
        dl_psynset *set = &pd->synsets.v[i];
        dl_map_release(&set->index);
        dl_map_init(&set->index);
        set->max_ntok = 0;
        for (size_t m = 0; m < set->members.n; m++) {
            const dl_pmember *mb = &set->members.v[m];
            if (dl_map_get(&set->index, mb->key, strlen(mb->key)) < 0 &&
                dl_map_put(&set->index, mb->key, strlen(mb->key), (int)m) != 0)
                return DL_ERR_NOMEM;
            if (mb->ntok > set->max_ntok) set->max_ntok = mb->ntok;
        }
    }
    return DL_OK;
}

/* A literal word of the pattern: a sentence without it cannot match. */
static void pick_needed_word(dl_ppattern *p) {
    p->needs = NULL;
    for (size_t k = 0; k < p->npost && !p->needs; k++)
        if (p->post[k].kind == DL_PE_WORD) p->needs = p->post[k].word;
    for (size_t k = 0; k < p->npre && !p->needs; k++)
        if (p->pre[k].kind == DL_PE_WORD) p->needs = p->pre[k].word;
}

/* Copies the members of nested synsets into the sets that include them
 * (one level at a time, until nothing changes; cycles stop at a bound).
 * A synset used but never defined is a warning: it matches nothing. */
dl_status dl_pdict_finish(struct dl_pdict *pd, char *err, size_t errlen) {
    (void)err; (void)errlen;
    for (size_t i = 0; i < pd->synsets.n; i++)
        if (pd->synsets.v[i].placeholder) {
            char msg[256];
            snprintf(msg, sizeof msg, "synset '&%s' is used but never defined: it matches nothing",
                     pd->synsets.v[i].name);
            add_warning(pd, msg);
        }
    size_t copies = 0;
    dl_status st = DL_OK;
    for (int round = 0; round < 8; round++) {
        size_t before = copies;
        for (size_t i = 0; i < pd->synsets.n; i++)
            if ((st = include_sets(pd, i, &copies)) != DL_OK) return st;
        if (copies == before || copies >= MAX_NESTED_COPIES) break;
    }
    if ((st = index_synsets(pd)) != DL_OK) return st;
    for (size_t i = 0; i < pd->patterns.n; i++) pick_needed_word(&pd->patterns.v[i]);
    if (copies >= MAX_NESTED_COPIES) {
        char msg[128];
        snprintf(msg, sizeof msg, "nested synsets copy more than %d members: the rest are left out",
                 MAX_NESTED_COPIES);
        add_warning(pd, msg);
    }
    return DL_OK;
}

struct dl_pdict *dl_pdict_new(void) {
    struct dl_pdict *pd = calloc(1, sizeof *pd);
    return pd;
}

dl_status dl_pdict_load(const char *const *paths, struct dl_pdict **out, char *err, size_t errlen) {
    *out = NULL;
    struct dl_pdict *pd = dl_pdict_new();
    if (!pd) return DL_ERR_NOMEM;
    dl_status st = DL_OK;
    for (size_t i = 0; paths && paths[i] && st == DL_OK; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0) { snprintf(err, errlen, "%s: no such file or directory", paths[i]); st = DL_ERR_IO; }
        else if (S_ISDIR(sb.st_mode)) st = load_dir(pd, paths[i], err, errlen);
        else if (kind_of(paths[i]) == DL_PF_NONE) {
            snprintf(err, errlen, "%s: not a verbs, actors, agents, discards or issues dictionary (by its name)", paths[i]);
            st = DL_ERR_USAGE;
        } else st = load_file(pd, paths[i], kind_of(paths[i]), err, errlen);
    }
    if (st == DL_OK) st = dl_pdict_finish(pd, err, errlen);
    if (st == DL_OK && pd->n_warnings > DL_PDICT_MAX_WARNINGS) {
        char more[96];
        snprintf(more, sizeof more, "... and %zu more", pd->n_warnings - DL_PDICT_MAX_WARNINGS);
        append_warning_line(pd, more);
    }
    if (st != DL_OK) { dl_pdict_free(pd); return st; }
    *out = pd;
    return DL_OK;
}

void dl_pdict_free(struct dl_pdict *pd) {
    if (!pd) return;
    free(pd->warnings);
    for (size_t i = 0; i < pd->actors.n; i++) free(pd->actors.v[i].name);
    for (size_t i = 0; i < pd->synsets.n; i++) {
        dl_psynset *s = &pd->synsets.v[i];
        for (size_t m = 0; m < s->members.n; m++) free(s->members.v[m].key);
        DL_VEC_FREE(&s->members);
        DL_VEC_FREE(&s->includes);
        dl_map_release(&s->index);
        free(s->name);
    }
    for (size_t i = 0; i < pd->patterns.n; i++) free_pattern(&pd->patterns.v[i]);
    for (size_t i = 0; i < pd->blocks.n; i++) free(pd->blocks.v[i].rule);
    for (size_t i = 0; i < pd->transforms.n; i++) free(pd->transforms.v[i].rule);
    DL_VEC_FREE(&pd->transforms);
    for (size_t i = 0; i < pd->class_discards.n; i++) free(pd->class_discards.v[i].key);
    DL_VEC_FREE(&pd->class_discards);
    for (size_t i = 0; i < pd->verbs.n; i++) { free(pd->verbs.v[i].key); free(pd->verbs.v[i].rule); }
    DL_VEC_FREE(&pd->actors);
    DL_VEC_FREE(&pd->codes);
    DL_VEC_FREE(&pd->agents);
    DL_VEC_FREE(&pd->hits);
    DL_VEC_FREE(&pd->synsets);
    DL_VEC_FREE(&pd->blocks);
    DL_VEC_FREE(&pd->patterns);
    DL_VEC_FREE(&pd->verbs);
    dl_map_release(&pd->phrases);
    dl_map_release(&pd->issue_phrases);
    DL_VEC_FREE(&pd->issues);
    dl_map_release(&pd->synset_index);
    dl_map_release(&pd->verb_index);
    free(pd);
}
