/*
 * server/web.c -- the dashboard's files, embedded at build time from web/ by
 * web/embed.cmake into the generated table dl__web_assets (docs/api.md).
 */
#include <string.h>

#include "server/server.h"

struct dl__web_asset {
    const char *path;
    const unsigned char *bytes;
    size_t len;
};
extern const struct dl__web_asset dl__web_assets[];

static const char *media_type(const char *path) {
    static const struct { const char *ext, *type; } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".json", "application/json"},
        {".tsv", "text/tab-separated-values; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (!strcmp(dot, types[i].ext)) return types[i].type;
    return "application/octet-stream";
}

const unsigned char *dl__web_file(const char *path, size_t *len, const char **ctype) {
    if (!strcmp(path, "/")) path = "/index.html";
    for (const struct dl__web_asset *a = dl__web_assets; a->path; a++)
        if (!strcmp(a->path, path)) {
            *len = a->len;
            *ctype = media_type(path);
            return a->bytes;
        }
    return NULL;
}
