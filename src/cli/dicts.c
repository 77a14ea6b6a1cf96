/*
 * cli/dicts.c -- the --dict and --dict-only options that `code` and
 * `ingest` share: users' TABARI/PETRARCH dictionaries for the engine.
 */
#include <stdio.h>

#include "cli/cli.h"

int dl_cli_add_dict(dl_cli_dicts *d, const char *cmd, const char *path) {
    if (d->n == DL_CLI_MAX_DICTS) return dl_cli_usage_error(cmd, "more than %d --dict options", DL_CLI_MAX_DICTS);
    d->paths[d->n++] = path;
    d->paths[d->n] = NULL;
    return DL_EXIT_OK;
}

void dl_cli_dict_options(const dl_cli_dicts *d, dl_engine_options *opts) {
    opts->dict_paths = d->n ? d->paths : NULL;
    opts->dict_only = d->only;
}

void dl_cli_dict_warnings(const char *cmd, const dl_engine *eng) {
    const char *w = dl_engine_warnings(eng);
    if (w) fprintf(stderr, "dateline %s: warning: dictionary lines skipped:\n%s", cmd, w);
}
