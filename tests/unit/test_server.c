/*
 * tests/unit/test_server.c -- the API's route table, its OpenAPI description
 * (every route documented, every documented operation routed, event rows as
 * its Event schema says), route matching (404 / 405 with Allow) and the JSON
 * escaping of replies.
 */
#include <jansson.h>

#include "harness.h"
#include "query/query.h"
#include "server/server.h"

static void test_openapi_matches_routes(void) {
    char *text = dl__server_openapi();
    OK(text != NULL, "openapi text");
    json_error_t jerr;
    json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
    OK(doc != NULL, "openapi parses: %s", text ? jerr.text : "");
    free(text);
    if (!doc) return;
    STR_EQ(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
    json_t *paths = json_object_get(doc, "paths");
    size_t n;
    const dl__route *routes = dl__server_routes(&n);
    OK(n >= 9, "%zu routes", n);
    for (size_t i = 0; i < n; i++) {
        char method[8];
        snprintf(method, sizeof method, "%s", routes[i].method);
        for (char *p = method; *p; p++) *p = (char)(*p - 'A' + 'a');
        json_t *op = json_object_get(json_object_get(paths, routes[i].path), method);
        OK(op != NULL, "%s %s is not documented", routes[i].method, routes[i].path);
        OK(json_object_get(op, "responses") != NULL, "%s has responses", routes[i].path);
    }
    const char *path;
    json_t *item;
    size_t ops = 0;
    json_object_foreach(paths, path, item) {
        const char *m;
        json_t *op;
        json_object_foreach(item, m, op) {
            ops++;
            int found = 0;
            for (size_t i = 0; i < n; i++)
                if (!strcmp(routes[i].path, path) && !strcasecmp(routes[i].method, m)) found = 1;
            OK(found, "documented %s %s has no route", m, path);
        }
    }
    INT_EQ(ops, n);
    json_decref(doc);
}

/* The value at a '|'-separated path of object keys, or NULL. */
static json_t *dig(json_t *o, const char *path) {
    char key[64];
    for (const char *p = path; o && *p;) {
        size_t n = strcspn(p, "|");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        o = json_object_get(o, key);
        p += n + (p[n] == '|');
    }
    return o;
}

/* The Event schema lists exactly the fields of an event row, n_sentences
 * among them, and /api/events answers with it. */
static void test_openapi_event_schema(void) {
    char *text = dl__server_openapi();
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    OK(doc != NULL, "openapi parses");
    if (!doc) return;
    json_t *props = dig(doc, "components|schemas|Event|properties");
    dl_event_row r = {.id = 1, .cameo = "030", .n_sentences = 5};
    char *row_text = dl_query_event_json(&r);
    json_t *row = row_text ? json_loads(row_text, 0, NULL) : NULL;
    free(row_text);
    OK(props && row, "schema and row");
    INT_EQ(json_object_size(props), json_object_size(row));
    const char *key;
    json_t *v;
    json_object_foreach(row, key, v) OK(json_object_get(props, key) != NULL, "%s not in Event", key);
    INT_EQ(json_integer_value(json_object_get(row, "n_sentences")), 5);
    STR_EQ(json_string_value(dig(doc, "paths|/api/events|get|responses|200|content|"
                                      "application/json|schema|properties|events|items|$ref")),
           "#/components/schemas/Event");
    json_decref(row);
    json_decref(doc);
}

static void test_match(void) {
    const char *id, *allow = NULL;
    size_t id_len;
    unsigned status = 0;
    const dl__route *r = dl__server_match("GET", "/api/articles/42", &id, &id_len, &status, &allow);
    OK(r != NULL, "article route");
    OK(id && id_len == 2 && !strncmp(id, "42", 2), "id segment");
    r = dl__server_match("POST", "/api/articles", &id, &id_len, &status, &allow);
    OK(r && !strcmp(r->method, "POST"), "post route");
    OK(id == NULL, "no id");
    r = dl__server_match("DELETE", "/api/events", &id, &id_len, &status, &allow);
    OK(r == NULL, "DELETE is not routed");
    INT_EQ(status, 405);
    STR_EQ(allow, "GET, HEAD");
    r = dl__server_match("PUT", "/api/articles", &id, &id_len, &status, &allow);
    INT_EQ(status, 405);
    STR_EQ(allow, "GET, HEAD, POST");
    r = dl__server_match("GET", "/api/articles/1/extra", &id, &id_len, &status, &allow);
    OK(r == NULL, "extra segment");
    INT_EQ(status, 404);
    r = dl__server_match("GET", "/api/articles/", &id, &id_len, &status, &allow);
    OK(r == NULL, "empty id");
    INT_EQ(status, 404);
}

static void test_json_escaping(void) {
    dl__request r;
    memset(&r, 0, sizeof r);
    dl_strbuf_init(&r.out);
    dl__reply_error(&r, 400, NULL, "bad '%s'", "<script>\"x\"\n\xff&");
    INT_EQ(r.status, 400);
    OK(r.out.s && !strchr(r.out.s, '<') && !strchr(r.out.s, '>') && !strchr(r.out.s, '&'),
       "no markup: %s", r.out.s);
    json_t *doc = json_loads(r.out.s, 0, NULL);
    OK(doc != NULL, "valid JSON: %s", r.out.s);
    json_t *err = json_object_get(doc, "error");
    STR_EQ(json_string_value(json_object_get(err, "code")), "bad_request");
    STR_EQ(json_string_value(json_object_get(err, "message")),
           "bad '<script>\"x\"\n\xef\xbf\xbd&'");
    json_decref(doc);
    dl_strbuf_release(&r.out);
}

int main(void) {
    RUN(test_openapi_matches_routes);
    RUN(test_openapi_event_schema);
    RUN(test_match);
    RUN(test_json_escaping);
    return dl_test_report();
}
