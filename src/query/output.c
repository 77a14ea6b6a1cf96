/*
 * query/output.c -- query rows as text: an aligned table for a terminal,
 * JSON Lines (one object per row), CSV (RFC 4180 quoting) or TSV (the
 * columns of dl_tsv_header(), so stored and freshly coded events line up).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "query/query.h"

int dl_out_format_parse(const char *name, dl_out_format *out) {
    static const char *const names[] = {"table", "json", "csv", "tsv"};
    for (int i = 0; i < 4; i++)
        if (name && !strcmp(name, names[i])) {
            *out = (dl_out_format)i;
            return 0;
        }
    return -1;
}

const char *dl_query_quote_tsv_header(void) {
    return "quote_id\tdate\tspeaker_code\tspeaker_name\tspeaker_country\tkind\tcue\ttext"
           "\tarticle\tsentence\n";
}

/* ---- table ------------------------------------------------------------------ */

enum { W_DATE = 10, W_ACTOR = 22, W_CAMEO = 5, W_KIND = 8, W_GOLD = 5, W_TEXT = 60 };

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Characters (code points) in s[0..n). */
static int char_count(const char *s, size_t n) {
    int chars = 0;
    for (size_t i = 0; i < n; i++) chars += ((unsigned char)s[i] & 0xc0) != 0x80;
    return chars;
}

/* The byte length of the first nchars characters of s[0..n). */
static size_t char_prefix(const char *s, size_t n, int nchars) {
    size_t i = 0;
    for (int c = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80 && c++ == nchars) break;
    }
    return i;
}

/* Prints s in width characters: white space runs become one space, a
 * longer text is cut and ends in "...", a shorter one is padded when pad is
 * set.  NULL and "" print as "-". */
static void cell(FILE *fp, const char *s, int width, int pad) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    for (const char *p = s ? s : ""; *p; p++) {
        if (is_space(*p) && (b.len == 0 || b.s[b.len - 1] == ' ')) continue;
        dl_strbuf_addc(&b, is_space(*p) ? ' ' : *p);
    }
    while (b.len && b.s[b.len - 1] == ' ') b.len--;
    const char *text = b.len && !b.oom ? b.s : "-";
    size_t len = b.len && !b.oom ? b.len : 1;
    int chars = char_count(text, len), cut = chars > width;
    if (cut) {
        len = char_prefix(text, len, width - 3);
        while (len && text[len - 1] == ' ') len--;
        chars = char_count(text, len) + 3;
    }
    fwrite(text, 1, len, fp);
    if (cut) fputs("...", fp);
    for (; pad && chars < width; chars++) fputc(' ', fp);
    dl_strbuf_release(&b);
}

static const char *either(const char *a, const char *b) { return a && *a ? a : b; }

static void table_event(FILE *fp, const dl_event_row *r) {
    cell(fp, r->date, W_DATE, 1);
    fputs("  ", fp);
    cell(fp, either(r->source_name, r->source_code), W_ACTOR, 1);
    fputs("  ", fp);
    cell(fp, r->cameo, W_CAMEO, 1);
    fputs("  ", fp);
    cell(fp, either(r->target_name, r->target_code), W_ACTOR, 1);
    fprintf(fp, "  %*.1f  ", W_GOLD, r->goldstein);
    cell(fp, r->sentence, W_TEXT, 0);
    fputc('\n', fp);
}

static void table_quote(FILE *fp, const dl_quote_row *r) {
    cell(fp, r->date, W_DATE, 1);
    fputs("  ", fp);
    cell(fp, either(r->speaker_name, r->speaker_code), W_ACTOR, 1);
    fputs("  ", fp);
    cell(fp, r->kind, W_KIND, 1);
    fputs("  ", fp);
    cell(fp, r->text, W_TEXT, 0);
    fputc('\n', fp);
}

static void table_header(FILE *fp, dl_query_kind kind) {
    if (kind == DL_QUERY_EVENTS)
        fprintf(fp, "%-*s  %-*s  %-*s  %-*s  %*s  %s\n", W_DATE, "DATE", W_ACTOR, "SOURCE",
                W_CAMEO, "CAMEO", W_ACTOR, "TARGET", W_GOLD, "GOLD", "SENTENCE");
    else
        fprintf(fp, "%-*s  %-*s  %-*s  %s\n", W_DATE, "DATE", W_ACTOR, "SPEAKER", W_KIND, "KIND",
                "TEXT");
}

/* ---- JSON ------------------------------------------------------------------- */

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

/* Rounds for output so 0.8f stored as a double prints as 0.8. */
static json_t *jreal(double v, double scale) { return json_real(round(v * scale) / scale); }

static char *dump(json_t *o) {
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
                : NULL;
    json_decref(o);
    return s;
}

/* The stored issues "A,B" as a JSON array ["A", "B"]; [] when none. */
static json_t *issues_json(const char *issues) {
    json_t *a = json_array();
    for (const char *p = issues; a && p && *p;) {
        size_t n = strcspn(p, ",");
        if (n) json_array_append_new(a, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    return a;
}

char *dl_query_event_json(const dl_event_row *r) {
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "event_id", json_integer(r->id));
    json_object_set_new(o, "date", jstr(r->date));
    json_object_set_new(o, "source_code", jstr(r->source_code));
    json_object_set_new(o, "source_name", jstr(r->source_name));
    json_object_set_new(o, "source_country", jstr(r->source_country));
    json_object_set_new(o, "target_code", jstr(r->target_code));
    json_object_set_new(o, "target_name", jstr(r->target_name));
    json_object_set_new(o, "target_country", jstr(r->target_country));
    json_object_set_new(o, "cameo", jstr(r->cameo));
    json_object_set_new(o, "root", jstr(r->root));
    json_object_set_new(o, "quad", json_integer(r->quad));
    json_object_set_new(o, "goldstein", jreal(r->goldstein, 10));
    json_object_set_new(o, "plover", jstr(r->plover));
    json_object_set_new(o, "place", jstr(r->place));
    json_object_set_new(o, "confidence", jreal(r->confidence, 100));
    json_object_set_new(o, "rule", jstr(r->rule));
    json_object_set_new(o, "article", jstr(r->article));
    json_object_set_new(o, "article_id", json_integer(r->article_id));
    json_object_set_new(o, "sentence", jstr(r->sentence));
    json_object_set_new(o, "n_sentences", json_integer(r->n_sentences));
    json_object_set_new(o, "issues", issues_json(r->issues));
    json_object_set_new(o, "plover_mode", jstr(r->plover_mode));
    json_object_set_new(o, "global_id", r->global_id ? json_integer(r->global_id) : json_null());
    json_object_set_new(o, "article_global_id",
                        r->article_global_id ? json_integer(r->article_global_id) : json_null());
    json_object_set_new(o, "place_country", jstr(r->place_country));
    json_object_set_new(o, "place_lat", r->has_place_geo ? json_real(r->place_lat) : json_null());
    json_object_set_new(o, "place_lon", r->has_place_geo ? json_real(r->place_lon) : json_null());
    return dump(o);
}

char *dl_query_quote_json(const dl_quote_row *r) {
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "quote_id", json_integer(r->id));
    json_object_set_new(o, "date", jstr(r->date));
    json_object_set_new(o, "speaker_code", jstr(r->speaker_code));
    json_object_set_new(o, "speaker_name", jstr(r->speaker_name));
    json_object_set_new(o, "speaker_country", jstr(r->speaker_country));
    json_object_set_new(o, "kind", jstr(r->kind));
    json_object_set_new(o, "cue", jstr(r->cue));
    json_object_set_new(o, "text", jstr(r->text));
    json_object_set_new(o, "article", jstr(r->article));
    json_object_set_new(o, "article_id", json_integer(r->article_id));
    json_object_set_new(o, "sentence", jstr(r->sentence));
    return dump(o);
}

static void json_line(FILE *fp, char *s) {
    if (!s) {
        fputs("{\"error\":\"out of memory\"}\n", fp);
        return;
    }
    fputs(s, fp);
    fputc('\n', fp);
    free(s);
}

/* ---- CSV and TSV -------------------------------------------------------------- */

/* One field and its separator: TSV turns TAB, CR and LF into spaces (as
 * dl_doc_to_tsv does); CSV quotes a field holding a comma, quote or line
 * break and doubles its quotes. */
static void field(FILE *fp, dl_out_format f, const char *s, char sep) {
    if (!s) s = "";
    if (f == DL_OUT_TSV) {
        for (const char *p = s; *p; p++)
            fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, fp);
    } else if (strpbrk(s, ",\"\r\n")) {
        fputc('"', fp);
        for (const char *p = s; *p; p++) {
            if (*p == '"') fputc('"', fp);
            fputc(*p, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
    fputc(sep, fp);
}

static void field_num(FILE *fp, dl_out_format f, const char *fmt, double v, char sep) {
    char buf[64];
    snprintf(buf, sizeof buf, fmt, v);
    field(fp, f, buf, sep);
}

static void field_int(FILE *fp, dl_out_format f, long long v, char sep) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    field(fp, f, buf, sep);
}

static void sv_event(FILE *fp, dl_out_format f, const dl_event_row *r) {
    char sep = f == DL_OUT_TSV ? '\t' : ',';
    field_int(fp, f, r->id, sep);
    field(fp, f, r->date, sep);
    field(fp, f, r->source_code, sep);
    field(fp, f, r->source_name, sep);
    field(fp, f, r->source_country, sep);
    field(fp, f, r->target_code, sep);
    field(fp, f, r->target_name, sep);
    field(fp, f, r->target_country, sep);
    field(fp, f, r->cameo, sep);
    field(fp, f, r->root, sep);
    field_int(fp, f, r->quad, sep);
    field_num(fp, f, "%.1f", r->goldstein, sep);
    field(fp, f, r->plover, sep);
    field(fp, f, r->place, sep);
    field_num(fp, f, "%.2f", r->confidence, sep);
    field(fp, f, r->rule, sep);
    field(fp, f, r->article, sep);
    field(fp, f, r->sentence, sep);
    field_int(fp, f, r->n_sentences, sep);
    field(fp, f, r->issues, sep);
    field(fp, f, r->plover_mode, sep);
    if (r->global_id) field_int(fp, f, r->global_id, sep);
    else field(fp, f, NULL, sep);
    if (r->article_global_id) field_int(fp, f, r->article_global_id, sep);
    else field(fp, f, NULL, sep);
    field(fp, f, r->place_country, sep);
    if (r->has_place_geo) {
        field_num(fp, f, "%.5f", r->place_lat, sep);
        field_num(fp, f, "%.5f", r->place_lon, '\n');
    } else {
        field(fp, f, NULL, sep);
        field(fp, f, NULL, '\n');
    }
}

static void sv_quote(FILE *fp, dl_out_format f, const dl_quote_row *r) {
    char sep = f == DL_OUT_TSV ? '\t' : ',';
    field_int(fp, f, r->id, sep);
    field(fp, f, r->date, sep);
    field(fp, f, r->speaker_code, sep);
    field(fp, f, r->speaker_name, sep);
    field(fp, f, r->speaker_country, sep);
    field(fp, f, r->kind, sep);
    field(fp, f, r->cue, sep);
    field(fp, f, r->text, sep);
    field(fp, f, r->article, sep);
    field(fp, f, r->sentence, '\n');
}

/* The CSV header is the TSV header with commas: one list of column names. */
static void sv_header(FILE *fp, dl_out_format f, const char *tsv) {
    for (const char *p = tsv; *p; p++) fputc(f == DL_OUT_CSV && *p == '\t' ? ',' : *p, fp);
}

/* ---- aggregate rows ---------------------------------------------------------- */

enum { W_NUM = 9 };

static int numeric_col(const char *name) {
    static const char *const nums[] = {"events", "quotes", "goldstein", "cooperation", "conflict",
                                       "quad1", "quad2", "quad3", "quad4"};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (!strcmp(name, nums[i])) return 1;
    return 0;
}

static int text_width(const char *name) { return !strcmp(name, "period") ? W_DATE : W_ACTOR; }

/* A value as text for CSV, TSV and the table: "" for NULL, Goldstein sums
 * to one decimal. */
static const char *agg_text(const dl_store_value *v, char *buf, size_t n) {
    switch (v->type) {
    case DL_VAL_INT: snprintf(buf, n, "%lld", v->i); return buf;
    case DL_VAL_REAL: snprintf(buf, n, "%.1f", v->d); return buf;
    case DL_VAL_TEXT: return v->s;
    case DL_VAL_NULL: break;
    }
    return "";
}

static void agg_table_header(FILE *fp, dl_agg agg) {
    int ncol;
    const char *const *cols = dl_agg_columns(agg, &ncol);
    for (int i = 0; i < ncol; i++) {
        char up[32];
        size_t k = 0;
        for (; cols[i][k] && k < sizeof up - 1; k++) up[k] = (char)(cols[i][k] & ~0x20);
        up[k] = '\0';
        if (i) fputs("  ", fp);
        if (numeric_col(cols[i])) fprintf(fp, "%*s", W_NUM, up);
        else fprintf(fp, "%-*s", text_width(cols[i]), up);
    }
    fputc('\n', fp);
}

static void agg_table(FILE *fp, const dl_agg_row *r) {
    char buf[64];
    for (int i = 0; i < r->ncol; i++) {
        if (i) fputs("  ", fp);
        const char *t = agg_text(&r->vals[i], buf, sizeof buf);
        if (numeric_col(r->names[i])) fprintf(fp, "%*s", W_NUM, t);
        else cell(fp, t, text_width(r->names[i]), i + 1 < r->ncol);
    }
    fputc('\n', fp);
}

static char *agg_json(const dl_agg_row *r) {
    json_t *o = json_object();
    if (!o) return NULL;
    for (int i = 0; i < r->ncol; i++) {
        const dl_store_value *v = &r->vals[i];
        json_t *j = v->type == DL_VAL_INT    ? json_integer(v->i)
                    : v->type == DL_VAL_REAL ? jreal(v->d, 10)
                    : v->type == DL_VAL_TEXT ? json_string(v->s)
                                             : json_null();
        json_object_set_new(o, r->names[i], j);
    }
    return dump(o);
}

static void agg_sv(FILE *fp, dl_out_format f, const dl_agg_row *r) {
    char buf[64];
    for (int i = 0; i < r->ncol; i++)
        field(fp, f, agg_text(&r->vals[i], buf, sizeof buf),
              i + 1 < r->ncol ? (f == DL_OUT_TSV ? '\t' : ',') : '\n');
}

void dl_query_writer_begin_agg(dl_query_writer *w, FILE *fp, dl_out_format format, dl_agg agg) {
    w->fp = fp;
    w->format = format;
    w->kind = dl_agg_kind(agg);
    w->agg = agg;
    w->rows = 0;
    int ncol;
    const char *const *cols = dl_agg_columns(agg, &ncol);
    if (format == DL_OUT_TABLE) agg_table_header(fp, agg);
    if (format == DL_OUT_CSV || format == DL_OUT_TSV)
        for (int i = 0; i < ncol; i++)
            fprintf(fp, "%s%c", cols[i], i + 1 < ncol ? (format == DL_OUT_TSV ? '\t' : ',') : '\n');
}

int dl_query_write_agg(const dl_agg_row *r, void *vw) {
    dl_query_writer *w = vw;
    switch (w->format) {
    case DL_OUT_TABLE: agg_table(w->fp, r); break;
    case DL_OUT_JSON: json_line(w->fp, agg_json(r)); break;
    case DL_OUT_CSV:
    case DL_OUT_TSV: agg_sv(w->fp, w->format, r); break;
    }
    w->rows++;
    return ferror(w->fp) ? 1 : 0;
}

/* ---- the writer ----------------------------------------------------------------- */

void dl_query_writer_begin(dl_query_writer *w, FILE *fp, dl_out_format format,
                           dl_query_kind kind) {
    w->fp = fp;
    w->format = format;
    w->kind = kind;
    w->agg = DL_AGG_NONE;
    w->rows = 0;
    const char *tsv = kind == DL_QUERY_EVENTS ? dl_tsv_header() : dl_query_quote_tsv_header();
    switch (format) {
    case DL_OUT_TABLE: table_header(fp, kind); break;
    case DL_OUT_CSV:
    case DL_OUT_TSV: sv_header(fp, format, tsv); break;
    case DL_OUT_JSON: break;
    }
}

int dl_query_write_event(const dl_event_row *r, void *vw) {
    dl_query_writer *w = vw;
    switch (w->format) {
    case DL_OUT_TABLE: table_event(w->fp, r); break;
    case DL_OUT_JSON: json_line(w->fp, dl_query_event_json(r)); break;
    case DL_OUT_CSV:
    case DL_OUT_TSV: sv_event(w->fp, w->format, r); break;
    }
    w->rows++;
    return ferror(w->fp) ? 1 : 0;   /* stop when the reader has gone (EPIPE) */
}

int dl_query_write_quote(const dl_quote_row *r, void *vw) {
    dl_query_writer *w = vw;
    switch (w->format) {
    case DL_OUT_TABLE: table_quote(w->fp, r); break;
    case DL_OUT_JSON: json_line(w->fp, dl_query_quote_json(r)); break;
    case DL_OUT_CSV:
    case DL_OUT_TSV: sv_quote(w->fp, w->format, r); break;
    }
    w->rows++;
    return ferror(w->fp) ? 1 : 0;
}
