/*
 * core/engine.c -- opening the engine: find data/, load the actor
 * dictionaries, the CAMEO codebook, the verb patterns and the cues of
 * speech once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actors/dict.h"
#include "core/doc.h"
#include "event/codebook.h"
#include "dicts/petrarch.h"
#include "learn/linear.h"
#include "geo/geo.h"
#include "quote/cues.h"


static int in_codebook(const char *code, const void *cb) {
    return dl_codebook_find(cb, code) != NULL;
}

/* Our lexicon, then PETRARCH2's CAMEO verbs imported into the same format
 * (data/cameo/README.md); ours wins where both match equally well.  Every
 * code must be in the codebook. */
static dl_status load_lexicon(dl_engine *eng, char *err, size_t errlen) {
    static const struct { const char *file; uint8_t prio; } files[] = {
        {"lexicon.tsv", DL_PRIO_OURS}, {"cameo2.tsv", DL_PRIO_CAMEO2}};
    struct dl_pdict *pd = dl_pdict_new();
    if (!pd) return DL_ERR_NOMEM;
    pd->strict = 1;
    pd->code_known = in_codebook;
    pd->code_ctx = eng->codebook;
    dl_status st = DL_OK;
    for (size_t i = 0; i < sizeof files / sizeof *files && st == DL_OK; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/cameo/%s", eng->data_dir, files[i].file);
        pd->load_prio = files[i].prio;
        st = dl_pdict_load_file(pd, path, err, errlen);
    }
    if (st == DL_OK) st = dl_pdict_finish(pd, err, errlen);
    if (st != DL_OK) { dl_pdict_free(pd); return st; }
    eng->lexicon = pd;
    return DL_OK;
}

/* A linear model: the path given (which must then exist), else
 * data/models/NAME when present; *out stays NULL without one. */
static dl_status load_linear(dl_engine *eng, const char *given, const char *name, struct dl_linear **out,
                             char *err, size_t errlen) {
    char path[4096];
    if (given) snprintf(path, sizeof path, "%s", given);
    else snprintf(path, sizeof path, "%s/models/%s", eng->data_dir, name);
    if (!given && access(path, F_OK) != 0) return DL_OK;
    return dl_linear_load(path, out, err, errlen);
}

dl_status dl_engine_open(const dl_engine_options *opts, dl_engine **out, char *err,
                         size_t errlen) {
    char dummy[8];
    if (!err) { err = dummy; errlen = sizeof dummy; }
    err[0] = '\0';
    *out = NULL;
    dl_engine *eng = calloc(1, sizeof *eng);
    if (!eng) return DL_ERR_NOMEM;
    char dir[4096];
    dl__data_dir(opts ? opts->data_dir : NULL, dir, sizeof dir);
    eng->data_dir = strdup(dir);
    if (!eng->data_dir) { free(eng); return DL_ERR_NOMEM; }

    char path[4096];
    dl_status st;
    snprintf(path, sizeof path, "%s/cameo/events.tsv", eng->data_dir);
    if ((st = dl_codebook_load(path, &eng->codebook, err, errlen)) != DL_OK) goto fail;
    if ((st = load_lexicon(eng, err, errlen)) != DL_OK) goto fail;
    snprintf(path, sizeof path, "%s/actors", eng->data_dir);
    if ((st = dl_dict_load(path, &eng->dict, err, errlen)) != DL_OK) goto fail;
    snprintf(path, sizeof path, "%s/quotes/cues.tsv", eng->data_dir);
    if ((st = dl_cues_load(path, &eng->cues, err, errlen)) != DL_OK) goto fail;
    if (!(opts && opts->no_models) && (st = dl_nlp_load(eng, err, errlen)) != DL_OK) goto fail;
    /* the actor code parts and the gazetteer, for GDELT rows and places */
    if ((st = dl__geo_tables_load(eng->data_dir, &eng->code_parts, &eng->gazetteer, err,
                                  errlen)) != DL_OK)
        goto fail;
    if (opts && opts->dict_paths && opts->dict_paths[0] &&
        (st = dl_pdict_load(opts->dict_paths, &eng->pdict, err, errlen)) != DL_OK)
        goto fail;
    if (eng->pdict)
        for (size_t i = 0; i < eng->pdict->verbs.n; i++) eng->pdict->verbs.v[i].prio = DL_PRIO_USERS;
    eng->dict_only = opts && opts->dict_only;
    if (!(opts && (opts->rules_only || opts->no_models || opts->no_quote_model)) &&
        (st = load_linear(eng, opts ? opts->quote_model : NULL, "quotes.model", &eng->quote_model, err,
                          errlen)) != DL_OK)
        goto fail;
    if (!(opts && (opts->rules_only || opts->no_models || opts->no_event_model)) &&
        (st = load_linear(eng, opts ? opts->event_model : NULL, "events.model", &eng->event_model, err,
                          errlen)) != DL_OK)
        goto fail;
    *out = eng;
    return DL_OK;
fail:
    dl_engine_close(eng);
    return st;
}

const char *dl_engine_warnings(const dl_engine *eng) {
    return eng && eng->pdict && eng->pdict->n_warnings ? eng->pdict->warnings : NULL;
}

void dl_engine_close(dl_engine *eng) {
    if (!eng) return;
    dl_dict_free(eng->dict);
    dl_cues_free(eng->cues);
    dl_pdict_free(eng->lexicon);
    dl_linear_free(eng->event_model);
    dl_linear_free(eng->quote_model);
    dl_pdict_free(eng->pdict);
    dl_codebook_free(eng->codebook);
    dl_nlp_free(eng);
    dl_gazetteer_free(eng->gazetteer);
    dl_code_parts_free(eng->code_parts);
    free(eng->data_dir);
    free(eng);
}
