/*
 * tokenize/tokenize.c -- article body -> tokens and sentences, as byte spans
 * into article.body.
 *
 * Tokens follow the Universal Dependencies English conventions (EWT): clitics
 * split ("Iran's" -> Iran + 's, "don't" -> do + n't), hyphens and punctuation
 * are tokens of their own, abbreviations keep their period ("U.S.", "Gen.").
 * Sentences end at . ! ? (with any closing quotes and brackets after them)
 * when the next word can start a sentence, and always at a paragraph break.
 * A quotation that runs over several sentences is split into sentences; the
 * quote stage joins them again.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "tokenize/tokenize.h"

/* Words that take a period and rarely end a sentence: titles, months,
 * and common Latin and business abbreviations (lower case, no period). */
static const char *const TITLE_ABBREVS[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "amb", "messrs", "st", "mt",
    "ft", "no", "nos", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "gov't", "jr", "sr", "inc",
    "corp", "co", "ltd", "bros", "ave", "blvd", "etc", "al", "cf", "ca", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "univ", "assn", "vol", "pp", "op",
    "lieut", "brig", "cpl", "pvt", "sgt", "atty", "ald", "supt", "pop", "ont", "calif", "fla",
    "tex", "ariz", "conn", "mich", "penn", "wash", "ore", "colo", "okla", "tenn", "ky", NULL};

/* Of those, the ones after which a capitalised word is still the same
 * sentence (a name follows a title; a day follows a month). */
static const char *const NEVER_FINAL[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "hon", "pres", "st", "mt", "ft", "no", "nos", "vs", "v",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "amb", "lieut", "brig", "cpl", "pvt", "atty", "supt", "insp", NULL};

/* Words that, capitalised after an abbreviation such as "U.S.", begin a
 * new sentence rather than continue a name. */
static const char *const SENT_STARTERS[] = {
    "the", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at", "this",
    "that", "these", "those", "a", "an", "his", "her", "their", "its", "our", "there",
    "meanwhile", "however", "also", "since", "after", "before", "when", "while", "if",
    "as", "for", "officials", "last", "earlier", "later", "both", "some", "many", NULL};

static int in_list(const char *const *list, const char *s, size_t n) {
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0) return 1;
    return 0;
}

/* ---- character access --------------------------------------------------- */

typedef struct {
    const char *s;
    size_t n;
} text;

static int32_t cp_at(text t, size_t i, size_t *next) {
    size_t j = i;
    int32_t cp = dl_utf8_next(t.s, t.n, &j);
    if (next) *next = j;
    return cp;
}

static int is_word_cp(int32_t cp) { return dl_cp_is_alpha(cp) || dl_cp_is_digit(cp); }

/* ---- token scanning ------------------------------------------------------ */

/* Length of a clitic starting at i ("'s", "'re", "n't"...) that ends the
 * word at end, or 0.  Apostrophes may be straight or curly. */
static size_t clitic_len(text t, size_t i, size_t end) {
    size_t j;
    int32_t cp = cp_at(t, i, &j);
    if (!dl_cp_is_squote(cp)) return 0;
    size_t rest = end - j;
    const char *r = t.s + j;
    static const char *const forms[] = {"s", "re", "ve", "ll", "d", "m", "S", "RE", "VE", "LL", "D", "M", NULL};
    for (int k = 0; forms[k]; k++)
        if (strlen(forms[k]) == rest && strncmp(r, forms[k], rest) == 0) return end - i;
    return 0;
}

/* End of a run of word characters with inner apostrophes (o'clock, O'Neil)
 * and inner periods between single letters (U.S., a.m.). */
static size_t scan_word(text t, size_t i) {
    size_t j = i, next;
    while (j < t.n) {
        int32_t cp = cp_at(t, j, &next);
        if (is_word_cp(cp)) { j = next; continue; }
        if (dl_cp_is_squote(cp) && next < t.n) {
            size_t k;
            int32_t after = cp_at(t, next, &k);
            if (dl_cp_is_alpha(after)) { j = next; continue; }
        }
        break;
    }
    return j;
}

/* "U.S.", "a.m.", "e.g.": single letters each followed by a period. */
static size_t scan_dotted(text t, size_t i) {
    size_t j = i, letters = 0, next;
    for (;;) {
        int32_t cp = cp_at(t, j, &next);
        if (!dl_cp_is_alpha(cp) || next >= t.n || t.s[next] != '.') break;
        size_t after = next + 1;
        letters++;
        j = after;
        if (after < t.n && !dl_cp_is_alpha(cp_at(t, after, NULL))) break;
        /* the next letter must also be single (followed by '.') */
        size_t n2;
        cp_at(t, after, &n2);
        if (n2 >= t.n || t.s[n2] != '.') break;
    }
    return letters >= 2 ? j : i;
}

/* Numbers: 1,000  3.5  21:54  2023/04/30  1990s are one token. */
static size_t scan_number(text t, size_t i) {
    size_t j = i;
    while (j < t.n) {
        char c = t.s[j];
        if (c >= '0' && c <= '9') { j++; continue; }
        if ((c == ',' || c == '.' || c == ':' || c == '/') && j + 1 < t.n && t.s[j + 1] >= '0' &&
            t.s[j + 1] <= '9' && j > i)
        { j++; continue; }
        break;
    }
    /* a letter suffix: 1990s, 21st, 5th */
    size_t k = j;
    while (k < t.n && ((t.s[k] | 32) >= 'a' && (t.s[k] | 32) <= 'z')) k++;
    if (k > j && k - j <= 2) j = k;
    return j;
}

/* URLs and e-mail addresses are one token: "http://a.b/c?d=1",
 * "www.example.org", "name@example.org".  Returns the end, or i. */
static size_t scan_url(text t, size_t i) {
    size_t rest = t.n - i;
    const char *p = t.s + i;
    int url = (rest > 7 && strncmp(p, "http://", 7) == 0) || (rest > 8 && strncmp(p, "https://", 8) == 0) ||
              (rest > 4 && strncmp(p, "www.", 4) == 0);
    size_t j = i;
    int at = 0, dot_after_at = 0;
    while (j < t.n && !dl_cp_is_space((unsigned char)t.s[j]) && (unsigned char)t.s[j] < 0x80 &&
           t.s[j] != '"' && t.s[j] != '<' && t.s[j] != '>' && t.s[j] != '(' && t.s[j] != ')') {
        if (t.s[j] == '@') at = 1;
        else if (at && t.s[j] == '.') dot_after_at = 1;
        if (!url && j > i && !at && !(isalnum((unsigned char)t.s[j]) || t.s[j] == '.' || t.s[j] == '_' ||
                                      t.s[j] == '-' || t.s[j] == '+'))
            break;
        j++;
    }
    (void)dot_after_at;   /* "name@host" and "Name@ENRON" alike */
    if (!url && !(at && t.s[i] != '@' && t.s[j - 1] != '@')) return i;
    while (j > i && strchr(".,;:!?'", t.s[j - 1])) j--;   /* the sentence's own mark */
    return j - i > 4 ? j : i;
}

/* Short letter pairs joined by & or /: "b/c", "a&m", "L/C", "w/o".
 * Returns the end, or i. */
static size_t scan_slash_abbrev(text t, size_t i) {
    size_t j = i;
    while (j < t.n && j - i < 2 && isalpha((unsigned char)t.s[j])) j++;
    if (j == i || j + 1 >= t.n || (t.s[j] != '/' && t.s[j] != '&')) return i;
    if (i > 0 && isalnum((unsigned char)t.s[i - 1])) return i;
    size_t k = j + 1, m = k;
    while (m < t.n && m - k < 2 && isalpha((unsigned char)t.s[m])) m++;
    if (m == k || (m < t.n && isalnum((unsigned char)t.s[m]))) return i;
    return m;
}

/* File names and host names keep their dots: "Guaranty.doc", "Space.com",
 * "alt.animals.cat", "EY4096.1".  Returns the new end. */
static size_t join_extension(text t, size_t i, size_t end) {
    if (end - i < 2) return end;
    while (end + 2 < t.n && t.s[end] == '.' &&
           (islower((unsigned char)t.s[end + 1]) || isdigit((unsigned char)t.s[end + 1]))) {
        size_t k = end + 1;
        while (k < t.n && (islower((unsigned char)t.s[k]) || isdigit((unsigned char)t.s[k]))) k++;
        if (k < t.n && (isalpha((unsigned char)t.s[k]) || (unsigned char)t.s[k] >= 0x80)) break;
        end = k;
    }
    return end;
}

/* Hyphens that stay inside a token (UD English): after a prefix ("e-mail",
 * "anti-war", "co-founder") and between digits or digits and letters
 * ("646-2600", "01-Feb-02").  Returns the new end. */
static size_t join_hyphens(text t, size_t i, size_t end) {
    static const char *const prefixes[] = {"e", "anti", "counter", "co", "non", "pre", "post", "re",
                                           "pro", "ex", "self", "multi", "semi", "inter", "mid",
                                           "sub", "vice", "de", "neo", "pan", "bi", "tri", "un", NULL};
    while (end + 1 < t.n && t.s[end] == '-' && isalnum((unsigned char)t.s[end + 1])) {
        size_t k = end + 1;
        while (k < t.n && isalnum((unsigned char)t.s[k])) k++;
        /* digits stay joined in phone numbers ("646-2600") and dates
         * ("01-Feb-02"), not in scores or ranges ("5-3", "5,000-strong") */
        size_t left = end, right = k - (end + 1);
        while (left > i && isalnum((unsigned char)t.s[left - 1])) left--;
        left = end - left;
        int ldig = isdigit((unsigned char)t.s[end - 1]), rdig = isdigit((unsigned char)t.s[end + 1]);
        int digits = (ldig && rdig && left >= 3 && right >= 3) ||
                     (ldig && !rdig && right == 3 && k < t.n && t.s[k] == '-') ||
                     (!ldig && rdig && left == 3 && end - i > 3);
        int prefix = 0;
        for (int p = 0; prefixes[p] && !digits; p++) {
            size_t n = strlen(prefixes[p]);
            prefix |= end - i == n && strncasecmp(t.s + i, prefixes[p], n) == 0;
        }
        if (!digits && !prefix) break;
        end = k;
    }
    return end;
}

typedef struct {
    dl_doc *doc;
    text t;
    dl_strbuf fold;
    uint16_t pending_flags;   /* SPACE / PARA for the next token */
} scanner;

static dl_status push_token(scanner *sc, size_t off, size_t len, dl_tok_kind kind, uint16_t flags) {
    dl_token *tk = DL_VEC_PUSH(&sc->doc->toks);
    if (!tk) return DL_ERR_NOMEM;
    tk->off = (uint32_t)off;
    tk->len = (uint32_t)len;
    tk->kind = (uint8_t)kind;
    tk->flags = flags | sc->pending_flags;
    sc->pending_flags = 0;
    dl_strbuf_clear(&sc->fold);
    dl_utf8_fold(sc->t.s + off, len, &sc->fold);
    tk->norm = dl_arena_strndup(&sc->doc->arena, sc->fold.s ? sc->fold.s : "", sc->fold.len);
    if (!tk->norm || sc->fold.oom) return DL_ERR_NOMEM;
    size_t i = off, upper = 0, letters = 0;
    int32_t first = cp_at(sc->t, off, NULL);
    while (i < off + len) {
        int32_t cp = dl_utf8_next(sc->t.s, off + len, &i);
        if (dl_cp_is_alpha(cp)) { letters++; upper += dl_cp_is_upper(cp) != 0; }
    }
    if (dl_cp_is_upper(first)) tk->flags |= DL_TF_CAP;
    if (letters > 1 && upper == letters) tk->flags |= DL_TF_ALLCAP;
    return DL_OK;
}

/* Decides whether the quotation mark at i opens or closes: it opens when
 * nothing but space, an opening bracket or a dash stands before it. */
static uint16_t quote_side(text t, size_t i, size_t end, int32_t cp) {
    if (cp == 0x201C || cp == 0x201E || cp == 0x00AB) return DL_TF_QOPEN;
    if (cp == 0x201D || cp == 0x00BB) {
        /* a closing curly quote at a word start is a misused opener */
        int before_space = i == 0 || t.s[i - 1] == ' ' || t.s[i - 1] == '\n';
        int after_word = end < t.n && is_word_cp(cp_at(t, end, NULL));
        return before_space && after_word ? DL_TF_QOPEN : DL_TF_QCLOSE;
    }
    if (i == 0) return DL_TF_QOPEN;
    /* look at the previous code point */
    size_t p = i - 1;
    while (p > 0 && ((unsigned char)t.s[p] & 0xC0) == 0x80) p--;
    int32_t prev = cp_at(t, p, NULL);
    if (dl_cp_is_space(prev) || prev == '(' || prev == '[' || dl_cp_is_dash(prev) || prev == ':')
        return DL_TF_QOPEN;
    return DL_TF_QCLOSE;
}

static dl_status scan_one(scanner *sc, size_t *pi) {
    text t = sc->t;
    size_t i = *pi, next;
    int32_t cp = cp_at(t, i, &next);
    size_t end = next;
    dl_tok_kind kind = DL_TOK_PUNCT;
    uint16_t flags = 0;

    size_t special = scan_url(t, i);
    size_t abbr = scan_slash_abbrev(t, i);
    if (special > i) {
        end = special;
        kind = DL_TOK_SYM;
    } else if (abbr > i) {
        end = abbr;        /* "b/c", "a&m", "L/C" */
        kind = DL_TOK_WORD;
    } else if (dl_cp_is_digit(cp)) {
        end = scan_number(t, i);
        end = join_hyphens(t, i, end);
        kind = DL_TOK_NUM;
        /* "the 80's": a decade keeps its 's */
        if (end + 2 <= t.n && t.s[end] == '\'' && t.s[end + 1] == 's' &&
            (end + 2 == t.n || !isalnum((unsigned char)t.s[end + 2])))
            end += 2;
    } else if (dl_cp_is_alpha(cp)) {
        size_t dotted = scan_dotted(t, i);
        if (dotted > i) {
            end = dotted;
            kind = DL_TOK_WORD;
            flags |= DL_TF_ABBR;
        } else {
            end = scan_word(t, i);
            end = join_hyphens(t, i, end);
            end = join_extension(t, i, end);
            kind = DL_TOK_WORD;
            if (end - i == 6 && strncasecmp(t.s + i, "cannot", 6) == 0) {
                dl_status st = push_token(sc, i, 3, DL_TOK_WORD, 0);   /* can + not (UD) */
                if (st != DL_OK) return st;
                i += 3;
            }
            /* split a trailing clitic into its own token */
            for (size_t k = i + 1; k < end; k++) {
                size_t cl = clitic_len(t, k, end);
                if (cl) {
                    dl_status st = push_token(sc, i, k - i, DL_TOK_WORD, 0);
                    if (st != DL_OK) return st;
                    i = k;
                    break;
                }
                /* n't: do|n't */
                if ((t.s[k] == 'n' || t.s[k] == 'N') && k + 1 < end) {
                    size_t q;
                    int32_t ap = cp_at(t, k + 1, &q);
                    if (dl_cp_is_squote(ap) && end - q == 1 && (t.s[q] == 't' || t.s[q] == 'T') && k > i) {
                        dl_status st = push_token(sc, i, k - i, DL_TOK_WORD, 0);
                        if (st != DL_OK) return st;
                        i = k;
                        break;
                    }
                }
            }
            /* a title or other abbreviation keeps its period */
            if (end < t.n && t.s[end] == '.') {
                dl_strbuf_clear(&sc->fold);
                dl_utf8_fold(t.s + i, end - i, &sc->fold);
                int single_upper = end - i == 1 && dl_cp_is_upper(cp);
                if (single_upper || in_list(TITLE_ABBREVS, sc->fold.s, sc->fold.len)) {
                    end++;
                    flags |= DL_TF_ABBR;
                }
            }
        }
    } else if (dl_cp_is_dquote(cp)) {
        kind = DL_TOK_QUOTE;
        flags |= quote_side(t, i, end, cp);
    } else if (cp == '.' && i + 2 < t.n && t.s[i + 1] == '.' && t.s[i + 2] == '.') {
        end = i + 3;
        while (end < t.n && t.s[end] == '.') end++;
    } else if ((cp == '-' || cp == '!' || cp == '?' || cp == '*' || cp == '=' || cp == '_' ||
                cp == '~' || cp == '#' || cp == '+' || cp == '.' || cp == '$' || cp == '<' ||
                cp == '>') &&
               i + 1 < t.n && t.s[i + 1] == (char)cp) {
        end = i + 2;   /* a run of one mark: "--", "!!!", "=====" */
        while (end < t.n && t.s[end] == (char)cp) end++;
    } else if ((cp == ':' || cp == ';') && i + 1 < t.n && strchr(")(DPp/|", t.s[i + 1]) &&
               (i + 2 >= t.n || !isalnum((unsigned char)t.s[i + 2])) &&
               (i == 0 || t.s[i - 1] == ' ' || t.s[i - 1] == '\n')) {
        end = i + 2;   /* an emoticon: ":)", ";D" */
        kind = DL_TOK_SYM;
    } else if (dl_cp_is_squote(cp) && i + 2 < t.n && isdigit((unsigned char)t.s[next]) &&
               next + 1 < t.n && isdigit((unsigned char)t.s[next + 1]) &&
               (next + 2 >= t.n || !isalnum((unsigned char)t.s[next + 2]))) {
        end = next + 2;   /* '67: a year */
        kind = DL_TOK_NUM;
    } else if (dl_cp_is_squote(cp)) {
        /* a leading clitic after a closing quote or bracket: 's alone */
        size_t j = end;
        while (j < t.n && dl_cp_is_alpha(cp_at(t, j, &next)) && j - end < 3) j = next;
        if (j > end && clitic_len(t, i, j) == j - i) { end = j; kind = DL_TOK_WORD; }
    } else if (!dl_cp_is_dash(cp) && cp > 0x7F && !dl_cp_is_space(cp)) {
        kind = DL_TOK_SYM;
    }
    if (end <= i) end = next;   /* always progress: "٣" is a digit but not ASCII */
    dl_status st = push_token(sc, i, end - i, kind, flags);
    *pi = end;
    return st;
}

/* ---- sentences ----------------------------------------------------------- */

static int is_terminal(const dl_token *tk, const char *body) {
    if (tk->kind != DL_TOK_PUNCT) return 0;
    char c = body[tk->off];
    return c == '.' || c == '!' || c == '?' || (c == '.' && tk->len >= 3);
}

static int is_closer(const dl_token *tk, const char *body) {
    if (tk->kind == DL_TOK_QUOTE) return (tk->flags & DL_TF_QCLOSE) != 0;
    if (tk->kind != DL_TOK_PUNCT || tk->len != 1) return 0;
    char c = body[tk->off];
    return c == ')' || c == ']' || c == '\'';
}

/* Can the token start a sentence after a period? */
static int can_start(const dl_token *tk) {
    if (tk->flags & (DL_TF_CAP | DL_TF_QOPEN)) return 1;
    return tk->kind == DL_TOK_NUM || tk->kind == DL_TOK_QUOTE;
}

/* An abbreviation ends the sentence only when what follows is clearly a new
 * sentence: "in the U.S. The ..." yes, "Gen. Qassem" no. */
static int abbrev_ends(const dl_token *abbr, const dl_token *next) {
    if (!(next->flags & DL_TF_CAP)) return 0;
    const char *a = abbr->norm;
    size_t n = strlen(a);
    if (n && a[n - 1] == '.') n--;
    if (in_list(NEVER_FINAL, a, n)) return 0;
    if (n == 1) return 0; /* an initial */
    return in_list(SENT_STARTERS, next->norm, strlen(next->norm));
}

static dl_status push_sent(dl_doc *doc, size_t t0, size_t t1, uint32_t para) {
    if (t1 <= t0) return DL_OK;
    dl_sent *s = DL_VEC_PUSH(&doc->sents);
    if (!s) return DL_ERR_NOMEM;
    const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[t1 - 1];
    s->off = a->off;
    s->len = b->off + b->len - a->off;
    s->tok0 = (uint32_t)t0;
    s->ntok = (uint32_t)(t1 - t0);
    s->para = para;
    for (size_t i = t0; i < t1; i++) doc->toks.v[i].sent = (uint32_t)(doc->sents.n - 1);
    return DL_OK;
}

static dl_status split_sentences(dl_doc *doc) {
    const char *body = doc->article.body;
    size_t n = doc->toks.n, start = 0;
    uint32_t para = 0;
    for (size_t i = 0; i < n; i++) {
        dl_token *tk = &doc->toks.v[i];
        if (i > start && (tk->flags & DL_TF_PARA)) {
            dl_status st = push_sent(doc, start, i, para);
            if (st != DL_OK) return st;
            start = i;
            para++;
        } else if (i == start && (tk->flags & DL_TF_PARA) && i > 0) {
            para++;
        }
        int ends = 0;
        size_t j = i + 1;
        if (is_terminal(tk, body)) {
            while (j < n && is_closer(&doc->toks.v[j], body) && !(doc->toks.v[j].flags & DL_TF_PARA)) j++;
            ends = j >= n || (doc->toks.v[j].flags & DL_TF_PARA) || can_start(&doc->toks.v[j]);
        } else if ((tk->flags & DL_TF_ABBR) && tk->norm[strlen(tk->norm) - 1] == '.' && j < n &&
                   !(doc->toks.v[j].flags & DL_TF_PARA)) {
            ends = abbrev_ends(tk, &doc->toks.v[j]);
        }
        if (ends && j < n && !(doc->toks.v[j].flags & DL_TF_PARA)) {
            dl_status st = push_sent(doc, start, j, para);
            if (st != DL_OK) return st;
            start = j;
            i = j - 1;
        }
    }
    return push_sent(doc, start, n, para);
}

/* ---- quotations ------------------------------------------------------------ */

int dl_quote_span_next(const dl_doc *doc, size_t *pos, dl_qspan *span) {
    long open = -1;
    for (size_t i = *pos; i < doc->toks.n; i++) {
        const dl_token *t = &doc->toks.v[i];
        int opener = t->kind == DL_TOK_QUOTE && (t->flags & DL_TF_QOPEN);
        if ((t->flags & DL_TF_PARA) && open >= 0 && !opener) {
            *span = (dl_qspan){(size_t)open, i};   /* unclosed: ends at the paragraph */
            *pos = i;
            return 1;
        }
        if (t->kind != DL_TOK_QUOTE) continue;
        if (opener) {
            if (open < 0) open = (long)i;   /* an opener inside runs the quote on */
        } else if (open >= 0) {
            *span = (dl_qspan){(size_t)open, i};
            *pos = i + 1;
            return 1;
        }
    }
    *pos = doc->toks.n;
    if (open < 0) return 0;
    *span = (dl_qspan){(size_t)open, doc->toks.n};
    return 1;
}

void dl_mark_quoted(const dl_doc *doc, uint8_t *quoted) {
    size_t pos = 0;
    dl_qspan q;
    while (dl_quote_span_next(doc, &pos, &q)) {
        for (size_t i = q.open; i < q.close; i++) quoted[i] = 1;
        if (q.close < doc->toks.n && doc->toks.v[q.close].kind == DL_TOK_QUOTE) quoted[q.close] = 1;
    }
}

/* ---- the stage ----------------------------------------------------------- */

/* A newline starts a paragraph when it follows a blank line, or when the
 * line before it ends a sentence (scrapes often have one paragraph a line). */
static uint16_t newline_flags(text t, size_t nl_start, size_t i) {
    int newlines = 0;
    for (size_t k = nl_start; k < i; k++) newlines += t.s[k] == '\n';
    if (newlines == 0) return DL_TF_SPACE;
    if (newlines >= 2) return DL_TF_SPACE | DL_TF_PARA;
    size_t p = nl_start;
    while (p > 0 && (t.s[p - 1] == ' ' || t.s[p - 1] == '\t' || t.s[p - 1] == '\r')) p--;
    if (p == 0) return DL_TF_SPACE | DL_TF_PARA;
    unsigned char c = (unsigned char)t.s[p - 1];
    /* . ! ? : " ' or the last byte of a closing curly quote (U+201D, U+2019) */
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' || c == 0x9D ||
        c == 0x99)
        return DL_TF_SPACE | DL_TF_PARA;
    return DL_TF_SPACE;
}

dl_status dl_tokenize_text(dl_doc *doc) {
    scanner sc = {doc, {doc->article.body, doc->article.body_len}, {0}, DL_TF_PARA};
    dl_strbuf_init(&sc.fold);
    dl_status st = DL_OK;
    size_t i = 0;
    while (i < sc.t.n && st == DL_OK) {
        size_t next;
        int32_t cp = cp_at(sc.t, i, &next);
        if (dl_cp_is_space(cp) || cp == 0xFFFD) {
            size_t ws = i;
            while (i < sc.t.n && (dl_cp_is_space(cp_at(sc.t, i, &next)) || cp_at(sc.t, i, NULL) == 0xFFFD))
                i = next;
            sc.pending_flags |= newline_flags(sc.t, ws, i);
            continue;
        }
        st = scan_one(&sc, &i);
    }
    dl_strbuf_release(&sc.fold);
    if (st == DL_OK && doc->toks.n) st = split_sentences(doc);
    return st;
}

/* News articles are kilobytes long; a body past this is not one article,
 * and the later stages' cost grows with it.  The rest is not coded. */
#define MAX_CODED_BYTES (2u * 1024 * 1024)

dl_status dl_tokenize_run(dl_engine *eng, dl_doc *doc) {
    (void)eng;
    if (!doc->article.body) return DL_OK;
    size_t full = doc->article.body_len;
    if (full > MAX_CODED_BYTES) {
        size_t cut = MAX_CODED_BYTES;
        while (cut > 0 && ((unsigned char)doc->article.body[cut] & 0xC0) == 0x80) cut--;
        doc->article.body_len = cut;
        dl_doc_diag(doc, "tokenize", DL_DIAG_WARNING, (int64_t)cut,
                    "%s: body is %zu bytes; only the first %zu are coded", doc->name, full, cut);
    }
    dl_status st = dl_tokenize_text(doc);
    doc->article.body_len = full;
    if (st == DL_ERR_NOMEM)
        dl_doc_diag(doc, "tokenize", DL_DIAG_ERROR, -1, "%s: out of memory while tokenizing", doc->name);
    return st;
}
