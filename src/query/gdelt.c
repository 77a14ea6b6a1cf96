/*
 * query/gdelt.c -- stored events as rows of the GDELT 2.0 event table: 61
 * tab-separated columns, no header, one event a line, in the order of the
 * GDELT Event Codebook V2.0 (the layout `code --format gdelt` writes for
 * freshly coded documents).  What the store does not keep (religion,
 * ethnicity, tone, coordinates) is left empty; docs/output.md lists the
 * columns.
 *
 * Written for the API's format=gdelt (issue 14) as one small function so
 * that the CLI's --format gdelt (issue 12) can share it: one GDELT writer.
 */
#include <stdio.h>
#include <string.h>

#include "query/query.h"

/* The organisation codes that stand first in a CAMEO actor code where a
 * country would (CAMEO manual 1.1b3, chapter 3: IGO, NGO, ...). */
static int is_group(const char *code) {
    static const char *const groups[] = {"IGO", "NGO", "IMG", "MNC"};
    for (size_t i = 0; code && i < sizeof groups / sizeof *groups; i++)
        if (!strncmp(code, groups[i], 3)) return 1;
    return 0;
}

/* One field: TAB, CR and LF become spaces; NULL is empty. */
static void field(FILE *fp, const char *s, int last) {
    for (const char *p = s ? s : ""; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, fp);
    fputc(last ? '\n' : '\t', fp);
}

static void empty(FILE *fp, int n) {
    while (n-- > 0) fputc('\t', fp);
}

/* Three letters of code at byte at into part, "" past its end. */
static void part_at(const char *code, size_t at, char part[4]) {
    part[0] = '\0';
    if (code && strlen(code) >= at + 3) snprintf(part, 4, "%.3s", code + at);
}

/* The ten actor columns: code, name, country, known group, ethnic,
 * religion 1 and 2, types 1 to 3.  An organisation's code gives its type
 * (IGO) and its last three letters the known group (IGOWSTNAT: NAT); any
 * other code gives the three-letter parts after its country as types
 * (USAGOV: GOV). */
static void actor(FILE *fp, const char *code, const char *name, const char *country) {
    int group = is_group(code);
    size_t len = code ? strlen(code) : 0;
    char known[4] = "", types[3][4] = {"", "", ""};
    if (group) {
        part_at(code, len >= 6 ? len - 3 : len, known);
        part_at(code, 0, types[0]);
    } else {
        size_t skip = country && code && !strncmp(code, country, 3) ? 3 : 0;
        for (int t = 0; t < 3; t++) part_at(code, skip + 3 * (size_t)t, types[t]);
    }
    field(fp, code, 0);
    field(fp, name, 0);
    field(fp, group ? NULL : country, 0);
    field(fp, known, 0);
    empty(fp, 3);   /* ethnic, religion 1, religion 2 */
    for (int t = 0; t < 3; t++) field(fp, types[t], 0);
}

/* SQLDATE, MonthYear, Year, FractionDate from a YYYY[-MM[-DD]] date (a
 * missing month or day counts as the first); all empty when the event has
 * no date.  FractionDate is the year plus ((month - 1) * 30 + day) / 365,
 * as GDELT's files have it. */
static void dates(FILE *fp, const char *date) {
    size_t n = date ? strlen(date) : 0;
    if (n < 4) {
        empty(fp, 4);
        return;
    }
    int y = 0, m = 1, d = 1;
    for (int i = 0; i < 4; i++) y = y * 10 + (date[i] - '0');
    if (n >= 7) m = (date[5] - '0') * 10 + (date[6] - '0');
    if (n >= 10) d = (date[8] - '0') * 10 + (date[9] - '0');
    fprintf(fp, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y,
            y + ((m - 1) * 30 + d) / 365.0);
}

/* A geography block of eight columns (type, full name, country, ADM1,
 * ADM2, latitude, longitude, feature id), only the name known. */
static void geo(FILE *fp, const char *place) {
    field(fp, place && *place ? "1" : NULL, 0);   /* 1: a country or a place named */
    field(fp, place, 0);
    empty(fp, 6);
}

void dl_query_gdelt_event(FILE *fp, const dl_event_row *r) {
    fprintf(fp, "%lld\t", r->id);
    dates(fp, r->date);
    actor(fp, r->source_code, r->source_name, r->source_country);
    actor(fp, r->target_code, r->target_name, r->target_country);
    char base[4] = "";
    if (r->cameo) snprintf(base, sizeof base, "%.3s", r->cameo);
    fprintf(fp, "0\t");   /* IsRootEvent: where in the article is not kept */
    field(fp, r->cameo, 0);
    field(fp, base, 0);
    field(fp, r->root, 0);
    fprintf(fp, "%d\t%.1f\t%lld\t1\t1\t\t", r->quad, r->goldstein,
            r->n_sentences > 0 ? r->n_sentences : 1);
    geo(fp, NULL);
    geo(fp, NULL);
    geo(fp, r->place);
    fputc('\t', fp);   /* DATEADDED */
    field(fp, r->article, 1);
}

int dl_query_write_gdelt(const dl_event_row *r, void *vw) {
    dl_query_writer *w = vw;
    dl_query_gdelt_event(w->fp, r);
    w->rows++;
    return ferror(w->fp) ? 1 : 0;
}
