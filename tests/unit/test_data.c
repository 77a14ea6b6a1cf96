/*
 * test_data.c -- the engine's data files: the bundled set loads, and a
 * malformed line in any file fails with "file:line: message".
 */
#include <sys/stat.h>
#include <unistd.h>

#include "actors/dict.h"
#include "core/doc.h"
#include "event/codebook.h"
#include "harness.h"

static char dir[128];

static void write_file(const char *rel, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *fp = fopen(path, "w");
    OK(fp != NULL, "cannot write %s", path);
    if (!fp) return;
    fputs(text, fp);
    fclose(fp);
}

/* A small, valid data set that each test then breaks in one place. */
static void write_valid_set(void) {
    write_file("actors/countries.tsv", "# code name aliases demonyms capital\n"
                                       "IRQ\tIraq\tRepublic of Iraq\tIraqi;Iraqis\tBaghdad\n"
                                       "USA\tUnited States\tU.S.;US\tAmerican;Americans\tWashington\n");
    write_file("actors/places.tsv", "West Asia\tLOC\t\t\tWestern Asia\n");
    write_file("actors/organizations.tsv", "United Nations\tORG\tIGOUNO\t\tUN;U.N.\n");
    write_file("actors/people.tsv",
               "Saddam Hussein\tIRQ\tm\tIRQGOV\tPresident\t1979-07-16\t2003-04-09\tSaddam\n"
               "Saddam Hussein\tIRQ\tm\tIRQGOV\tPrime Minister\t1994-05-29\t2003-04-09\t\n");
    write_file("actors/agents.tsv", "parliament\tparliaments\tLEG\tagent\tORG\n"
                                    "president\tpresidents\tGOV\ttitle\tPER\n");
    write_file("cameo/events.tsv", "042\tMake a visit\t1.9\t1\tCONSULT\tvisit\n"
                                   "1056\tDemand de-escalation\t-5.0\t3\tDEMAND\t\n");
    write_file("cameo/lexicon.tsv", "# test\nclass\tVISITING\t042\nverb\tVISITING\t\tvisit\n"
                                    "class\tLEAVING\t---\nverb\tLEAVING\t\tleave {left}\n"
                                    "pattern\tLEAVING\t1056\t+ should *\n");
    write_file("cameo/cameo2.tsv", "class\tGO\t---\t\t\tCAMEO.2.0:1\n");
    write_file("quotes/cues.tsv", "say\tsay;says;said\tyes\tclause\naccord\taccording to\tno\taccording\n");
    write_file("actors/names.tsv", "court\thead\tJUD\ngovernment\tgroup\t\n");
}

static void expect_error(const char *rel, const char *text, const char *want) {
    write_valid_set();
    write_file(rel, text);
    dl_engine_options opts = {.data_dir = dir};
    dl_engine *eng = NULL;
    char err[512] = "";
    dl_status st = dl_engine_open(&opts, &eng, err, sizeof err);
    OK(st == DL_ERR_DATA, "%s: status %d (%s)", rel, st, err);
    OK(strstr(err, want) != NULL, "%s: error '%s' lacks '%s'", rel, err, want);
    dl_engine_close(eng);
}

static void test_valid_set_loads(void) {
    write_valid_set();
    dl_engine_options opts = {.data_dir = dir};
    dl_engine *eng = NULL;
    char err[512] = "";
    OK(dl_engine_open(&opts, &eng, err, sizeof err) == DL_OK, "load: %s", err);
    if (!eng) return;
    const dl_cameo *c = dl_codebook_find(eng->codebook, "1056");
    OK(c && c->goldstein == -5.0 && c->quad == 3, "1056 entry");
    OK(dl_codebook_find(eng->codebook, "999") == NULL, "no 999");
    /* office terms by date */
    const struct dl_actor_dict *d = eng->dict;
    int saddam = -1;
    for (size_t i = 0; i < d->actors.n; i++)
        if (!strcmp(d->actors.v[i].name, "Saddam Hussein")) saddam = (int)i;
    OK(saddam >= 0, "Saddam loaded");
    if (saddam >= 0) {
        const dl_dict_term *t = dl_dict_term_at(&d->actors.v[saddam], "1990-01-01");
        STR_EQ(t ? t->role : NULL, "President");
        /* after office: no term, and only the country's code */
        t = dl_dict_term_at(&d->actors.v[saddam], "2010-01-01");
        OK(t == NULL, "no term in force after office");
        const char *role = "x";
        STR_EQ(dl_dict_code_at(&d->actors.v[saddam], "2010-01-01", &role), "IRQ");
        OK(role == NULL, "no role after office");
        STR_EQ(dl_dict_code_at(&d->actors.v[saddam], "1990-01-01", &role), "IRQGOV");
    }
    dl_engine_close(eng);
}

static void test_bundled_data_loads(void) {
    dl_engine *eng = NULL;
    char err[512] = "";
    OK(dl_engine_open(NULL, &eng, err, sizeof err) == DL_OK, "bundled data: %s", err);
    if (eng) OK(eng->codebook->n >= 290, "codebook has %zu codes", eng->codebook->n);
    dl_engine_close(eng);
}

static void test_errors_name_file_and_line(void) {
    expect_error("cameo/events.tsv", "042\tMake a visit\t1.9\t1\tCONSULT\t\n04x\tBad\t0\t1\t\t\n",
                 "events.tsv:2: '04x' is not a CAMEO code");
    expect_error("cameo/events.tsv", "042\tMake a visit\tlots\t1\tCONSULT\t\n", "events.tsv:1: Goldstein");
    expect_error("cameo/events.tsv", "042\tA\t1\t1\t\t\n042\tB\t1\t1\t\t\n", "042 is listed twice");
    expect_error("cameo/lexicon.tsv", "class\tVISITING\t042\npattern\tVISITING\t999\t* to\n",
                 "lexicon.tsv:2: '999' is not a CAMEO code");
    expect_error("cameo/lexicon.tsv", "class\tA\t042\nverb\tA\t\tgo\nclass\tB\t042\nverb\tA\t\tfly\n",
                 "lexicon.tsv:4: the lines of class 'A' must be together");
    expect_error("cameo/lexicon.tsv", "class\tA\t042\npattern\tA\t042\tto +\n",
                 "lexicon.tsv:2: pattern without '*' for the verb");
    expect_error("cameo/lexicon.tsv", "verb\t\t042\tvisit\n", "lexicon.tsv:1: a lexicon line without a class");
    expect_error("cameo/lexicon.tsv", "word\tA\t042\tvisit\n", "lexicon.tsv:1: unknown lexicon line kind 'word'");
    expect_error("cameo/cameo2.tsv", "class\tGO\t1A\t\t\tCAMEO.2.0:7\n", "cameo2.tsv:1: '1A' is not a CAMEO code");
    expect_error("actors/countries.tsv", "Iraq\tIRQ\n", "countries.tsv:1: not a 3-letter country code");
    expect_error("actors/people.tsv", "Saddam Hussein\tIRQ\tm\tIRQGOV\tPresident\t1979\t\t\n",
                 "people.tsv:1: dates must be YYYY-MM-DD");
    expect_error("actors/agents.tsv", "parliament\tparliaments\tLEG\tbody\tORG\n",
                 "agents.tsv:1: kind must be 'agent' or 'title'");
    expect_error("actors/organizations.tsv", "UN\n", "organizations.tsv:1: expected name");
    expect_error("actors/organizations.tsv", "Taliban\tORG\tAFGREB\tAFG\t\t2021\t\n",
                 "organizations.tsv:1: dates must be YYYY-MM-DD");
    expect_error("actors/names.tsv", "court\tending\tJUD\n", "names.tsv:1: class must be");
    expect_error("quotes/cues.tsv", "say\tsaid\tmaybe\tclause\n", "cues.tsv:1: bare must be yes or no");
    expect_error("quotes/cues.tsv", "say\tsaid\tyes\tspeech\n", "cues.tsv:1: frame must be");
}

static void test_missing_file(void) {
    write_valid_set();
    char path[512];
    snprintf(path, sizeof path, "%s/cameo/lexicon.tsv", dir);
    unlink(path);
    dl_engine_options opts = {.data_dir = dir};
    dl_engine *eng = NULL;
    char err[512] = "";
    OK(dl_engine_open(&opts, &eng, err, sizeof err) == DL_ERR_IO, "missing file is an I/O error");
    OK(strstr(err, "lexicon.tsv: cannot open") != NULL, "error: %s", err);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/dl-test-data-%d", (int)getpid());
    char sub[200];
    mkdir(dir, 0700);
    snprintf(sub, sizeof sub, "%s/actors", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/cameo", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/quotes", dir);
    mkdir(sub, 0700);
    RUN(test_valid_set_loads);
    RUN(test_bundled_data_loads);
    RUN(test_errors_name_file_and_line);
    RUN(test_missing_file);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return dl_test_report();
}
