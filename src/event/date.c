/*
 * event/date.c -- when and where an event happened, from its sentence.
 * Relative expressions resolve against the publication date: a weekday
 * means the last such day on or before it ("on Saturday" in a Sunday
 * paper is the day before), "yesterday" the day before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event/event.h"

static const char *const WEEKDAYS[] = {"sunday", "monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday"};
static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};

static int parse_ymd(const char *s, struct tm *tm) {
    memset(tm, 0, sizeof *tm);
    if (!s || strlen(s) < 10) return 0;
    tm->tm_year = atoi(s) - 1900;
    tm->tm_mon = atoi(s + 5) - 1;
    tm->tm_mday = atoi(s + 8);
    tm->tm_hour = 12;
    return timegm(tm) != (time_t)-1;
}

static void add_days(const char *pub, int days, char out[11]) {
    struct tm tm;
    if (!parse_ymd(pub, &tm)) { out[0] = '\0'; return; }
    time_t t = timegm(&tm) + (time_t)days * 86400;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int weekday_of(const char *pub) {
    struct tm tm;
    if (!parse_ymd(pub, &tm)) return -1;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    return tm.tm_wday;
}

static int month_index(const char *w) {
    size_t n = strlen(w);
    if (n && w[n - 1] == '.') n--;
    if (n < 3) return -1;
    for (int m = 0; m < 12; m++)
        if (strncmp(MONTHS[m], w, n) == 0 && (n == strlen(MONTHS[m]) || n == 3 || (m == 8 && n == 4)))
            return m;
    return -1;
}

/* Writes "YYYY-MM-DD" into out[11]; parts are clamped to their ranges. */
static void fmt_date(char out[11], int y, int m, int d) {
    char buf[32];
    y = y < 0 ? 0 : y > 9999 ? 9999 : y;
    m = m < 1 ? 1 : m > 12 ? 12 : m;
    d = d < 1 ? 1 : d > 31 ? 31 : d;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 11);
}

static int number(const dl_token *t) {
    if (t->kind != DL_TOK_NUM) return -1;
    return atoi(t->norm);
}

/* Explicit date at token i: "April 29[, 2023]" or "29 April [2023]". */
static int explicit_date(const dl_doc *doc, size_t i, size_t end, const char *pub, char out[11]) {
    int m = month_index(doc->toks.v[i].norm);
    if (m < 0 || !(doc->toks.v[i].flags & DL_TF_CAP)) return 0;
    int day = -1, year = pub && pub[0] ? atoi(pub) : -1;
    if (i + 1 < end && (day = number(&doc->toks.v[i + 1])) >= 1 && day <= 31) {
        size_t y = i + 2;
        if (y < end && doc->toks.v[y].norm[0] == ',') y++;
        if (y < end && number(&doc->toks.v[y]) >= 1900) year = number(&doc->toks.v[y]);
    } else if (i > 0 && (day = number(&doc->toks.v[i - 1])) >= 1 && day <= 31) {
        if (i + 1 < end && number(&doc->toks.v[i + 1]) >= 1900) year = number(&doc->toks.v[i + 1]);
    } else {
        return 0;
    }
    if (year < 0) return 0;
    fmt_date(out, year, m + 1, day);
    if (pub && pub[0] && strcmp(out, pub) > 0 && i + 2 < end && number(&doc->toks.v[i + 2]) < 1900)
        fmt_date(out, year - 1, m + 1, day);
    return 1;
}

static int relative_date(const dl_doc *doc, size_t i, const char *pub, char out[11]) {
    if (!pub || !pub[0]) return 0;
    const char *w = doc->toks.v[i].norm;
    if (strcmp(w, "yesterday") == 0) { add_days(pub, -1, out); return 1; }
    if (strcmp(w, "today") == 0) { memcpy(out, pub, 11); return 1; }
    for (int d = 0; d < 7; d++)
        if (strcmp(w, WEEKDAYS[d]) == 0) {
            int back = (weekday_of(pub) - d + 7) % 7;
            add_days(pub, -back, out);
            return 1;
        }
    return 0;
}

static int year_only(const dl_doc *doc, size_t i, size_t s0, char out[11]) {
    int y = number(&doc->toks.v[i]);
    if (y < 1900 || y > 2099 || doc->toks.v[i].len != 4) return 0;
    int after_in = i > s0 && (strcmp(doc->toks.v[i - 1].norm, "in") == 0 ||
                              strcmp(doc->toks.v[i - 1].norm, "the") == 0 ||
                              strcmp(doc->toks.v[i - 1].norm, "since") == 0);
    if (!after_in) return 0;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d", y);
    memcpy(out, buf, 5);
    return 1;
}

/* The most specific date the sentence gives: 3 explicit, 2 relative, 1 year. */
static int sentence_date(const dl_doc *doc, uint32_t sent, const char *pub, char out[11]) {
    const dl_sent *s = &doc->sents.v[sent];
    int best = 0;
    char cand[11];
    for (size_t i = s->tok0; i < s->tok0 + s->ntok; i++) {
        int rank = 0;
        if (explicit_date(doc, i, s->tok0 + s->ntok, pub, cand)) rank = 3;
        else if (relative_date(doc, i, pub, cand)) rank = 2;
        else if (year_only(doc, i, s->tok0, cand)) rank = 1;
        if (rank > best) { best = rank; memcpy(out, cand, 11); }
    }
    return best;
}

void dl__event_story_date(const dl_doc *doc, const char *pub, char out[11]) {
    out[0] = '\0';
    for (uint32_t s = 0; s < doc->sents.n && s < 4; s++) {
        char d[11];
        if (sentence_date(doc, s, pub, d) >= 2) { memcpy(out, d, 11); return; }
    }
}

void dl__event_date(const dl_doc *doc, uint32_t sent, const char *pub, const char *story, char out[11]) {
    out[0] = '\0';
    if (sentence_date(doc, sent, pub, out)) return;
    const char *fallback = story && story[0] ? story : pub;
    if (fallback) memcpy(out, fallback, 11);
}

int dl__event_place(const dl_doc *doc, uint32_t sent) {
    const dl_sent *s = &doc->sents.v[sent];
    for (size_t m = 0; m < doc->mentions.n; m++) {
        const dl_mention *x = &doc->mentions.v[m];
        if (x->sent != sent || x->actor < 0 || x->tok0 == s->tok0) continue;
        const char *prev = doc->toks.v[x->tok0 - 1].norm;
        const dl_actor *a = &doc->actors.v[x->actor];
        if ((strcmp(prev, "in") == 0 || strcmp(prev, "at") == 0) && a->type &&
            (strcmp(a->type, "GPE") == 0 || strcmp(a->type, "LOC") == 0) && x->kind == DL_MENTION_NAME)
            return x->actor;
    }
    return -1;
}
