/*
 * geo/gdelt.c -- the document's events as rows of the GDELT 2.0 event table:
 * 61 tab-separated columns in the order of the GDELT Event Codebook V2.0
 * (2015) and its BigQuery schema, no header (as GDELT's export files).
 * Column by column: docs/output.md; the SQLite schema: docs/gdelt-events.sql.
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

/* The day of the event: its own date when it is a whole day, else the
 * publication date; "" when neither is known. */
static void event_day(const dl_doc *doc, const dl_event *e, char out[11]) {
    if (strlen(e->date) == 10) memcpy(out, e->date, 11);
    else dl_doc_pub_date(doc, out);
}

/* SQLDATE, MonthYear, Year, FractionDate.  FractionDate is computed as
 * GDELT's files have it: YEAR + ((MONTH - 1) * 30 + DAY) / 365, four
 * decimals (20190125 -> 2019.0685). */
static void date_fields(dl_strbuf *b, const char *day) {
    if (!day[0]) {
        dl_strbuf_adds(b, "\t\t\t\t");
        return;
    }
    int y = atoi(day), m = atoi(day + 5), d = atoi(day + 8);
    dl_strbuf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y,
                     y + ((m - 1) * 30 + d) / 365.0);
}

/* Actor<N>Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code: the code
 * read in 3-letter parts, each filed by its kind in
 * data/cameo/actor_codes.tsv (the first country, group and ethnic part,
 * two religions, three types or roles). */
static void actor_fields(dl_strbuf *b, const dl_engine *eng, const dl_doc *doc, int i,
                         const char *code) {
    const dl_actor *a = i >= 0 && (size_t)i < doc->actors.n ? &doc->actors.v[i] : NULL;
    if (!code && a) code = a->code;
    char country[4] = "", group[4] = "", ethnic[4] = "", rel[2][4] = {"", ""}, type[3][4] = {"", "", ""};
    int nrel = 0, ntype = 0;
    size_t n = code ? strlen(code) : 0;
    for (size_t k = 0; k + 3 <= n; k += 3) {
        char part[4] = {code[k], code[k + 1], code[k + 2], '\0'};
        switch (dl_code_part_kind(eng ? eng->code_parts : NULL, part)) {
        case DL_PART_COUNTRY: if (!country[0]) memcpy(country, part, 4); break;
        case DL_PART_GROUP: if (!group[0]) memcpy(group, part, 4); break;
        case DL_PART_ETHNIC: if (!ethnic[0]) memcpy(ethnic, part, 4); break;
        case DL_PART_RELIGION: if (nrel < 2) memcpy(rel[nrel++], part, 4); break;
        case DL_PART_ROLE: if (ntype < 3) memcpy(type[ntype++], part, 4); break;
        default: break;
        }
    }
    if (!country[0] && a && a->country) snprintf(country, sizeof country, "%s", a->country);
    field(b, code);
    field(b, a ? a->name : NULL);
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

static const dl_geo_place *actor_geo(const dl_doc *doc, int i) {
    return doc->actor_geo && i >= 0 && (size_t)i < doc->actors.n ? doc->actor_geo[i] : NULL;
}

char *dl_doc_to_gdelt(const dl_engine *eng, const dl_doc *doc, const char *date_added) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "");
    uint64_t *ids = doc->events.n ? malloc(doc->events.n * sizeof *ids) : NULL;
    if (doc->events.n && !ids) { dl_strbuf_release(&b); return NULL; }
    dl__event_global_ids(doc, dl__article_global_id(doc), ids);
    const char *url = doc->article.url ? doc->article.url : doc->name;
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        char day[11];
        event_day(doc, e, day);
        dl_strbuf_printf(&b, "%llu\t", (unsigned long long)ids[i]);      /* GLOBALEVENTID */
        date_fields(&b, day);
        actor_fields(&b, eng, doc, e->source, e->source_code);
        actor_fields(&b, eng, doc, e->target, e->target_code);
        /* IsRootEvent: stated in the lead paragraph */
        int root = e->sent < doc->sents.n && doc->sents.v[e->sent].para == 0;
        size_t clen = strlen(e->cameo);
        dl_strbuf_printf(&b, "%d\t%s\t%.*s\t%.2s\t%d\t%.1f\t", root, e->cameo,
                         (int)(clen > 3 ? 3 : clen), e->cameo, e->cameo, e->quad, e->goldstein);
        /* NumMentions (sentences stating it), NumSources, NumArticles, AvgTone (not measured) */
        dl_strbuf_printf(&b, "%u\t1\t1\t\t", (unsigned)dl_event_support(e));
        geo_fields(&b, actor_geo(doc, e->source));
        geo_fields(&b, actor_geo(doc, e->target));
        geo_fields(&b, e->geo);
        field(&b, date_added);
        for (const char *s = url; s && *s; s++)
            dl_strbuf_addc(&b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
        dl_strbuf_addc(&b, '\n');
    }
    free(ids);
    return dl_strbuf_detach(&b);
}
