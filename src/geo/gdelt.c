/*
 * geo/gdelt.c -- events as rows of the GDELT 2.0 event table: 61
 * tab-separated columns in the order of the GDELT Event Codebook V2.0
 * (2015) and its BigQuery schema, no header (as GDELT's export files).
 * Column by column: docs/output.md; the SQLite schema: docs/gdelt-events.sql.
 *
 * The one writer of those rows: dl__geo_gdelt_row() writes a row from a
 * dl__gdelt_event, which dl_doc_to_gdelt() (`code --format gdelt`) fills
 * from a coded document and query/gdelt.c (the API's format=gdelt) from a
 * stored event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/render.h"
#include "core/strbuf.h"
#include "geo/geo.h"

/* Writes s with TAB, CR and LF turned into spaces, then a TAB. */
static void field(dl_strbuf *b, const char *s) {
    for (; s && *s; s++) dl_strbuf_addc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
    dl_strbuf_addc(b, '\t');
}

/* The number of n digits at s, or -1 when they are not all digits. */
static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* SQLDATE, MonthYear, Year, FractionDate of a YYYY-MM-DD day (a month or
 * a year alone counts from its first day); empty when there is none.
 * FractionDate is computed as GDELT's files have it: YEAR + ((MONTH - 1) *
 * 30 + DAY) / 365, four decimals (20190125 -> 2019.0685). */
static void date_fields(dl_strbuf *b, const char *day) {
    size_t n = day ? strlen(day) : 0;
    int y = n >= 4 ? digits(day, 4) : -1;
    int m = n >= 7 && day[4] == '-' ? digits(day + 5, 2) : 1;
    int d = n >= 10 && day[7] == '-' ? digits(day + 8, 2) : 1;
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
        dl_strbuf_adds(b, "\t\t\t\t");
        return;
    }
    dl_strbuf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y,
                     y + ((m - 1) * 30 + d) / 365.0);
}

/* Actor<N>Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code: the code
 * read in 3-letter parts, each filed by its kind in
 * data/cameo/actor_codes.tsv (the first country, group and ethnic part,
 * two religions, three types or roles). */
static void actor_fields(dl_strbuf *b, const struct dl_code_parts *parts, const dl__gdelt_actor *a) {
    char country[4] = "", group[4] = "", ethnic[4] = "", rel[2][4] = {"", ""}, type[3][4] = {"", "", ""};
    int nrel = 0, ntype = 0;
    size_t n = a->code ? strlen(a->code) : 0;
    for (size_t k = 0; k + 3 <= n; k += 3) {
        char part[4] = {a->code[k], a->code[k + 1], a->code[k + 2], '\0'};
        switch (dl_code_part_kind(parts, part)) {
        case DL_PART_COUNTRY: if (!country[0]) memcpy(country, part, 4); break;
        case DL_PART_GROUP: if (!group[0]) memcpy(group, part, 4); break;
        case DL_PART_ETHNIC: if (!ethnic[0]) memcpy(ethnic, part, 4); break;
        case DL_PART_RELIGION: if (nrel < 2) memcpy(rel[nrel++], part, 4); break;
        case DL_PART_ROLE: if (ntype < 3) memcpy(type[ntype++], part, 4); break;
        default: break;
        }
    }
    if (!country[0] && a->country) snprintf(country, sizeof country, "%s", a->country);
    field(b, a->code);
    field(b, a->name);
    field(b, country);
    field(b, group);
    field(b, ethnic);
    field(b, rel[0]);
    field(b, rel[1]);
    field(b, type[0]);
    field(b, type[1]);
    field(b, type[2]);
}

/* <X>Geo_Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code
 * (empty: no GAUL codes here), Lat, Long, FeatureID (the GeoNames id of a
 * city, the FIPS code of a country).  Type 0 and empty fields when the
 * place is not known. */
static void geo_fields(dl_strbuf *b, const dl_geo_place *p) {
    if (!p) {
        dl_strbuf_adds(b, "0\t\t\t\t\t\t\t\t");
        return;
    }
    dl_strbuf_printf(b, "%d\t", p->type);
    field(b, p->full);
    field(b, p->fips);
    field(b, p->adm1);
    dl_strbuf_addc(b, '\t');
    dl_strbuf_printf(b, "%.4f\t%.4f\t", p->lat, p->lon);
    if (p->geonameid) dl_strbuf_printf(b, "%ld\t", p->geonameid);
    else field(b, p->fips);
}

void dl__geo_gdelt_row(dl_strbuf *b, const struct dl_code_parts *parts, const dl__gdelt_event *e) {
    dl_strbuf_printf(b, "%llu\t", (unsigned long long)e->id);      /* GLOBALEVENTID */
    date_fields(b, e->day);
    actor_fields(b, parts, &e->actor[0]);
    actor_fields(b, parts, &e->actor[1]);
    const char *cameo = e->cameo ? e->cameo : "";
    size_t clen = strlen(cameo);
    dl_strbuf_printf(b, "%d\t", e->is_root ? 1 : 0);               /* IsRootEvent */
    field(b, cameo);
    dl_strbuf_printf(b, "%.*s\t%.2s\t%d\t%.1f\t", (int)(clen > 3 ? 3 : clen), cameo, cameo,
                     e->quad, e->goldstein);
    /* NumMentions (sentences stating it), NumSources, NumArticles, AvgTone (not measured) */
    dl_strbuf_printf(b, "%u\t1\t1\t\t", e->mentions ? e->mentions : 1);
    geo_fields(b, e->actor[0].geo);
    geo_fields(b, e->actor[1].geo);
    geo_fields(b, e->action);
    field(b, e->date_added);
    for (const char *s = e->url; s && *s; s++)
        dl_strbuf_addc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
    dl_strbuf_addc(b, '\n');
}

/* ---- from a coded document ---------------------------------------------- */

/* The day of the event: its own date when it is a whole day, else the
 * publication date; "" when neither is known. */
static void event_day(const dl_doc *doc, const dl_event *e, char out[11]) {
    if (strlen(e->date) == 10) memcpy(out, e->date, 11);
    else dl_doc_pub_date(doc, out);
}

/* Actor i of doc (-1: none) as a side of a row; code is the code on the
 * event's date when the event has one. */
static dl__gdelt_actor doc_actor(const dl_doc *doc, int i, const char *code) {
    const dl_actor *a = i >= 0 && (size_t)i < doc->actors.n ? &doc->actors.v[i] : NULL;
    dl__gdelt_actor out = {code ? code : a ? a->code : NULL, a ? a->name : NULL,
                           a ? a->country : NULL, NULL};
    if (a && doc->actor_geo) out.geo = doc->actor_geo[i];
    return out;
}

char *dl_doc_to_gdelt(const dl_engine *eng, const dl_doc *doc, const char *date_added) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "");
    uint64_t *ids = doc->events.n ? malloc(doc->events.n * sizeof *ids) : NULL;
    if (doc->events.n && !ids) { dl_strbuf_release(&b); return NULL; }
    dl__event_global_ids(doc, dl__article_global_id(doc), ids);
    const struct dl_code_parts *parts = eng ? eng->code_parts : NULL;
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        char day[11];
        event_day(doc, e, day);
        dl__gdelt_event row = {
            .id = ids[i],
            .day = day,
            .actor = {doc_actor(doc, e->source, e->source_code),
                      doc_actor(doc, e->target, e->target_code)},
            /* stated in the lead paragraph */
            .is_root = e->sent < doc->sents.n && doc->sents.v[e->sent].para == 0,
            .cameo = e->cameo,
            .quad = e->quad,
            .goldstein = e->goldstein,
            .mentions = dl_event_support(e),
            .action = e->geo,
            .date_added = date_added,
            .url = doc->article.url ? doc->article.url : doc->name,
        };
        dl__geo_gdelt_row(&b, parts, &row);
    }
    free(ids);
    return dl_strbuf_detach(&b);
}
