/*
 * tag/lemma.c -- lemmas and morphological features (UD LEMMA and FEATS)
 * from the word and its tagger class, learned from UD English EWT.
 *
 * A lemma is the word rewritten by a rule: as written, lower-cased or
 * capitalised ("SOUTER" -> "Souter"), some bytes cut from the end, a string
 * appended ("running" -> cut 4, add "" -> "run"; "was" -> cut 3, add "be").
 * The model is a table from keys to (rule, FEATS) pairs: the word as
 * written with its class, the word lower-cased with its class, then (for
 * unseen words) its last 7..1 characters with the class and the word's
 * case pattern, learned from word types so that they behave like the rare
 * words an unseen word resembles (the suffix back-off of Chrupała's
 * edit-tree lemmatisers, without the classifier), and last the class and
 * case pattern alone.  Digit groups lose their commas ("3,500,000" ->
 * "3500000"), as EWT writes the lemmas of numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "learn/hash.h"
#include "learn/model.h"
#include "learn/train_util.h"
#include "learn/u64map.h"
#include "tag/tag.h"

#define MAXSUF 7        /* longest suffix key, in characters */
#define SUF_MIN_TYPES 2 /* word types behind a suffix entry */
#define MAXLEM 256      /* longest lemma written; longer words keep their form */

enum { K_RAW = 1, K_LOWER, K_SUFFIX, K_TAG = K_SUFFIX + MAXSUF + 1 };

typedef struct {
    uint32_t fp;     /* high 32 bits of the key, | 1; 0 = empty */
    uint16_t rule;
    uint16_t feats;
} lex_slot;

enum { R_ASIS = 0, R_LOWER = 1, R_TITLE = 2 };

typedef struct {
    uint8_t lower;   /* R_*: the word as written, lower-cased, or capitalised first */
    uint8_t cut;     /* bytes cut from the end */
    const char *add; /* appended; into the model */
    uint32_t addlen;
} lem_rule;

struct dl_lemmatizer {
    dl_model *model;
    lem_rule *rules;
    size_t nrules;
    const char **feats;  /* FEATS strings, "" for none; into the model */
    size_t nfeats;
    const lex_slot *lex;
    uint32_t mask;
    const uint32_t *known;   /* fingerprints of known (lemma, word class) pairs, or NULL */
    uint32_t known_mask;
    const uint64_t *class_map;  /* (tag atom, word class) pairs */
    size_t nclass_map;
    const char *perfect, *imperative;  /* FEATS the parse decides; NULL when unseen */
    const char *finite[2][2][3];  /* [Pres, Past][Sing, Plur][Person 1..3]: Mood=Ind ... VerbForm=Fin */
};

/* ---- keys and rules -------------------------------------------------------- */

static uint64_t key_of(int kind, const char *s, size_t len, uint64_t tag) {
    return dl_hash_mix(dl_hash_mix(dl_hash_bytes(s, len), tag), (uint64_t)kind * 0x51ed27);
}

/* s lower-cased into buf (cap bytes); returns its length. */
static size_t lower_into(const char *s, size_t len, char *buf, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 128) {
            if (n + 1 >= cap) break;
            buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        size_t i0 = i;
        int32_t cp = utf8proc_tolower(dl_utf8_next(s, len, &i));
        unsigned char tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
        if (k <= 0 || n + (size_t)k >= cap) break;
        if ((size_t)k == i - i0) memcpy(buf + n, tmp, (size_t)k);
        else memcpy(buf + n, s + i0, (size_t)(k = (utf8proc_ssize_t)(i - i0)));  /* keep byte lengths */
        n += (size_t)k;
    }
    return n;
}

/* s capitalised (first character upper case, the rest lower) into buf. */
static size_t title_into(const char *s, size_t len, char *buf, size_t cap) {
    size_t n = lower_into(s, len, buf, cap);
    if (n && (unsigned char)buf[0] < 128 && buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 32);
    else if (n) {
        size_t i = 0;
        int32_t cp = dl_utf8_next(buf, n, &i);
        unsigned char tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), tmp);
        if (k > 0 && (size_t)k == i) memcpy(buf, tmp, i);
    }
    return n;
}

/* The case pattern of a word: 0 no upper case, 1 capitalised, 2 all
 * upper case (two letters or more), 3 mixed. */
static uint64_t case_of(const char *s, size_t len) {
    int up = 0, low = 0, first = -1;
    for (size_t i = 0; i < len;) {
        int32_t cp = (unsigned char)s[i] < 128 ? s[i++] : dl_utf8_next(s, len, &i);
        int u = cp < 128 ? cp >= 'A' && cp <= 'Z' : dl_cp_is_upper(cp);
        int l = cp < 128 ? cp >= 'a' && cp <= 'z' : !u && dl_cp_is_alpha(cp);
        if (first < 0 && (u || l)) first = u;
        up += u;
        low += l;
    }
    if (!up) return 0;
    if (!low) return up > 1 ? 2 : 1;
    return first == 1 && up == 1 ? 1 : 3;
}

/* A number written in groups of three digits with commas ("3,500,000"). */
static int digit_groups(const char *s, size_t len) {
    size_t i = 0, run = 0, groups = 0;
    for (; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') { run++; continue; }
        if (s[i] != ',' || !run || (groups ? run != 3 : run > 3)) return 0;
        groups++;
        run = 0;
    }
    return groups && run == 3;
}

/* Byte offset where the last k characters of s begin (0 when s is shorter). */
static size_t suffix_start(const char *s, size_t len, int k) {
    size_t i = len;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        k--;
    }
    return k ? (size_t)-1 : i;
}

/* Applies rule r to the word; writes the lemma into buf (NUL-terminated)
 * and returns its length, or returns the form unchanged when the rule does
 * not fit the word. */
static size_t apply_rule(const lem_rule *r, const char *s, size_t len, char *buf, size_t cap) {
    size_t n;
    if (r->lower == R_LOWER) n = lower_into(s, len, buf, cap);
    else if (r->lower == R_TITLE) n = title_into(s, len, buf, cap);
    else { n = len < cap - 1 ? len : cap - 1; memcpy(buf, s, n); }
    if (r->cut > n || n - r->cut + r->addlen >= cap || n < len) {  /* unfit, or truncated */
        n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, s, n);
        buf[n] = '\0';
        return n;
    }
    n -= r->cut;
    memcpy(buf + n, r->add, r->addlen);
    n += r->addlen;
    buf[n] = '\0';
    return n;
}

static const lex_slot *lex_find(const dl_lemmatizer *l, uint64_t key) {
    uint32_t fp = (uint32_t)(key >> 32) | 1, i = (uint32_t)key & l->mask;
    while (l->lex[i].fp) {
        if (l->lex[i].fp == fp) return &l->lex[i];
        i = (i + 1) & l->mask;
    }
    return NULL;
}

static size_t apply_rule(const lem_rule *r, const char *s, size_t len, char *buf, size_t cap);

/* The key of a known lemma: its lower-cased form and word class (WordNet's
 * n, v, a, r, from the first letter of the UPOS name). */
static uint64_t known_key(const char *lemma, size_t len, int wclass) {
    char low[MAXLEM];
    size_t n = lower_into(lemma, len, low, sizeof low);
    return dl_hash_mix(dl_hash_bytes(low, n), (uint64_t)wclass * 0x4b4e);
}

static int known_has(const dl_lemmatizer *l, uint64_t key) {
    uint32_t fp = (uint32_t)(key >> 32) | 1, i = (uint32_t)key & l->known_mask;
    while (l->known[i]) {
        if (l->known[i] == fp) return 1;
        i = (i + 1) & l->known_mask;
    }
    return 0;
}

/* Whether rule r, applied to the word, gives a lemma known for class wc. */
static int gives_known(const dl_lemmatizer *l, const lex_slot *e, int wc, const char *s, size_t len) {
    if (e->rule >= l->nrules) return 0;
    char buf[MAXLEM];
    size_t n = apply_rule(&l->rules[e->rule], s, len, buf, sizeof buf);
    return known_has(l, known_key(buf, n, wc));
}

/* The entry for a word: as written, lower-cased, its suffixes (the longest
 * whose rule gives a known lemma of the word's class, when the model has
 * a lexicon, else the longest), its class. */
static const lex_slot *lookup(const dl_lemmatizer *l, const char *s, size_t len, uint64_t tag, int wc) {
    const lex_slot *e = lex_find(l, key_of(K_RAW, s, len, tag));
    if (e) return e;
    char low[MAXLEM];
    size_t n = lower_into(s, len, low, sizeof low);
    if ((e = lex_find(l, key_of(K_LOWER, low, n, tag)))) return e;
    uint64_t ctag = dl_hash_mix(tag, case_of(s, len));
    const lex_slot *first = NULL;
    for (int k = MAXSUF; k >= 1; k--) {
        size_t at = suffix_start(low, n, k);
        if (at == (size_t)-1 || at == 0) continue;  /* the whole word is no suffix */
        if (!(e = lex_find(l, key_of(K_SUFFIX + k, low + at, n - at, ctag)))) continue;
        if (!l->known || !wc) return e;
        if (gives_known(l, e, wc, s, len)) return e;
        if (!first) first = e;
    }
    if (first) return first;
    if ((e = lex_find(l, key_of(K_TAG, "", 0, ctag)))) return e;
    return lex_find(l, key_of(K_TAG, "", 0, tag));
}

/* WordNet's word class for a UPOS name: 'n', 'v', 'a', 'r', or 0. */
static int word_class(const char *upos) {
    if (!strcmp(upos, "NOUN")) return 'n';
    if (!strcmp(upos, "VERB")) return 'v';
    if (!strcmp(upos, "ADJ")) return 'a';
    if (!strcmp(upos, "ADV")) return 'r';
    return 0;
}

/* The word class of a tagger class atom: the model's "classes" section
 * lists (atom, class) pairs. */
static int atom_class(const dl_lemmatizer *l, uint64_t atom) {
    for (size_t i = 0; i < l->nclass_map; i++)
        if (l->class_map[2 * i] == atom) return (int)l->class_map[2 * i + 1];
    return 0;
}

size_t dl_lemmatizer_lemma(const dl_lemmatizer *l, const char *s, size_t len, uint64_t tag_atom,
                           char *buf, size_t cap, const char **feats) {
    if (feats) *feats = "";
    if (!cap) return 0;
    if (digit_groups(s, len)) {
        size_t n = 0;
        for (size_t i = 0; i < len && n + 1 < cap; i++)
            if (s[i] != ',') buf[n++] = s[i];
        buf[n] = '\0';
        if (feats) {
            const lex_slot *e = lookup(l, s, len, tag_atom, 0);
            *feats = e && e->feats < l->nfeats ? l->feats[e->feats] : "";
        }
        return n;
    }
    const lex_slot *e = lookup(l, s, len, tag_atom, l->known ? atom_class(l, tag_atom) : 0);
    static const lem_rule same = {0, 0, "", 0};
    const lem_rule *r = e && e->rule < l->nrules ? &l->rules[e->rule] : &same;
    if (feats) *feats = e && e->feats < l->nfeats ? l->feats[e->feats] : "";
    return apply_rule(r, s, len, buf, cap);
}

dl_status dl_lemmatizer_run(const dl_lemmatizer *l, dl_doc *doc, dl_syntax *syn) {
    size_t n = doc->toks.n;
    if (!syn->tag_atom || syn->n != n) return DL_ERR_USAGE;
    syn->lemma = dl_arena_alloc(&doc->arena, (n + 1) * sizeof *syn->lemma);
    syn->feats = dl_arena_alloc(&doc->arena, (n + 1) * sizeof *syn->feats);
    if (!syn->lemma || !syn->feats) return DL_ERR_NOMEM;
    char buf[MAXLEM];
    for (size_t i = 0; i < n; i++) {
        const dl_token *t = &doc->toks.v[i];
        const char *s = DL_SPAN_PTR(doc, t->off);
        size_t m = dl_lemmatizer_lemma(l, s, t->len, syn->tag_atom[i], buf, sizeof buf, &syn->feats[i]);
        char *p = dl_arena_alloc(&doc->arena, m + 1);
        if (!p) return DL_ERR_NOMEM;
        memcpy(p, buf, m + 1);
        syn->lemma[i] = p;
    }
    return DL_OK;
}

/* FEATS that only the parse can tell, as EWT writes them: a past
 * participle with a "have" auxiliary is a perfect, not a passive ("had
 * failed"); a base-form verb heading a clause with no subject, auxiliary or
 * marker is an imperative ("Call me"), and so is one conjoined to an
 * imperative; a finite indicative verb takes its subject's Number and
 * Person.  On EWT train the first two rules hold for 93% (imperatives) and
 * 100% (perfects) of the words they change. */
/* The value of feature name in FEATS f ("Number" -> 'S'ing, 'P'lur;
 * "Person" -> '1'..'3'), or 0. */
static char feat_first(const char *f, const char *name) {
    size_t nl = strlen(name);
    for (const char *p = f; p && *p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
        if (!strncmp(p, name, nl) && p[nl] == '=') return p[nl + 1];
    return 0;
}

/* A finite indicative verb agrees with its subject in Number and Person
 * (an auxiliary or copula with the subject of the word it serves). */
static void agree(const dl_lemmatizer *l, dl_syntax *syn, const int32_t *subj, size_t i) {
    const char *x = syn->xpos[i], *f = syn->feats[i];
    if (strcmp(x, "VBD") && strcmp(x, "VBP") && strcmp(x, "VBZ")) return;
    if (strncmp(f, "Mood=Ind|", 9)) return;
    int past = strstr(f, "Tense=Past") != NULL;
    int32_t s = subj[i];
    const char *r = syn->deprel[i];
    if (s < 0 && r && (!strncmp(r, "aux", 3) || !strcmp(r, "cop")) && syn->head[i] >= 0)
        s = subj[syn->head[i]];
    if (s < 0) return;
    char num = feat_first(syn->feats[s], "Number"), per = feat_first(syn->feats[s], "Person");
    if (!num) return;   /* "who", "that": the form's own features stand */
    const char *want = l->finite[past][num == 'P'][per >= '1' && per <= '3' ? per - '1' : 2];
    if (want && !(x[2] == 'Z' && (num == 'P' || (per && per != '3'))))   /* -s is third singular */
        syn->feats[i] = want;
}

dl_status dl_lemmatizer_refine(const dl_lemmatizer *l, dl_doc *doc, dl_syntax *syn) {
    size_t n = syn->n;
    if (!syn->feats || !syn->head || !syn->deprel || !syn->xpos || !syn->lemma) return DL_OK;
    uint8_t *fl = calloc(n + 1, 1);   /* 1: has a "have" auxiliary, 2: a subject, auxiliary or marker */
    int32_t *subj = malloc((n + 1) * sizeof *subj);  /* each word's subject, -1 */
    if (!fl || !subj) { free(fl); free(subj); return DL_ERR_NOMEM; }
    for (size_t i = 0; i < n; i++) subj[i] = -1;
    for (size_t i = 0; i < n; i++) {
        int32_t h = syn->head[i];
        const char *r = syn->deprel[i];
        if (h < 0 || (size_t)h >= n || !r) continue;
        if (!strncmp(r, "nsubj", 5) && subj[h] < 0) subj[h] = (int32_t)i;
        if (!strcmp(r, "aux") && !strcmp(syn->lemma[i], "have")) fl[h] |= 1;
        if (!strncmp(r, "nsubj", 5) || !strncmp(r, "csubj", 5) || !strncmp(r, "aux", 3) ||
            !strcmp(r, "mark") || !strcmp(r, "expl"))
            fl[h] |= 2;
    }
    for (size_t i = 0; i < n; i++) {
        const char *x = syn->xpos[i], *r = syn->deprel[i];
        if (!r) continue;
        if (l->perfect && !strcmp(x, "VBN") && (fl[i] & 1)) syn->feats[i] = l->perfect;
        if (l->imperative && !strcmp(x, "VB") && !(fl[i] & 2) &&
            (!strcmp(r, "root") || !strcmp(r, "parataxis") ||
             (!strcmp(r, "conj") && syn->head[i] >= 0 && syn->feats[syn->head[i]] == l->imperative)))
            syn->feats[i] = l->imperative;
        agree(l, syn, subj, i);
    }
    free(fl);
    free(subj);
    (void)doc;
    return DL_OK;
}

/* ---- loading ------------------------------------------------------------------ */

void dl_lemmatizer_free(dl_lemmatizer *l) {
    if (!l) return;
    free(l->rules);
    free(l->feats);
    dl_model_close(l->model);
    free(l);
}

static dl_status bad(dl_lemmatizer *l, const char *path, const char *what, char *err, size_t errlen) {
    if (err) snprintf(err, errlen, "%s: %s", path, what);
    dl_lemmatizer_free(l);
    return DL_ERR_DATA;
}

/* Rules are "C CUT ADD" strings: C is 0 (as written), 1 (lower-case) or 2
 * (capitalise), CUT a byte count, ADD the rest of the string (possibly
 * empty). */
static int parse_rule(const char *s, lem_rule *r) {
    if (s[0] < '0' || s[0] > '2' || s[1] != ' ') return -1;
    r->lower = (uint8_t)(s[0] - '0');
    char *end;
    long cut = strtol(s + 2, &end, 10);
    if (end == s + 2 || cut < 0 || cut > 255 || *end != ' ') return -1;
    r->cut = (uint8_t)cut;
    r->add = end + 1;
    r->addlen = (uint32_t)strlen(end + 1);
    return r->addlen < MAXLEM / 2 ? 0 : -1;
}

static dl_status lemmatizer_from_model(dl_model *m, dl_lemmatizer **out, char *err, size_t errlen) {
    *out = NULL;
    const char *path = dl_model_path(m);
    dl_lemmatizer *l = calloc(1, sizeof *l);
    if (!l) { dl_model_close(m); return DL_ERR_NOMEM; }
    l->model = m;
    size_t len;
    const char **names = NULL;
    const void *p = dl_model_section(m, "rules", &len);
    if (dl_model_names(p, len, &names, &l->nrules) != DL_OK || !l->nrules || l->nrules > 0xffff)
        { free(names); return bad(l, path, "missing or malformed 'rules' section", err, errlen); }
    l->rules = calloc(l->nrules, sizeof *l->rules);
    if (!l->rules) { free(names); return bad(l, path, "out of memory", err, errlen); }
    for (size_t i = 0; i < l->nrules; i++)
        if (parse_rule(names[i], &l->rules[i])) {
            free(names);
            return bad(l, path, "malformed lemma rule", err, errlen);
        }
    free(names);
    p = dl_model_section(m, "feats", &len);
    if (dl_model_names(p, len, &l->feats, &l->nfeats) != DL_OK || !l->nfeats || l->nfeats > 0xffff)
        return bad(l, path, "missing or malformed 'feats' section", err, errlen);
    p = dl_model_section(m, "lexicon", &len);
    uint32_t nslot = 0;
    if (p && len >= 8) memcpy(&nslot, p, 4);
    if (!p || !nslot || (nslot & (nslot - 1)) || len != 8 + (size_t)nslot * sizeof(lex_slot))
        return bad(l, path, "missing or malformed 'lexicon' section", err, errlen);
    const lex_slot *lex = (const lex_slot *)((const char *)p + 8);
    size_t empty = 0;
    for (uint32_t i = 0; i < nslot; i++) {
        if (!lex[i].fp) { empty++; continue; }
        if (lex[i].rule >= l->nrules || lex[i].feats >= l->nfeats)
            return bad(l, path, "malformed 'lexicon' section", err, errlen);
    }
    if (!empty) return bad(l, path, "malformed 'lexicon' section", err, errlen);
    l->lex = lex;
    l->mask = nslot - 1;
    for (size_t i = 0; i < l->nfeats; i++) {
        const char *f = l->feats[i];
        char num[8], tense[8];
        int person;
        if (!strcmp(f, "Tense=Past|VerbForm=Part")) l->perfect = f;
        if (!strcmp(f, "Mood=Imp|VerbForm=Fin")) l->imperative = f;
        if (sscanf(f, "Mood=Ind|Number=%4[a-zA-Z]|Person=%d|Tense=%4[a-zA-Z]|VerbForm=Fin", num, &person, tense) == 3 &&
            person >= 1 && person <= 3 && strstr(f, "|VerbForm=Fin") && !strchr(strstr(f, "VerbForm=Fin"), '|') &&
            !strstr(f, "Typo"))
            l->finite[!strcmp(tense, "Past")][!strcmp(num, "Plur")][person - 1] = f;
    }
    p = dl_model_section(m, "known", &len);
    if (p) {
        uint32_t nk = 0;
        if (len >= 8) memcpy(&nk, p, 4);
        if (len < 8 || !nk || (nk & (nk - 1)) || len != 8 + (size_t)nk * 4)
            return bad(l, path, "malformed 'known' section", err, errlen);
        const uint32_t *k = (const uint32_t *)((const char *)p + 8);
        size_t free_slots = 0;
        for (uint32_t i = 0; i < nk; i++) free_slots += !k[i];
        if (!free_slots) return bad(l, path, "malformed 'known' section", err, errlen);
        p = dl_model_section(m, "wclasses", &len);
        if (!p || len % 16) return bad(l, path, "missing or malformed 'wclasses' section", err, errlen);
        l->known = k;
        l->known_mask = nk - 1;
        l->class_map = p;
        l->nclass_map = len / 16;
    }
    *out = l;
    return DL_OK;
}

dl_status dl_lemmatizer_load(const char *path, dl_lemmatizer **out, char *err, size_t errlen) {
    dl_model *m;
    *out = NULL;
    dl_status st = dl_model_open(path, "lemma", &m, err, errlen);
    if (st != DL_OK) return st;
    return lemmatizer_from_model(m, out, err, errlen);
}

/* ---- training ------------------------------------------------------------------ */

/* The tag atom of a gold token: the hash of its "UPOS|XPOS" class name,
 * as dl_tagger_atom gives for the tagger's classes. */
static uint64_t gold_atom(const dl_ctok *t) {
    char name[64];
    int n = snprintf(name, sizeof name, "%s|%s", t->upos, t->xpos);
    return dl_hash_bytes(name, n < (int)sizeof name ? (size_t)n : sizeof name - 1);
}

/* The rule that turns form into lemma: the candidate (as written, lower-
 * cased, capitalised) with the shortest appended string, lower-casing on
 * ties; into buf as "C CUT ADD". */
static int rule_of(const dl_ctok *t, char *buf, size_t cap) {
    const char *lem = !strcmp(t->lemma, "_") ? t->form : t->lemma;
    size_t ll = strlen(lem);
    char low[MAXLEM], cap1[MAXLEM];
    size_t nl = lower_into(t->form, t->len, low, sizeof low);
    size_t nc = title_into(t->form, t->len, cap1, sizeof cap1);
    int best_lower = 0;
    size_t best_cut = 0, best_keep = 0, best_add = (size_t)-1;
    static const int order[3] = {R_ASIS, R_LOWER, R_TITLE};
    for (int oi = 0; oi < 3; oi++) {
        int lower = order[oi];
        const char *f = lower == R_LOWER ? low : lower == R_TITLE ? cap1 : t->form;
        size_t fl = lower == R_LOWER ? nl : lower == R_TITLE ? nc : t->len, k = 0;
        if (lower && fl < t->len) continue;
        while (k < fl && k < ll && f[k] == lem[k]) k++;
        while (k > 0 && k < fl && ((unsigned char)f[k] & 0xC0) == 0x80) k--;  /* whole characters */
        if (fl - k > 255) continue;
        if (ll - k < best_add || (lower == R_LOWER && ll - k == best_add)) {  /* ties: lower-case */
            best_add = ll - k;
            best_cut = fl - k;
            best_keep = k;
            best_lower = lower;
        }
    }
    if (best_add == (size_t)-1 || best_add >= MAXLEM / 2) return -1;
    snprintf(buf, cap, "%d %zu %.*s", best_lower, best_cut, (int)best_add, lem + best_keep);
    return 0;
}

typedef struct {
    dl_u64map names;       /* hash of a rule or FEATS string -> index */
    DL_VEC(char *) v;
} name_table;

static long name_id(name_table *t, const char *s) {
    int added;
    long k = dl_u64map_put(&t->names, dl_hash_bytes(s, strlen(s)), &added);
    if (k < 0) return -1;
    if (added) {
        char **slot = DL_VEC_PUSH(&t->v);
        if (!slot || !(*slot = strdup(s))) return -1;
    }
    return k;
}

static void name_table_release(name_table *t) {
    for (size_t i = 0; i < t->v.n; i++) free(t->v.v[i]);
    DL_VEC_FREE(&t->v);
    dl_u64map_release(&t->names);
}

/* Counts of (rule, feats) pairs per key. */
typedef struct {
    uint32_t pair, count;
} pair_count;

typedef struct {
    dl_u64map keys;
    DL_VEC(DL_VEC(pair_count)) counts;   /* per key */
} key_counts;

static int kc_add(key_counts *kc, uint64_t key, uint32_t pair) {
    int added;
    long k = dl_u64map_put(&kc->keys, key, &added);
    if (k < 0) return -1;
    if (added) {
        void *row = DL_VEC_PUSH(&kc->counts);
        if (!row) return -1;
        memset(row, 0, sizeof kc->counts.v[0]);
    }
    for (size_t j = 0; j < kc->counts.v[k].n; j++)
        if (kc->counts.v[k].v[j].pair == pair) { kc->counts.v[k].v[j].count++; return 0; }
    pair_count *pc = DL_VEC_PUSH(&kc->counts.v[k]);
    if (!pc) return -1;
    pc->pair = pair;
    pc->count = 1;
    return 0;
}

static void kc_release(key_counts *kc) {
    for (size_t i = 0; i < kc->counts.n; i++) DL_VEC_FREE(&kc->counts.v[i]);
    DL_VEC_FREE(&kc->counts);
    dl_u64map_release(&kc->keys);
}

/* The most frequent pair of row k (the lowest index on ties), its count
 * and the row's total. */
static uint32_t kc_best(const key_counts *kc, size_t k, uint32_t *count, uint32_t *total) {
    uint32_t best = 0, bc = 0, tot = 0;
    for (size_t j = 0; j < kc->counts.v[k].n; j++) {
        const pair_count *pc = &kc->counts.v[k].v[j];
        tot += pc->count;
        if (pc->count > bc || (pc->count == bc && pc->pair < best)) { bc = pc->count; best = pc->pair; }
    }
    *count = bc;
    *total = tot;
    return best;
}

/* ---- WordNet as a lexicon (Debian wordnet-base, /usr/share/wordnet) ---------------- */

typedef DL_VEC(uint64_t) u64_list;

/* Known (lemma, class) keys from index.{noun,verb,adj,adv}: single words. */
static dl_status wn_known(const char *dir, u64_list *known, char *err, size_t errlen) {
    static const char *const files[4] = {"noun", "verb", "adj", "adv"};
    static const int wc[4] = {'n', 'v', 'a', 'r'};
    for (int f = 0; f < 4; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/index.%s", dir, files[f]);
        FILE *fp = fopen(path, "r");
        if (!fp) {
            snprintf(err, errlen, "%s: cannot open", path);
            return DL_ERR_IO;
        }
        char line[4096];
        while (fgets(line, sizeof line, fp)) {
            if (line[0] == ' ') continue;   /* licence header */
            char *sp = strchr(line, ' ');
            if (!sp || memchr(line, '_', (size_t)(sp - line))) continue;
            uint64_t *k = DL_VEC_PUSH(known);
            if (!k) { fclose(fp); return DL_ERR_NOMEM; }
            *k = known_key(line, (size_t)(sp - line), wc[f]);
        }
        fclose(fp);
    }
    return DL_OK;
}

/* The XPOS an exception list's inflected forms take. */
static const struct {
    const char *file, *upos;
    const char *xpos[5];
} WN_EXC[] = {
    {"verb.exc", "VERB", {"VBD", "VBN", "VBG", "VBZ", "VBP"}},
    {"noun.exc", "NOUN", {"NNS", NULL}},
    {"adj.exc", "ADJ", {"JJR", "JJS", NULL}},
    {"adv.exc", "ADV", {"RBR", "RBS", NULL}},
};

/* ---- training -------------------------------------------------------------------- */

static int u64_cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The "known" section (fingerprints of the lemmas of training and of
 * WordNet, with their class) and "wclasses" ((tag atom, class) for every
 * tag class of training). */
static dl_status add_known(const dl_corpus *train, const char *dir, dl_model_writer *w, char *err,
                           size_t errlen) {
    u64_list known = {0}, cmap = {0};
    dl_u64map atoms = {0};
    uint32_t *slots = NULL;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_status st = wn_known(dir, &known, err, errlen);
    for (size_t i = 0; st == DL_OK && i < train->toks.n; i++) {
        const dl_ctok *t = &train->toks.v[i];
        int wc = word_class(t->upos), added;
        uint64_t atom = gold_atom(t);
        if (dl_u64map_put(&atoms, atom, &added) < 0) { st = DL_ERR_NOMEM; break; }
        if (added) {
            uint64_t *a = DL_VEC_PUSH(&cmap), *c = DL_VEC_PUSH(&cmap);
            if (!a || !c) { st = DL_ERR_NOMEM; break; }
            cmap.v[cmap.n - 2] = atom;
            cmap.v[cmap.n - 1] = (uint64_t)wc;
        }
        if (!wc || !t->lemma[0] || !strcmp(t->lemma, "_")) continue;
        uint64_t *k = DL_VEC_PUSH(&known);
        if (!k) { st = DL_ERR_NOMEM; break; }
        *k = known_key(t->lemma, strlen(t->lemma), wc);
    }
    if (st == DL_OK) {
        qsort(known.v, known.n, sizeof *known.v, u64_cmp);
        uint32_t nslot = 1024;
        while (nslot < known.n * 2) nslot *= 2;
        slots = calloc(nslot, sizeof *slots);
        if (!slots) st = DL_ERR_NOMEM;
        for (size_t j = 0; slots && j < known.n; j++) {
            uint32_t fp = (uint32_t)(known.v[j] >> 32) | 1, i = (uint32_t)known.v[j] & (nslot - 1);
            while (slots[i] && slots[i] != fp) i = (i + 1) & (nslot - 1);
            slots[i] = fp;
        }
        uint32_t hdr[2] = {nslot, 0};
        dl_strbuf_add(&b, (const char *)hdr, sizeof hdr);
        if (slots) dl_strbuf_add(&b, (const char *)slots, nslot * sizeof *slots);
        if (st == DL_OK && (b.oom || !dl_model_writer_add(w, "known", b.s, b.len) ||
                            !dl_model_writer_add(w, "wclasses", cmap.v, cmap.n * sizeof *cmap.v)))
            st = DL_ERR_NOMEM;
    }
    free(slots);
    dl_strbuf_release(&b);
    DL_VEC_FREE(&known);
    DL_VEC_FREE(&cmap);
    dl_u64map_release(&atoms);
    return st;
}

dl_status dl_lemmatizer_train(const dl_corpus *train, const dl_train_opts *o, const char *out_path,
                              char *err, size_t errlen) {
    name_table rules = {0}, feats = {0}, pairs = {0};
    key_counts tok = {0}, typ = {0};
    dl_u64map seen = {0};   /* (word, class, pair) types already counted */
    uint64_t *keys = NULL;
    lex_slot *slots = NULL;
    dl_model_writer w;
    dl_model_writer_init(&w, "lemma");
    dl_strbuf names;
    dl_strbuf_init(&names);
    dl_status st = DL_ERR_NOMEM;
    name_id(&feats, "");   /* id 0: no features */
    name_id(&rules, "0 0 ");  /* id 0: the word as written */
    name_id(&rules, "1 0 ");  /* id 1: lower-cased */
    size_t skipped = 0;
    for (size_t i = 0; i < train->toks.n; i++) {
        const dl_ctok *t = &train->toks.v[i];
        char rule[MAXLEM + 16], pair[64], low[MAXLEM];
        /* goes-with pieces of a split word carry the whole word's lemma */
        if (!t->lemma[0] || !strcmp(t->xpos, "GW") || rule_of(t, rule, sizeof rule)) {
            skipped++;
            continue;
        }
        long r = name_id(&rules, rule);
        long f = name_id(&feats, strcmp(t->feats, "_") ? t->feats : "");
        if (r < 0 || f < 0 || r > 0xffff || f > 0xffff) goto done;
        snprintf(pair, sizeof pair, "%ld %ld", r, f);
        long p = name_id(&pairs, pair);
        if (p < 0) goto done;
        uint64_t tag = gold_atom(t), ctag = dl_hash_mix(tag, case_of(t->form, t->len));
        size_t nl = lower_into(t->form, t->len, low, sizeof low);
        if (kc_add(&tok, key_of(K_RAW, t->form, t->len, tag), (uint32_t)p) ||
            kc_add(&tok, key_of(K_LOWER, low, nl, tag), (uint32_t)p) ||
            kc_add(&tok, key_of(K_TAG, "", 0, tag), (uint32_t)p) ||
            kc_add(&tok, key_of(K_TAG, "", 0, ctag), (uint32_t)p))
            goto done;
        /* suffixes count word types, each (lower-cased word, class, pair) once */
        int added;
        if (dl_u64map_put(&seen, dl_hash_mix(key_of(K_LOWER, low, nl, tag), (uint64_t)p), &added) < 0)
            goto done;
        if (!added) continue;
        for (int k = 1; k <= MAXSUF; k++) {
            size_t at = suffix_start(low, nl, k);
            if (at == (size_t)-1 || at == 0) break;
            if (kc_add(&typ, key_of(K_SUFFIX + k, low + at, nl - at, ctag), (uint32_t)p)) goto done;
        }
    }
    /* WordNet's exception lists: irregular forms training did not see
     * ("sped" -> "speed"), with the features of their class. */
    u64_list extra = {0};   /* (key, pair) */
    for (size_t fi = 0; o && o->lexicon_dir && fi < sizeof WN_EXC / sizeof *WN_EXC; fi++) {
        char path[4096], line[512];
        snprintf(path, sizeof path, "%s/%s", o->lexicon_dir, WN_EXC[fi].file);
        FILE *fp = fopen(path, "r");
        if (!fp) {
            snprintf(err, errlen, "%s: cannot open", path);
            st = DL_ERR_IO;
            goto done;
        }
        while (fgets(line, sizeof line, fp)) {
            char form[256], base[256];
            if (sscanf(line, "%255s %255s", form, base) != 2 || strchr(form, '_') || strchr(base, '_'))
                continue;
            for (int x = 0; x < 5 && WN_EXC[fi].xpos[x]; x++) {
                dl_ctok t = {.form = form, .len = (uint32_t)strlen(form), .lemma = base,
                             .upos = WN_EXC[fi].upos, .xpos = WN_EXC[fi].xpos[x]};
                uint64_t tag = gold_atom(&t), key = key_of(K_LOWER, form, t.len, tag);
                long deflt = dl_u64map_get(&tok.keys, key_of(K_TAG, "", 0, tag));
                char rule[MAXLEM + 16], pair[64];
                if (dl_u64map_get(&tok.keys, key) >= 0 || deflt < 0 || rule_of(&t, rule, sizeof rule)) continue;
                uint32_t c, tot, best = kc_best(&tok, (size_t)deflt, &c, &tot);
                unsigned r0, f0;
                if (sscanf(pairs.v.v[best], "%u %u", &r0, &f0) != 2) continue;
                long r = name_id(&rules, rule);
                snprintf(pair, sizeof pair, "%ld %u", r, f0);
                long pid = name_id(&pairs, pair);
                uint64_t *e = DL_VEC_PUSH(&extra), *e2 = DL_VEC_PUSH(&extra);
                if (r < 0 || r > 0xffff || pid < 0 || !e || !e2) { fclose(fp); DL_VEC_FREE(&extra); goto done; }
                extra.v[extra.n - 2] = key;
                extra.v[extra.n - 1] = (uint64_t)pid;
            }
        }
        fclose(fp);
    }
    /* The table: every token key, and the suffix keys with enough types
     * whose best pair differs from what the next shorter suffix says (the
     * rest add nothing over the back-off). */
    size_t nkeys = tok.keys.n + typ.keys.n + extra.n / 2;
    uint32_t nslot = 1024;
    while (nslot < nkeys * 2) nslot *= 2;
    slots = calloc(nslot, sizeof *slots);
    keys = malloc((tok.keys.cap + typ.keys.cap + extra.n / 2 + 1) * 2 * sizeof *keys);
    if (!slots || !keys) { DL_VEC_FREE(&extra); goto done; }
    size_t nk = 0, kept = 0;
    for (int which = 0; which < 2; which++) {
        const key_counts *kc = which ? &typ : &tok;
        for (size_t j = 0; j < kc->keys.cap; j++) {
            if (!kc->keys.keys[j]) continue;
            uint32_t c, tot, best = kc_best(kc, kc->keys.vals[j], &c, &tot);
            if (which && tot < SUF_MIN_TYPES) continue;
            keys[2 * nk] = kc->keys.keys[j];
            keys[2 * nk + 1] = best;
            nk++;
        }
    }
    for (size_t j = 0; j + 1 < extra.n; j += 2) {
        keys[2 * nk] = extra.v[j];
        keys[2 * nk + 1] = extra.v[j + 1];
        nk++;
    }
    DL_VEC_FREE(&extra);
    qsort(keys, nk, 2 * sizeof *keys, u64_cmp);   /* a fixed order: deterministic slots */
    for (size_t j = 0; j < nk; j++) {
        uint64_t key = keys[2 * j];
        const char *pr = pairs.v.v[keys[2 * j + 1]];
        unsigned r, f;
        if (sscanf(pr, "%u %u", &r, &f) != 2) goto done;
        uint32_t i = (uint32_t)key & (nslot - 1), fp = (uint32_t)(key >> 32) | 1;
        while (slots[i].fp && slots[i].fp != fp) i = (i + 1) & (nslot - 1);
        if (slots[i].fp) continue;  /* a fingerprint clash: the first key keeps the slot */
        slots[i].fp = fp;
        slots[i].rule = (uint16_t)r;
        slots[i].feats = (uint16_t)f;
        kept++;
    }
    for (size_t i = 0; i < rules.v.n; i++) dl_strbuf_add(&names, rules.v.v[i], strlen(rules.v.v[i]) + 1);
    if (!dl_model_writer_add(&w, "rules", names.s, names.len)) goto done;
    dl_strbuf_clear(&names);
    for (size_t i = 0; i < feats.v.n; i++) dl_strbuf_add(&names, feats.v.v[i], strlen(feats.v.v[i]) + 1);
    if (!dl_model_writer_add(&w, "feats", names.s, names.len)) goto done;
    dl_strbuf_clear(&names);
    uint32_t hdr[2] = {nslot, 0};
    dl_strbuf_add(&names, (const char *)hdr, sizeof hdr);
    dl_strbuf_add(&names, (const char *)slots, nslot * sizeof *slots);
    if (names.oom || !dl_model_writer_add(&w, "lexicon", names.s, names.len)) goto done;
    if (o && o->lexicon_dir && (st = add_known(train, o->lexicon_dir, &w, err, errlen)) != DL_OK) goto done;
    st = DL_ERR_NOMEM;
    if ((st = dl_model_writer_save(&w, out_path, err, errlen)) != DL_OK) goto done;
    if (o && o->log)
        fprintf(o->log, "%zu rules, %zu feature sets, %zu table entries (%zu tokens without a lemma)\n",
                rules.v.n, feats.v.n, kept, skipped);
    st = DL_OK;
done:
    if (st == DL_ERR_NOMEM && err && !err[0]) snprintf(err, errlen, "out of memory");
    free(slots);
    free(keys);
    dl_strbuf_release(&names);
    dl_model_writer_release(&w);
    name_table_release(&rules);
    name_table_release(&feats);
    name_table_release(&pairs);
    kc_release(&tok);
    kc_release(&typ);
    dl_u64map_release(&seen);
    return st;
}

/* ---- evaluation -------------------------------------------------------------------- */

/* Whether two FEATS strings agree ("_" and "" both mean none). */
static int feats_equal(const char *a, const char *b) {
    if (!strcmp(a, "_")) a = "";
    if (!strcmp(b, "_")) b = "";
    return !strcmp(a, b);
}

dl_status dl_lemmatizer_eval(const dl_lemmatizer *l, const dl_tagger *t, const dl_parser *p,
                             const dl_corpus *test, dl_lemma_scores *s) {
    memset(s, 0, sizeof *s);
    size_t maxn = 1;
    for (size_t i = 0; i < test->sents.n; i++)
        if (test->sents.v[i].ntok > maxn) maxn = test->sents.v[i].ntok;
    dl_wordref *words = malloc(maxn * sizeof *words);
    uint16_t *tags = malloc(maxn * sizeof *tags);
    uint64_t *atoms = malloc(maxn * sizeof *atoms);
    const char **xpos = malloc(maxn * sizeof *xpos), **lemmas = malloc(maxn * sizeof *lemmas);
    const char **feats = malloc(maxn * sizeof *feats), **rels = malloc(maxn * sizeof *rels);
    int *heads = malloc(maxn * sizeof *heads);
    int32_t *head = malloc(maxn * sizeof *head);
    char *lembuf = malloc(maxn * MAXLEM);
    dl_status st = DL_ERR_NOMEM;
    if (!words || !tags || !atoms || !xpos || !lemmas || !feats || !rels || !heads || !head || !lembuf)
        goto done;
    size_t ok = 0, fok = 0, uok = 0;
    double secs = 0;
    for (size_t si = 0; si < test->sents.n; si++) {
        const dl_csent *se = &test->sents.v[si];
        const dl_ctok *tk = &test->toks.v[se->tok0];
        size_t n = se->ntok;
        for (size_t i = 0; i < n; i++) words[i] = (dl_wordref){tk[i].form, tk[i].len};
        if (t) dl_tagger_tag(t, words, n, tags);
        for (size_t i = 0; i < n; i++) {
            atoms[i] = t ? dl_tagger_atom(t, tags[i]) : gold_atom(&tk[i]);
            xpos[i] = t ? dl_tagger_xpos(t, tags[i]) : tk[i].xpos;
        }
        double t0 = dl__now();
        for (size_t i = 0; i < n; i++) {
            char *buf = lembuf + i * MAXLEM;
            dl_lemmatizer_lemma(l, tk[i].form, tk[i].len, atoms[i], buf, MAXLEM, &feats[i]);
            lemmas[i] = buf;
        }
        secs += dl__now() - t0;
        if (p && dl_parser_parse(p, words, atoms, n, heads, rels) == DL_OK) {
            for (size_t i = 0; i < n; i++) head[i] = heads[i] - 1;
            dl_syntax syn = {.n = n, .xpos = xpos, .head = head, .deprel = rels, .lemma = lemmas,
                             .feats = feats};
            dl_lemmatizer_refine(l, NULL, &syn);
        }
        for (size_t i = 0; i < n; i++) {
            ok += !strcmp(lemmas[i], tk[i].lemma);
            fok += feats_equal(feats[i], tk[i].feats);
            if (t) uok += !strcmp(dl_tagger_upos(t, tags[i]), tk[i].upos);
        }
        s->tokens += n;
    }
    double tot = s->tokens ? (double)s->tokens : 1;
    s->lemma = 100.0 * (double)ok / tot;
    s->feats = 100.0 * (double)fok / tot;
    s->upos = t ? 100.0 * (double)uok / tot : 0;
    s->seconds = secs;
    st = DL_OK;
done:
    free(words);
    free(tags);
    free(atoms);
    free(xpos);
    free(lemmas);
    free(feats);
    free(rels);
    free(heads);
    free(head);
    free(lembuf);
    return st;
}
