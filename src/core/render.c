/*
 * core/render.c -- the document as JSON (one object per article) and as
 * GDELT-like TSV rows.  One renderer serves the CLI, the store and the API.
 * Field list: docs/output.md; the scorer's contract: ../shared/gold/FORMAT.md.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/map.h"
#include "core/render.h"
#include "core/strbuf.h"

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *span_json(uint32_t off, uint32_t len) {
    return json_pack("[i,i]", (json_int_t)off, (json_int_t)(off + len));
}

static const char *actor_id(const dl_doc *doc, int i) {
    return i >= 0 && (size_t)i < doc->actors.n ? doc->actors.v[i].id : NULL;
}

enum { ID_BITS = 53 };

static uint64_t mix(uint64_t h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t mix_str(uint64_t h, const char *s) {
    return mix(mix(h, s ? s : "", s ? strlen(s) : 0), "\x1f", 1);
}

static uint64_t id_bits(uint64_t h) {
    h ^= h >> 29;   /* fold the high bits in before cutting to 53 */
    h &= (1ULL << ID_BITS) - 1;
    return h ? h : 1;
}

uint64_t dl__article_global_id(const dl_doc *doc) {
    const dl_article *a = &doc->article;
    uint64_t h = 0xcbf29ce484222325ULL;
    if (a->url && *a->url) {
        h = mix_str(mix(h, "u", 1), a->url);
    } else {
        h = mix_str(mix(h, "c", 1), a->title);
        h = mix(h, a->body ? a->body : "", a->body ? a->body_len : 0);
    }
    return id_bits(h);
}

void dl__event_global_ids(const dl_doc *doc, uint64_t article, uint64_t *ids) {
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        char span[64];
        snprintf(span, sizeof span, "%u:%u:%u", (unsigned)e->sent, (unsigned)e->off, (unsigned)e->len);
        uint64_t h = mix(0xcbf29ce484222325ULL, &article, sizeof article);
        h = mix_str(h, e->cameo);
        h = mix_str(h, e->source_code);
        h = mix_str(h, e->target_code);
        h = mix_str(h, e->date);
        h = mix_str(h, span);
        uint64_t id = id_bits(h);
        for (size_t k = 0; k < i; k++)   /* distinct within the article, come what may */
            if (ids[k] == id) { id = id_bits(mix(h, &k, sizeof k)); k = (size_t)-1; }
        ids[i] = id;
    }
}

json_t *dl__geo_json(const dl_geo_place *p) {
    if (!p) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(p->type == 1 ? "country" : "city"));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "full_name", json_string(p->full));
    json_object_set_new(o, "country", json_string(p->country));
    json_object_set_new(o, "fips", *p->fips ? json_string(p->fips) : json_null());
    json_object_set_new(o, "adm1", *p->adm1 ? json_string(p->adm1) : json_null());
    json_object_set_new(o, "lat", json_real(p->lat));
    json_object_set_new(o, "lon", json_real(p->lon));
    json_object_set_new(o, "geonames_id", p->geonameid ? json_integer(p->geonameid) : json_null());
    return o;
}

static const dl_geo_place *actor_geo(const dl_doc *doc, int i) {
    return doc->actor_geo && i >= 0 && (size_t)i < doc->actors.n ? doc->actor_geo[i] : NULL;
}

json_t *dl__article_json(const dl_doc *doc, int flags) {
    const dl_article *a = &doc->article;
    json_t *authors = json_array();
    for (size_t i = 0; i < a->n_authors; i++) json_array_append_new(authors, json_string(a->authors[i]));
    json_t *o = json_object();
    json_object_set_new(o, "global_id", json_integer((json_int_t)dl__article_global_id(doc)));
    json_object_set_new(o, "source", str_or_null(doc->name));
    json_object_set_new(o, "url", str_or_null(a->url));
    json_object_set_new(o, "site", str_or_null(a->site));
    json_object_set_new(o, "title", str_or_null(a->title));
    json_object_set_new(o, "subtitle", str_or_null(a->subtitle));
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "published", str_or_null(a->published));
    json_object_set_new(o, "fetched", str_or_null(a->fetched));
    json_object_set_new(o, "dateline", str_or_null(a->dateline));
    json_object_set_new(o, "language", str_or_null(a->language));
    if (!(flags & DL_JSON_NO_BODY) && a->body)
        json_object_set_new(o, "body", json_stringn(a->body, a->body_len));
    return o;
}

static json_t *actors_json(const dl_doc *doc) {
    json_t *arr = json_array();
    for (size_t i = 0; i < doc->actors.n; i++) {
        const dl_actor *a = &doc->actors.v[i];
        if (!dl_doc_actor_listed(doc, (int)i)) continue;
        json_t *spans = json_array();
        for (size_t m = 0; m < doc->mentions.n; m++)
            if (doc->mentions.v[m].actor == (int)i)
                json_array_append_new(spans, span_json(doc->mentions.v[m].off, doc->mentions.v[m].len));
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(a->id));
        json_object_set_new(o, "name", json_string(a->name));
        json_object_set_new(o, "type", str_or_null(a->type));
        json_object_set_new(o, "country", str_or_null(a->country));
        json_object_set_new(o, "code", str_or_null(a->code));
        json_object_set_new(o, "role", str_or_null(a->role));
        if (actor_geo(doc, (int)i)) json_object_set_new(o, "geo", dl__geo_json(actor_geo(doc, (int)i)));
        json_object_set_new(o, "mentions", spans);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *sentence_text(const dl_doc *doc, uint32_t s) {
    if (s >= doc->sents.n) return json_null();
    const dl_sent *st = &doc->sents.v[s];
    return json_stringn(DL_SPAN_PTR(doc, st->off), st->len);
}

static json_t *quotes_json(const dl_doc *doc) {
    json_t *arr = json_array();
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        json_t *o = json_object();
        const char *spk = actor_id(doc, q->speaker);
        json_object_set_new(o, "speaker", spk ? json_string(spk) : str_or_null(q->speaker_text));
        json_object_set_new(o, "speaker_name",
                            q->speaker >= 0 ? json_string(doc->actors.v[q->speaker].name)
                                            : str_or_null(q->speaker_text));
        json_object_set_new(o, "kind", json_string(q->direct ? "direct" : "indirect"));
        json_object_set_new(o, "text", str_or_null(q->text));
        json_object_set_new(o, "cue", str_or_null(q->cue));
        json_object_set_new(o, "span", span_json(q->off, q->len));
        json_object_set_new(o, "sentence", sentence_text(doc, q->sent));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The indexes of the sentences that state the event, ascending. */
static json_t *support_json(const dl_event *e) {
    json_t *arr = json_array();
    if (!e->n_support) json_array_append_new(arr, json_integer(e->sent));
    for (uint32_t k = 0; k < e->n_support; k++)
        json_array_append_new(arr, json_integer(e->support[k]));
    return arr;
}

static json_t *events_json(const dl_doc *doc) {
    json_t *arr = json_array();
    uint64_t *ids = doc->events.n ? malloc(doc->events.n * sizeof *ids) : NULL;
    if (doc->events.n && !ids) return arr;
    dl__event_global_ids(doc, dl__article_global_id(doc), ids);
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        json_t *o = json_object();
        json_object_set_new(o, "global_id", json_integer((json_int_t)ids[i]));
        json_object_set_new(o, "source", str_or_null(actor_id(doc, e->source)));
        json_object_set_new(o, "target", str_or_null(actor_id(doc, e->target)));
        json_object_set_new(o, "source_name",
                            e->source >= 0 ? json_string(doc->actors.v[e->source].name) : json_null());
        json_object_set_new(o, "target_name",
                            e->target >= 0 ? json_string(doc->actors.v[e->target].name) : json_null());
        json_object_set_new(o, "source_code", str_or_null(e->source_code));
        json_object_set_new(o, "target_code", str_or_null(e->target_code));
        json_object_set_new(o, "cameo", json_string(e->cameo));
        json_object_set_new(o, "root", json_stringn(e->cameo, 2));
        json_object_set_new(o, "goldstein", json_real(e->goldstein));
        json_object_set_new(o, "quad", json_integer(e->quad));
        json_object_set_new(o, "plover", str_or_null(e->plover));
        json_object_set_new(o, "plover_mode", e->plover_mode && *e->plover_mode
                                                  ? json_string(e->plover_mode) : json_null());
        json_object_set_new(o, "date", e->date[0] ? json_string(e->date) : json_null());
        json_object_set_new(o, "place", str_or_null(actor_id(doc, e->place)));
        json_object_set_new(o, "geo", dl__geo_json(e->geo));
        json_object_set_new(o, "text", sentence_text(doc, e->sent));
        json_object_set_new(o, "span", span_json(e->off, e->len));
        json_object_set_new(o, "rule", str_or_null(e->rule));
        json_object_set_new(o, "confidence", json_real(e->confidence));
        json_object_set_new(o, "quote", e->quote >= 0 ? json_integer(e->quote) : json_null());
        json_object_set_new(o, "sentences", support_json(e));
        json_object_set_new(o, "support", json_integer(dl_event_support(e)));
        if (e->n_issues) {   /* only with users' issue dictionaries */
            json_t *issues = json_array();
            for (uint32_t k = 0; k < e->n_issues; k++) json_array_append_new(issues, json_string(e->issues[k]));
            json_object_set_new(o, "issues", issues);
        }
        json_array_append_new(arr, o);
    }
    free(ids);
    return arr;
}

static json_t *diags_json(const dl_doc *doc) {
    static const char *sev[] = {"info", "warning", "error"};
    json_t *arr = json_array();
    for (size_t i = 0; i < doc->diags.n; i++) {
        const dl_diag *d = &doc->diags.v[i];
        json_array_append_new(arr, json_pack("{s:s,s:s,s:I,s:s}", "stage", d->stage, "severity",
                                             sev[d->severity % 3], "offset", (json_int_t)d->offset,
                                             "message", d->message ? d->message : ""));
    }
    return arr;
}

char *dl_doc_to_json(const dl_doc *doc, int flags) {
    json_t *root = json_object();
    json_object_set_new(root, "article", dl__article_json(doc, flags));
    json_object_set_new(root, "actors", actors_json(doc));
    json_object_set_new(root, "quotes", quotes_json(doc));
    json_object_set_new(root, "events", events_json(doc));
    json_object_set_new(root, "diagnostics", diags_json(doc));
    size_t jf = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6);
    jf |= (flags & DL_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
    char *s = json_dumps(root, jf);
    json_decref(root);
    return s;
}

const char *dl_tsv_header(void) {
    return "event_id\tdate\tsource_code\tsource_name\tsource_country\ttarget_code\ttarget_name"
           "\ttarget_country\tcameo\troot\tquad\tgoldstein\tplover\tplace\tconfidence\trule"
           "\tarticle\tsentence\tsentences\tissues\tplover_mode\tglobal_id\tarticle_global_id"
           "\tplace_country\tplace_lat\tplace_lon\n";
}

void dl__event_issues_add(dl_strbuf *b, const dl_event *e) {
    for (uint32_t k = 0; k < e->n_issues; k++) {
        if (k) dl_strbuf_addc(b, ',');
        dl_strbuf_adds(b, e->issues[k]);
    }
}

/* Writes s with TAB, CR and LF turned into spaces so a row stays one line. */
static void add_field(dl_strbuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n && s; i++) {
        char c = s[i];
        dl_strbuf_addc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
    }
    dl_strbuf_addc(b, '\t');
}

static void add_actor_fields(dl_strbuf *b, const dl_doc *doc, int i, const char *on_date) {
    const dl_actor *a = i >= 0 ? &doc->actors.v[i] : NULL;
    const char *code = on_date ? on_date : a && a->code ? a->code : "";
    const char *name = a ? a->name : "";
    const char *cty = a && a->country ? a->country : "";
    add_field(b, code, strlen(code));
    add_field(b, name, strlen(name));
    add_field(b, cty, strlen(cty));
}

char *dl_doc_to_tsv(const dl_doc *doc) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "");
    uint64_t article = dl__article_global_id(doc);
    uint64_t *ids = doc->events.n ? malloc(doc->events.n * sizeof *ids) : NULL;
    if (doc->events.n && !ids) { dl_strbuf_release(&b); return NULL; }
    dl__event_global_ids(doc, article, ids);
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        dl_strbuf_printf(&b, "%llu\t", (unsigned long long)ids[i]);
        add_field(&b, e->date, strlen(e->date));
        add_actor_fields(&b, doc, e->source, e->source_code);
        add_actor_fields(&b, doc, e->target, e->target_code);
        dl_strbuf_printf(&b, "%s\t%.2s\t%d\t%.1f\t", e->cameo, e->cameo, e->quad, e->goldstein);
        const char *pl = e->plover ? e->plover : "";
        add_field(&b, pl, strlen(pl));
        const char *place = e->place >= 0 ? doc->actors.v[e->place].name : "";
        add_field(&b, place, strlen(place));
        dl_strbuf_printf(&b, "%.2f\t", e->confidence);
        const char *rule = e->rule ? e->rule : "";
        add_field(&b, rule, strlen(rule));
        const char *src = doc->article.url ? doc->article.url : doc->name ? doc->name : "";
        add_field(&b, src, strlen(src));
        const dl_sent *s = &doc->sents.v[e->sent];
        add_field(&b, DL_SPAN_PTR(doc, s->off), s->len);
        dl_strbuf_printf(&b, "%u\t", (unsigned)dl_event_support(e));
        dl__event_issues_add(&b, e);
        const char *mode = e->plover_mode ? e->plover_mode : "";
        dl_strbuf_addc(&b, '\t');
        add_field(&b, mode, strlen(mode));
        dl_strbuf_printf(&b, "%llu\t%llu\t", (unsigned long long)ids[i], (unsigned long long)article);
        if (e->geo) dl_strbuf_printf(&b, "%s\t%.5f\t%.5f", e->geo->country, e->geo->lat, e->geo->lon);
        else dl_strbuf_adds(&b, "\t\t");
        dl_strbuf_addc(&b, '\n');
    }
    free(ids);
    return dl_strbuf_detach(&b);
}
