/*
 * test_pdict.c -- the TABARI/PETRARCH dictionary reader (dicts/petrarch.c):
 * actors with synonyms and dated codes, agents with plurals and
 * substitution sets, discards, verbs with their forms, patterns with their
 * join flags and codes, synsets, comments, and how malformed lines fail
 * (strict) or are skipped with a warning naming the line.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "dicts/petrarch.h"
#include "harness.h"

/* ---- helpers ------------------------------------------------------------ */

/* Parses text as one file of kind and finishes; NULL (and a failed check)
 * if either step fails. */
static struct dl_pdict *parse_text(dl_pfile_kind kind, const char *text) {
    struct dl_pdict *pd = dl_pdict_new();
    char err[512] = "";
    dl_status st = dl_pdict_parse(pd, kind, "t.txt", text, strlen(text), err, sizeof err);
    if (st == DL_OK) st = dl_pdict_finish(pd, err, sizeof err);
    OK(st == DL_OK, "parse: %s", err);
    if (st != DL_OK) { dl_pdict_free(pd); return NULL; }
    return pd;
}

/* The index of the actor or agent the folded phrase means as kind, or -1. */
static int hit_index(const struct dl_pdict *pd, const char *key, dl_phit_kind kind) {
    for (int h = dl_map_get(&pd->phrases, key, strlen(key)); h >= 0; h = pd->hits.v[h].next)
        if (pd->hits.v[h].kind == kind) return pd->hits.v[h].index;
    return -1;
}

static int has_hit(const struct dl_pdict *pd, const char *key, dl_phit_kind kind) {
    for (int h = dl_map_get(&pd->phrases, key, strlen(key)); h >= 0; h = pd->hits.v[h].next)
        if (pd->hits.v[h].kind == kind) return 1;
    return 0;
}

/* The verb form with this folded key, or NULL. */
static const dl_pverb *find_verb(const struct dl_pdict *pd, const char *key) {
    size_t first = strcspn(key, " ");
    for (int v = dl_map_get(&pd->verb_index, key, first); v >= 0; v = pd->verbs.v[v].next)
        if (strcmp(pd->verbs.v[v].key, key) == 0) return &pd->verbs.v[v];
    return NULL;
}

static int find_set(const struct dl_pdict *pd, const char *name) {
    return dl_map_get(&pd->synset_index, name, strlen(name));
}

static int set_has(const struct dl_pdict *pd, int set, const char *key) {
    if (set < 0) return 0;
    const dl_psynset *s = &pd->synsets.v[set];
    for (size_t m = 0; m < s->members.n; m++)
        if (strcmp(s->members.v[m].key, key) == 0) return 1;
    return 0;
}

/* The pattern read from line of "t.txt". */
static const dl_ppattern *pattern_at(const struct dl_pdict *pd, size_t line) {
    char rule[32];
    snprintf(rule, sizeof rule, "t.txt:%zu", line);
    for (size_t i = 0; i < pd->patterns.n; i++)
        if (strcmp(pd->patterns.v[i].rule, rule) == 0) return &pd->patterns.v[i];
    return NULL;
}

/* ---- actors ------------------------------------------------------------- */

static const char ACTORS[] =
    "<!-- actors for the tests;\n"              /* 1 */
    "GHOST [GHO]  a commented-out entry\n"      /* 2 */
    "-->\n"                                     /* 3 */
    "GONDOR [GON]\n"                            /* 4 */
    "+MINAS_TIRITH\n"                           /* 5 */
    "+WHITE CITY # a comment [NOT]\n"           /* 6 */
    "ARNOR\n"                                   /* 7 */
    "\t[ARN <950531]\n"                         /* 8 */
    "\t[ARNGOV 19950602-19990815]\n"            /* 9 */
    "\t[ARNREB >990817]\n"                      /* 10 */
    "\t[ARNX]\n"                                /* 11 */
    "SHIRE_FOLK [FRO/BIL/SAM]\n"                /* 12 */
    "ROHAN [ROH 800101-891231] [ROHGOV >900101]\n" /* 13 */
    "CENTURY\n"                                 /* 14 */
    "\t[NEAR >300101]\n"                        /* 15 */
    "\t[FAR <310101]\n"                         /* 16 */
    "harad [har] <!-- inline --> \n";           /* 17 */

static void test_actor_synonyms(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ACTORS, ACTORS);
    if (!pd) return;
    INT_EQ(pd->actors.n, 6);
    int gondor = hit_index(pd, "gondor", DL_PH_ACTOR);
    OK(gondor >= 0, "gondor found");
    if (gondor >= 0) STR_EQ(pd->actors.v[gondor].name, "GONDOR");
    INT_EQ(hit_index(pd, "minas tirith", DL_PH_ACTOR), gondor);
    INT_EQ(hit_index(pd, "white city", DL_PH_ACTOR), gondor);
    int h = dl_map_get(&pd->phrases, "minas tirith", 12);
    OK(h >= 0 && pd->hits.v[h].ntok == 2, "minas tirith is two tokens");
    INT_EQ(pd->max_phrase, 2);
    /* one code, and the '#' comment's "[NOT]" is not another */
    if (gondor >= 0) {
        INT_EQ(pd->actors.v[gondor].ncodes, 1);
        STR_EQ(dl_pdict_code_at(pd, gondor, 20000101), "GON");
    }
    /* lower-case codes are upper-cased; the inline comment is gone */
    int harad = hit_index(pd, "harad", DL_PH_ACTOR);
    OK(harad >= 0, "harad found");
    if (harad >= 0) STR_EQ(dl_pdict_code_at(pd, harad, 20000101), "HAR");
    dl_pdict_free(pd);
}

static void test_actor_multiline_comment(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ACTORS, ACTORS);
    if (!pd) return;
    INT_EQ(hit_index(pd, "ghost", DL_PH_ACTOR), -1);
    INT_EQ(pd->n_warnings, 0);
    dl_pdict_free(pd);
}

static void test_actor_dated_codes(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ACTORS, ACTORS);
    if (!pd) return;
    int arnor = hit_index(pd, "arnor", DL_PH_ACTOR);
    OK(arnor >= 0, "arnor found");
    if (arnor < 0) { dl_pdict_free(pd); return; }
    INT_EQ(pd->actors.v[arnor].ncodes, 4);
    /* '<' is on or before, '>' on or after, d1-d2 inclusive; the gaps
     * fall back to the undated code */
    STR_EQ(dl_pdict_code_at(pd, arnor, 19500101), "ARN");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19950531), "ARN");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19950601), "ARNX");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19950602), "ARNGOV");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19990815), "ARNGOV");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19990816), "ARNX");
    STR_EQ(dl_pdict_code_at(pd, arnor, 19990817), "ARNREB");
    STR_EQ(dl_pdict_code_at(pd, arnor, 20240101), "ARNREB");
    /* several dated groups on the primary line; no undated one */
    int rohan = hit_index(pd, "rohan", DL_PH_ACTOR);
    OK(rohan >= 0, "rohan found");
    if (rohan >= 0) {
        STR_EQ(dl_pdict_code_at(pd, rohan, 19850101), "ROH");
        STR_EQ(dl_pdict_code_at(pd, rohan, 19950101), "ROHGOV");
        STR_EQ(dl_pdict_code_at(pd, rohan, 19700101), NULL);
        STR_EQ(dl_pdict_code_at(pd, rohan, 19891231), "ROH");
        STR_EQ(dl_pdict_code_at(pd, rohan, 19900101), "ROHGOV");
    }
    dl_pdict_free(pd);
}

static void test_actor_two_digit_years(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ACTORS, ACTORS);
    if (!pd) return;
    /* YY 00-30 is 20YY: ">300101" starts 2030-01-01, "<310101" ends 1931-01-01 */
    int c = hit_index(pd, "century", DL_PH_ACTOR);
    OK(c >= 0, "century found");
    if (c >= 0) {
        const dl_pcode *near = &pd->codes.v[pd->actors.v[c].code0];
        INT_EQ(near->from, 20300101);
        INT_EQ(near->to, 0);
        OK(near->dated, "NEAR is dated");
        INT_EQ(pd->codes.v[pd->actors.v[c].code0 + 1].to, 19310101);
        STR_EQ(dl_pdict_code_at(pd, c, 20300101), "NEAR");
        STR_EQ(dl_pdict_code_at(pd, c, 20291231), NULL);
        STR_EQ(dl_pdict_code_at(pd, c, 19310101), "FAR");
        STR_EQ(dl_pdict_code_at(pd, c, 19310102), NULL);
    }
    dl_pdict_free(pd);
}

static void test_actor_slashed_code(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ACTORS, ACTORS);
    if (!pd) return;
    int shire = hit_index(pd, "shire folk", DL_PH_ACTOR);
    OK(shire >= 0, "shire folk found");
    if (shire >= 0) {
        INT_EQ(pd->actors.v[shire].ncodes, 1);
        STR_EQ(dl_pdict_code_at(pd, shire, 20000101), "FRO/BIL/SAM");
    }
    dl_pdict_free(pd);
}

static void test_actor_bad_dates(void) {
    /* the shipped Phoenix file has "[IRQOCC 1920030320-20060520]": that
     * group is dropped with a warning, even when strict, and the rest stays */
    struct dl_pdict *pd = dl_pdict_new();
    pd->strict = 1;
    const char *text = "IRAQ [IRQ]\n\t[IRQOCC 1920030320-20060520]\n\t[IRQGOV >030101]\n"
                       "\t[IRQX 12345678901234567890123-19990101]\n";   /* too long for a long */
    char err[256] = "";
    INT_EQ(dl_pdict_parse(pd, DL_PF_ACTORS, "t.txt", text, strlen(text), err, sizeof err), DL_OK);
    INT_EQ(pd->n_warnings, 2);
    OK(pd->warnings && strstr(pd->warnings, "t.txt:2: unusable date restriction"), "warning: %s",
       pd->warnings ? pd->warnings : "(none)");
    OK(pd->warnings && strstr(pd->warnings, "t.txt:4: unusable date restriction"), "warning: %s",
       pd->warnings ? pd->warnings : "(none)");
    INT_EQ(pd->actors.v[0].ncodes, 2);
    STR_EQ(dl_pdict_code_at(pd, 0, 20050101), "IRQGOV");
    STR_EQ(dl_pdict_code_at(pd, 0, 19990101), "IRQ");
    dl_pdict_free(pd);
}

/* ---- agents ------------------------------------------------------------- */

static const char AGENTS[] =
    "!PERSON! = MAN, MEN, WOMAN\n"
    "ACTIVIST [~OPP]\n"
    "AUTHORITY [~GOV] # a comment\n"
    "ATTORNEY [~JUD]\n"
    "CHURCH [~REL]\n"
    "POLICE {} [~COP]\n"
    "CHILD {CHILDREN KIDS} [~CHL]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "HUMAN_RIGHTS_GROUP [NGO~]\n";

static const char *agent_code(const struct dl_pdict *pd, const char *key) {
    int a = hit_index(pd, key, DL_PH_AGENT);
    return a >= 0 ? pd->agents.v[a].code : NULL;
}

static void test_agent_plurals(void) {
    struct dl_pdict *pd = parse_text(DL_PF_AGENTS, AGENTS);
    if (!pd) return;
    STR_EQ(agent_code(pd, "activist"), "OPP");
    STR_EQ(agent_code(pd, "activists"), "OPP");
    STR_EQ(agent_code(pd, "authority"), "GOV");
    STR_EQ(agent_code(pd, "authorities"), "GOV");
    OK(!has_hit(pd, "authoritys", DL_PH_AGENT), "no authoritys");
    STR_EQ(agent_code(pd, "attorneys"), "JUD");   /* a vowel before the y */
    STR_EQ(agent_code(pd, "churches"), "REL");
    /* "{}": no plural at all */
    STR_EQ(agent_code(pd, "police"), "COP");
    OK(!has_hit(pd, "polices", DL_PH_AGENT), "no polices");
    /* explicit plurals replace the regular one */
    STR_EQ(agent_code(pd, "child"), "CHL");
    STR_EQ(agent_code(pd, "children"), "CHL");
    STR_EQ(agent_code(pd, "kids"), "CHL");
    OK(!has_hit(pd, "childs", DL_PH_AGENT), "no childs");
    dl_pdict_free(pd);
}

static void test_agent_substitution(void) {
    struct dl_pdict *pd = parse_text(DL_PF_AGENTS, AGENTS);
    if (!pd) return;
    STR_EQ(agent_code(pd, "congressman"), "LEG");
    STR_EQ(agent_code(pd, "congressmen"), "LEG");
    STR_EQ(agent_code(pd, "congresswoman"), "LEG");
    OK(!has_hit(pd, "congress", DL_PH_AGENT), "the marker is not dropped");
    dl_pdict_free(pd);
}

static void test_agent_prefix(void) {
    struct dl_pdict *pd = parse_text(DL_PF_AGENTS, AGENTS);
    if (!pd) return;
    int g = hit_index(pd, "human rights group", DL_PH_AGENT);
    OK(g >= 0, "human rights group found");
    if (g >= 0) {
        STR_EQ(pd->agents.v[g].code, "NGO");
        INT_EQ(pd->agents.v[g].prefix, 1);
    }
    INT_EQ(hit_index(pd, "human rights groups", DL_PH_AGENT), g);
    int a = hit_index(pd, "activist", DL_PH_AGENT);
    if (a >= 0) INT_EQ(pd->agents.v[a].prefix, 0);
    dl_pdict_free(pd);
}

static void test_agent_substitution_loops(void) {
    /* a value holding its own marker must not expand forever, nor markers
     * multiply without end: such a line fails, naming itself */
    static const char *const texts[] = {
        "!A! = X!A!\nFOO!A! [~GOV]\n",
        "! = !!\nA!B [~GOV]\n",
        "!A! = B,C,D,E,F,G,H,I,J,K,L,M,N,O,P,Q,R,S,T,U,V,W,X,Y,Z\n!A!!A!!A!!A! [~GOV]\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        struct dl_pdict *pd = dl_pdict_new();
        pd->strict = 1;
        char err[256] = "";
        dl_status st = dl_pdict_parse(pd, DL_PF_AGENTS, "t.txt", texts[i], strlen(texts[i]), err, sizeof err);
        INT_EQ(st, DL_ERR_DATA);
        OK(strncmp(err, "t.txt:2: ", 9) == 0, "error: %s", err);
        dl_pdict_free(pd);
    }
}

/* ---- discards ----------------------------------------------------------- */

static void test_discards(void) {
    struct dl_pdict *pd = parse_text(DL_PF_DISCARDS, "+WORLD_WAR_II\nBOOK REVIEW\n1914\n");
    if (!pd) return;
    OK(has_hit(pd, "world war ii", DL_PH_STORYDISCARD), "story discard");
    OK(!has_hit(pd, "world war ii", DL_PH_DISCARD), "not a sentence discard");
    OK(has_hit(pd, "book review", DL_PH_DISCARD), "sentence discard");
    OK(!has_hit(pd, "book review", DL_PH_STORYDISCARD), "not a story discard");
    OK(has_hit(pd, "1914", DL_PH_DISCARD), "a bare year");
    dl_pdict_free(pd);
}

static int issue_of(const struct dl_pdict *pd, const char *key) {
    return dl_map_get(&pd->issue_phrases, key, strlen(key));
}

static void test_issues(void) {
    struct dl_pdict *pd = parse_text(DL_PF_ISSUES,
                                     "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
                                     "n:school [SCHOOLS]\n"
                                     "pre+n:school [EARLY]\n"
                                     "v:teach n:pupil [TEACHING]\n"
                                     "~a head start\n"
                                     "literacy\n"
                                     "</ISSUE>\n");
    if (!pd) return;
    INT_EQ(pd->issues.n, 4);
    int schools = issue_of(pd, "schools");
    OK(schools >= 0 && strcmp(pd->issues.v[schools].code, "SCHOOLS") == 0, "n: gives the plural");
    OK(issue_of(pd, "school") == schools, "and the singular");
    OK(issue_of(pd, "pre-schools") >= 0 && issue_of(pd, "pre school") >= 0 && issue_of(pd, "preschool") >= 0,
       "'+' gives the hyphen, space and closed forms (folded as the tokenizer folds them)");
    OK(issue_of(pd, "taught pupils") < 0 && issue_of(pd, "teaching pupils") >= 0,
       "v: gives the regular inflections only");
    OK(issue_of(pd, "a head start") == DL_PISSUE_IGNORE, "~ marks an ignore phrase");
    int lit = issue_of(pd, "literacy");
    OK(lit >= 0 && strcmp(pd->issues.v[lit].code, "EDUCATION") == 0, "no code: the block's category");
    INT_EQ(pd->max_issue_phrase, 3);
    dl_pdict_free(pd);

    pd = dl_pdict_new();
    char err[256] = "";
    pd->strict = 1;
    const char *bad = "stray [X]\n";
    INT_EQ(dl_pdict_parse(pd, DL_PF_ISSUES, "i.txt", bad, strlen(bad), err, sizeof err), DL_ERR_DATA);
    OK(strstr(err, "i.txt:1:") != NULL, "a phrase outside a block names its line: '%s'", err);
    dl_pdict_free(pd);
}

static void test_kinds_share_phrases(void) {
    /* one phrase, two meanings: both chained under its key */
    struct dl_pdict *pd = dl_pdict_new();
    char err[256] = "";
    const char *actors = "POLICE [COP]\n", *agents = "POLICE {} [~COP]\n";
    INT_EQ(dl_pdict_parse(pd, DL_PF_ACTORS, "a.txt", actors, strlen(actors), err, sizeof err), DL_OK);
    INT_EQ(dl_pdict_parse(pd, DL_PF_AGENTS, "b.txt", agents, strlen(agents), err, sizeof err), DL_OK);
    INT_EQ(hit_index(pd, "police", DL_PH_ACTOR), 0);
    INT_EQ(hit_index(pd, "police", DL_PH_AGENT), 0);
    INT_EQ(pd->n_files, 2);
    dl_pdict_free(pd);
}

/* ---- verbs -------------------------------------------------------------- */

static const char VERBS[] =
    "<!-- verbs for the tests\n"                                 /* 1 */
    "     over two lines -->\n"                                  /* 2 */
    "&CURRENCY\n"                                                /* 3 */
    "+DOLLAR\n"                                                  /* 4 */
    "+EURO_\n"                                                   /* 5 */
    "&TIES_\n"                                                   /* 6 */
    "+TRADE\n"                                                   /* 7 */
    "+&CURRENCY\n"                                               /* 8 */
    "--- DEPART [042] ---\n"                                     /* 9 */
    "DEPART\n"                                                   /* 10 */
    "LEAVE {LEFT LEAVING}\n"                                     /* 11 */
    "WANT [030]\n"                                               /* 12 */
    "WIRE_+TAP {WIRE_+TAPPED}\n"                                 /* 13 */
    "+CALL_OFF [160]\n"                                          /* 14 */
    "- SUGGESTED_+ * DEMAND_&SET_CONVENTIONS [111]\n"            /* 15 */
    "- IN_* [075]\n"                                             /* 16 */
    "- * NEW_&TIES_RELATIONS [903]\n"                            /* 17 */
    "- $ * + [042:043]\n"                                        /* 18 */
    "- * &LATER [:190]\n"                                        /* 19 */
    "- * WITH_+ [###] # a comment\n"                             /* 20 */
    "- SO IN_AND_*_OUT_AGAIN NOW [074]\n"                        /* 21 */
    "--- STAY [---] ---\n"                                       /* 22 */
    "STAY\n"                                                     /* 23 */
    "KLM_NOP_+RST [002]\n"                                       /* 24 */
    "&SET\n"                                                     /* 25 */
    "+TREATY\n"                                                  /* 26 */
    "&LATER\n"                                                   /* 27 */
    "+FUND\n"                                                    /* 28 */
    "~ a (a b SAY) SAY = a b 015\n";                             /* 29 */

static void test_verb_regular_forms(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    static const char *const forms[] = {"depart", "departs", "departed", "departing"};
    for (size_t i = 0; i < 4; i++) {
        const dl_pverb *v = find_verb(pd, forms[i]);
        OK(v != NULL, "%s found", forms[i]);
        if (!v) continue;
        INT_EQ(v->block, 0);
        INT_EQ(v->has_code, 0);
        INT_EQ(v->ntok, 1);
        INT_EQ(v->head, 0);
        STR_EQ(v->rule, "t.txt:10");
    }
    OK(!find_verb(pd, "departes"), "no departes");
    OK(!find_verb(pd, "departies"), "no departies");
    STR_EQ(pd->blocks.v[0].active, "042");
    STR_EQ(pd->blocks.v[0].passive, "");
    STR_EQ(pd->blocks.v[1].active, "---");
    INT_EQ(pd->transforms.n, 1);
    if (pd->transforms.n == 1) {
        const dl_ptransform *t = &pd->transforms.v[0];
        OK(t->outer_src == 'a' && t->in_src == 'a' && t->in_tgt == 'b', "transformation variables");
        STR_EQ(t->in_verb, "SAY");
        STR_EQ(t->out_verb, "SAY");
        OK(t->res_src == 'a' && t->res_tgt == 'b', "result variables");
        STR_EQ(t->code, "015");
    }
    dl_pdict_free(pd);
}

static void test_verb_irregular_forms(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    OK(find_verb(pd, "left") != NULL, "left");
    OK(find_verb(pd, "leaving") != NULL, "leaving");
    OK(find_verb(pd, "leaves") != NULL, "leaves");
    dl_pdict_free(pd);
}

static void test_verb_code(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    const dl_pverb *want = find_verb(pd, "wanted");
    OK(want && want->has_code, "want has its own code");
    if (want) STR_EQ(want->active, "030");
    const dl_pverb *stay = find_verb(pd, "stays");
    OK(stay && !stay->has_code && stay->block == 1, "stay uses its block's code");
    dl_pdict_free(pd);
}

static void test_verb_multiword(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    /* regular forms do not double the consonant (as in PETRARCH), so the
     * dictionary lists "WIRE_+TAPPED" itself */
    static const char *const taps[] = {"wire tap", "wire taps", "wire tapped"};
    for (size_t i = 0; i < 3; i++) {
        const dl_pverb *v = find_verb(pd, taps[i]);
        OK(v != NULL, "%s found", taps[i]);
        if (v) { INT_EQ(v->ntok, 2); INT_EQ(v->head, 1); }
    }
    OK(!find_verb(pd, "wires tap"), "only the marked word inflects");
    /* "+CALL_OFF": the first word inflects */
    const dl_pverb *v = find_verb(pd, "called off");
    OK(v != NULL, "called off found");
    if (v) { INT_EQ(v->head, 0); STR_EQ(v->active, "160"); INT_EQ(v->has_code, 1); }
    OK(!find_verb(pd, "call offs"), "no call offs");
    /* the third word marked */
    v = find_verb(pd, "klm nop rsts");
    OK(v != NULL, "klm nop rsts found");
    if (v) { INT_EQ(v->ntok, 3); INT_EQ(v->head, 2); STR_EQ(v->active, "002"); }
    dl_pdict_free(pd);
}

static void test_pattern_join_flags(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    int set = find_set(pd, "SET");
    /* "- SUGGESTED_+ * DEMAND_&SET_CONVENTIONS [111]" */
    const dl_ppattern *p = pattern_at(pd, 15);
    OK(p && p->npre == 2 && p->npost == 3, "shape");
    if (p && p->npre == 2 && p->npost == 3) {
        INT_EQ(p->pre[0].kind, DL_PE_TARGET);     /* nearest the verb first */
        INT_EQ(p->pre[0].joined, 0);
        INT_EQ(p->pre[1].kind, DL_PE_WORD);
        STR_EQ(p->pre[1].word, "suggested");
        INT_EQ(p->pre[1].joined, 1);              /* SUGGESTED_+ */
        STR_EQ(p->post[0].word, "demand");
        INT_EQ(p->post[0].joined, 0);
        INT_EQ(p->post[1].kind, DL_PE_SET);
        INT_EQ(p->post[1].set, set);
        INT_EQ(p->post[1].joined, 1);
        STR_EQ(p->post[2].word, "conventions");
        INT_EQ(p->post[2].joined, 1);
        INT_EQ(p->nlit, 4);
        STR_EQ(p->active, "111");
    }
    /* "- IN_* [075]": joined to the verb */
    p = pattern_at(pd, 16);
    OK(p && p->npre == 1 && p->npost == 0, "IN_* shape");
    if (p && p->npre == 1) { STR_EQ(p->pre[0].word, "in"); INT_EQ(p->pre[0].joined, 1); }
    /* "- * NEW_&TIES_RELATIONS [903]" */
    p = pattern_at(pd, 17);
    OK(p && p->npre == 0 && p->npost == 3, "NEW_&TIES_RELATIONS shape");
    if (p && p->npost == 3) {
        INT_EQ(p->post[0].joined, 0);
        INT_EQ(p->post[1].set, find_set(pd, "TIES"));
        INT_EQ(p->post[1].joined, 1);
        INT_EQ(p->post[2].joined, 1);
    }
    /* "- SO IN_AND_*_OUT_AGAIN NOW [074]" */
    p = pattern_at(pd, 21);
    OK(p && p->npre == 3 && p->npost == 3, "SO IN_AND_*_OUT_AGAIN NOW shape");
    if (p && p->npre == 3 && p->npost == 3) {
        STR_EQ(p->pre[0].word, "and");
        INT_EQ(p->pre[0].joined, 1);
        STR_EQ(p->pre[1].word, "in");
        INT_EQ(p->pre[1].joined, 1);
        STR_EQ(p->pre[2].word, "so");
        INT_EQ(p->pre[2].joined, 0);
        STR_EQ(p->post[0].word, "out");
        INT_EQ(p->post[0].joined, 1);
        INT_EQ(p->post[1].joined, 1);
        STR_EQ(p->post[2].word, "now");
        INT_EQ(p->post[2].joined, 0);
    }
    dl_pdict_free(pd);
}

static void test_pattern_codes(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    INT_EQ(pd->blocks.v[0].pat0, 0);
    INT_EQ(pd->blocks.v[0].npat, 7);
    INT_EQ(pd->blocks.v[1].npat, 0);
    const dl_ppattern *p = pattern_at(pd, 18);   /* "[042:043]" */
    OK(p != NULL, "line 18");
    if (p) {
        STR_EQ(p->active, "042");
        STR_EQ(p->passive, "043");
        OK(p->npre == 1 && p->pre[0].kind == DL_PE_SOURCE, "$ before");
        OK(p->npost == 1 && p->post[0].kind == DL_PE_TARGET, "+ after");
        INT_EQ(p->nlit, 0);
    }
    p = pattern_at(pd, 19);                      /* "[:190]" */
    if (p) { STR_EQ(p->active, ""); STR_EQ(p->passive, "190"); }
    p = pattern_at(pd, 20);                      /* '#' inside brackets is no comment */
    OK(p != NULL, "line 20");
    if (p) STR_EQ(p->active, "###");
    dl_pdict_free(pd);
}

static void test_synset_forward_use(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    int later = find_set(pd, "LATER");
    OK(later >= 0, "LATER indexed");
    if (later >= 0) {
        INT_EQ(pd->synsets.v[later].placeholder, 0);
        OK(set_has(pd, later, "fund") && set_has(pd, later, "funds"), "members with plurals");
    }
    const dl_ppattern *p = pattern_at(pd, 19);
    if (p && p->npost == 1) INT_EQ(p->post[0].set, later);
    /* members of a set defined after the block still belong to the set */
    OK(set_has(pd, find_set(pd, "SET"), "treaty"), "SET has treaty");
    dl_pdict_free(pd);
}

static void test_synset_members(void) {
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, VERBS);
    if (!pd) return;
    int cur = find_set(pd, "CURRENCY"), ties = find_set(pd, "TIES");
    OK(cur >= 0 && ties >= 0, "sets indexed");
    OK(set_has(pd, cur, "dollar") && set_has(pd, cur, "dollars"), "regular plural");
    OK(set_has(pd, cur, "euro") && !set_has(pd, cur, "euros"), "EURO_: no plural");
    /* "&TIES_": no plurals for any member; the nested set copied in */
    OK(pd->synsets.v[ties].no_plural, "TIES_ has no plurals");
    OK(set_has(pd, ties, "trade") && !set_has(pd, ties, "trades"), "trade only");
    OK(set_has(pd, ties, "dollar") && set_has(pd, ties, "dollars") && set_has(pd, ties, "euro"),
       "CURRENCY copied into TIES");
    INT_EQ(pd->synsets.v[ties].members.n, 4);
    dl_pdict_free(pd);
}

static void test_synset_nesting_rounds(void) {
    /* A is indexed first (used in a pattern) but includes B, which
     * includes C: the copy needs two rounds.  X and Y include each other. */
    const char *text = "--- GO [010] ---\n"
                       "- * &A &Y [011]\n"
                       "&C\n+CAT_\n"
                       "&B\n+BAT_\n+&C\n+&C\n"   /* twice: listed once */
                       "&A\n+ANT_\n+&B\n"
                       "&X\n+XI_\n+&Y\n"
                       "&Y\n+YO_\n+&X\n";
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, text);
    if (!pd) return;
    int a = find_set(pd, "A");
    OK(set_has(pd, a, "ant") && set_has(pd, a, "bat") && set_has(pd, a, "cat"), "A has all three");
    INT_EQ(pd->synsets.v[a].members.n, 3);
    INT_EQ(pd->synsets.v[find_set(pd, "B")].includes.n, 1);
    int x = find_set(pd, "X"), y = find_set(pd, "Y");
    OK(set_has(pd, x, "yo") && set_has(pd, y, "xi"), "a cycle copies both ways");
    INT_EQ(pd->synsets.v[x].members.n, 2);
    INT_EQ(pd->synsets.v[y].members.n, 2);
    dl_pdict_free(pd);
}

static void test_synset_nesting_bounded(void) {
    /* 120 sets each including one 1,000-word set would copy 120,000
     * members: the copies stop at a bound, with a warning */
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap);
    if (!text) return;
    len += (size_t)snprintf(text + len, cap - len, "&BIG_\n");
    for (int i = 0; i < 1000; i++) len += (size_t)snprintf(text + len, cap - len, "+W%d\n", i);
    for (int i = 0; i < 120; i++) len += (size_t)snprintf(text + len, cap - len, "&T%d\n+&BIG\n", i);
    OK(len < cap, "text fits");
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, text);
    free(text);
    if (!pd) return;
    size_t total = 0;
    for (size_t s = 0; s < pd->synsets.n; s++) total += pd->synsets.v[s].members.n;
    OK(total <= 1000 + 100000, "%zu members", total);
    OK(set_has(pd, find_set(pd, "T0"), "w999"), "the first sets are complete");
    INT_EQ(pd->n_warnings, 1);
    OK(pd->warnings && strstr(pd->warnings, "nested synsets copy more than"), "warnings: %s",
       pd->warnings ? pd->warnings : "(none)");
    dl_pdict_free(pd);
}

static void test_synset_never_defined(void) {
    const char *text = "--- GO [010] ---\n- * &NOWHERE [011]\n";
    struct dl_pdict *pd = parse_text(DL_PF_VERBS, text);
    if (!pd) return;
    int s = find_set(pd, "NOWHERE");
    OK(s >= 0 && pd->synsets.v[s].placeholder && pd->synsets.v[s].members.n == 0, "an empty placeholder");
    INT_EQ(pd->n_warnings, 1);
    OK(pd->warnings && strstr(pd->warnings, "'&NOWHERE' is used but never defined"), "warning: %s",
       pd->warnings ? pd->warnings : "(none)");
    dl_pdict_free(pd);
}

/* ---- malformed lines ---------------------------------------------------- */

/* Parses text strictly: fails naming want (e.g. "t.txt:3: "). */
static void expect_strict_error(dl_pfile_kind kind, const char *text, const char *want) {
    struct dl_pdict *pd = dl_pdict_new();
    pd->strict = 1;
    char err[256] = "";
    dl_status st = dl_pdict_parse(pd, kind, "t.txt", text, strlen(text), err, sizeof err);
    OK(st == DL_ERR_DATA, "status %d for '%s'", st, text);
    OK(strstr(err, want) != NULL, "error '%s' lacks '%s'", err, want);
    INT_EQ(pd->n_files, 0);
    dl_pdict_free(pd);
}

static void test_strict_errors_name_the_line(void) {
    expect_strict_error(DL_PF_VERBS, "--- GO [010] ---\nGO\n- NO STAR [011]\n", "t.txt:3: ");
    expect_strict_error(DL_PF_VERBS, "# comment\nGO\n", "t.txt:2: verb before any");
    expect_strict_error(DL_PF_VERBS, "--- GO [010] ---\n- * X\n", "t.txt:2: pattern without a [CODE]");
    expect_strict_error(DL_PF_VERBS, "&A\n+X\n&A\n", "t.txt:3: synset '&A' defined twice");
    expect_strict_error(DL_PF_VERBS, "&A\n+&B\n", "t.txt:2: unknown synset");
    expect_strict_error(DL_PF_VERBS, "--- GO [010] ---\n- X & * [011]\n", "t.txt:2: bad synset name");
    expect_strict_error(DL_PF_ACTORS, "<!--\n\n-->\n[ORPHAN]\n", "t.txt:4: code without a phrase");
    expect_strict_error(DL_PF_ACTORS, "\t[X]\n", "t.txt:1: date line before any actor");
    expect_strict_error(DL_PF_ACTORS, "A [X <95x601]\n", "t.txt:1: bad date restriction");
    expect_strict_error(DL_PF_AGENTS, "ENVIRONMENTALIST [~ENV}\n", "t.txt:1: agent without a [~CODE]");
    expect_strict_error(DL_PF_AGENTS, "A [GOV]\n", "t.txt:1: agent code 'GOV' lacks '~'");
    expect_strict_error(DL_PF_AGENTS, "A!NOPE! [~GOV]\n", "t.txt:1: unknown substitution set");
    expect_strict_error(DL_PF_DISCARDS, "OK\n+\n", "t.txt:2: empty discard phrase");
}

static void test_lenient_skips_lines(void) {
    const char *text = "--- GO [010] ---\n"   /* 1 */
                       "GO\n"                 /* 2 */
                       "- NO STAR [011]\n"    /* 3: skipped */
                       "- * AWAY [012]\n"     /* 4 */
                       "- * BACK\n"           /* 5: skipped */
                       "RUN\n";               /* 6 */
    struct dl_pdict *pd = dl_pdict_new();
    char err[256] = "";
    INT_EQ(dl_pdict_parse(pd, DL_PF_VERBS, "t.txt", text, strlen(text), err, sizeof err), DL_OK);
    INT_EQ(pd->n_warnings, 2);
    OK(pd->warnings && strstr(pd->warnings, "t.txt:3: pattern without '*' for the verb (line skipped)\n"),
       "warnings: %s", pd->warnings ? pd->warnings : "(none)");
    OK(pd->warnings && strstr(pd->warnings, "t.txt:5: pattern without a [CODE] (line skipped)\n"),
       "warnings: %s", pd->warnings ? pd->warnings : "(none)");
    INT_EQ(pd->patterns.n, 1);
    INT_EQ(pd->blocks.v[0].npat, 1);
    OK(find_verb(pd, "runs") != NULL, "the lines after are read");
    INT_EQ(pd->n_files, 1);
    dl_pdict_free(pd);
}

static void test_lenient_bad_header(void) {
    /* a header that cannot be read is skipped, and the verbs under it must
     * not fall into the block before */
    const char *text = "--- GO [010] ---\n"   /* 1 */
                       "GO\n"                 /* 2 */
                       "--- STOP ---\n"       /* 3: no code */
                       "STOP\n"               /* 4 */
                       "- * NOW [011]\n"      /* 5 */
                       "--- WAIT [020] ---\n" /* 6 */
                       "WAIT\n";              /* 7 */
    struct dl_pdict *pd = dl_pdict_new();
    char err[256] = "";
    INT_EQ(dl_pdict_parse(pd, DL_PF_VERBS, "t.txt", text, strlen(text), err, sizeof err), DL_OK);
    OK(pd->warnings && strstr(pd->warnings, "t.txt:3: expected a [CODE] (line skipped)"), "warnings: %s",
       pd->warnings ? pd->warnings : "(none)");
    OK(find_verb(pd, "stop") == NULL, "STOP is not coded as GO");
    INT_EQ(pd->blocks.v[0].npat, 0);
    const dl_pverb *wait = find_verb(pd, "wait");
    OK(wait && strcmp(pd->blocks.v[wait->block].active, "020") == 0, "WAIT has its own block");
    for (size_t b = 0; b < pd->blocks.n; b++) OK(pd->blocks.v[b].rule != NULL, "block %zu has a rule", b);
    dl_pdict_free(pd);
}

static void test_lenient_agent_loops(void) {
    const char *text = "!A! = X!A!\nFOO!A! [~GOV]\nBAR [~GOV]\n";
    struct dl_pdict *pd = dl_pdict_new();
    char err[256] = "";
    INT_EQ(dl_pdict_parse(pd, DL_PF_AGENTS, "t.txt", text, strlen(text), err, sizeof err), DL_OK);
    INT_EQ(pd->n_warnings, 1);
    OK(pd->warnings && strstr(pd->warnings, "t.txt:2: "), "warnings: %s", pd->warnings ? pd->warnings : "(none)");
    OK(has_hit(pd, "bars", DL_PH_AGENT), "the next line is read");
    dl_pdict_free(pd);
}

/* ---- files -------------------------------------------------------------- */

static char dir[128];

static void write_file(const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    OK(fp != NULL, "cannot write %s", path);
    if (!fp) return;
    fputs(text, fp);
    fclose(fp);
}

static void test_load_missing(void) {
    char path[256], err[512] = "";
    snprintf(path, sizeof path, "%s/nowhere.verbs.txt", dir);
    const char *paths[] = {path, NULL};
    struct dl_pdict *pd = (struct dl_pdict *)1;
    INT_EQ(dl_pdict_load(paths, &pd, err, sizeof err), DL_ERR_IO);
    OK(pd == NULL, "no dictionary on failure");
    OK(strstr(err, path) != NULL, "error '%s' names the path", err);
}

static void test_load_unknown_kind(void) {
    write_file("notes.txt", "GONDOR [GON]\n");
    char path[256], err[512] = "";
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    const char *paths[] = {path, NULL};
    struct dl_pdict *pd = NULL;
    INT_EQ(dl_pdict_load(paths, &pd, err, sizeof err), DL_ERR_USAGE);
    OK(pd == NULL, "refused");
    OK(strstr(err, path) != NULL && strstr(err, "not a verbs, actors, agents, discards or issues"), "error '%s'", err);
}

static void test_load_directory(void) {
    /* a directory: its dictionaries by name, other files skipped */
    write_file("a.verbs.txt", "--- GO [010] ---\nGO\n- * &LATER [011]\n");
    write_file("b.actors.txt", "GONDOR [GON]\n");
    write_file("c.agents.txt", "ACTIVIST [~OPP]\n");
    write_file("d.discards.txt", "+WAR\n");
    write_file("e.IssueCoding.txt", "<ISSUE CATEGORY=\"X\">\n");
    write_file("ab.verbs.txt", "&LATER\n+FUND\n");
    write_file("CAMEO.base.txt", "--- HALT [190] ---\nHALT\n");
    const char *paths[] = {dir, NULL};
    struct dl_pdict *pd = NULL;
    char err[512] = "";
    INT_EQ(dl_pdict_load(paths, &pd, err, sizeof err), DL_OK);
    if (!pd) return;
    INT_EQ(pd->n_files, 7);   /* not notes.txt */
    OK(find_verb(pd, "going") != NULL, "verbs read");
    OK(find_verb(pd, "halted") != NULL, "a CAMEO* file is a verbs file");
    OK(hit_index(pd, "gondor", DL_PH_ACTOR) == 0, "actors read");
    OK(has_hit(pd, "activists", DL_PH_AGENT), "agents read");
    OK(has_hit(pd, "war", DL_PH_STORYDISCARD), "discards read");
    /* a set used in one file and defined in a later one (by name order) */
    OK(set_has(pd, find_set(pd, "LATER"), "funds"), "LATER defined by the later file");
    INT_EQ(pd->n_warnings, 0);
    dl_pdict_free(pd);
}

static void test_load_caps_warnings(void) {
    char text[2048] = "";
    for (int i = 0; i < 25; i++) strcat(text, "[ORPHAN]\n");
    write_file("many.actors.txt", text);
    char path[256], err[512] = "";
    snprintf(path, sizeof path, "%s/many.actors.txt", dir);
    const char *paths[] = {path, NULL};
    struct dl_pdict *pd = NULL;
    INT_EQ(dl_pdict_load(paths, &pd, err, sizeof err), DL_OK);
    if (!pd) return;
    INT_EQ(pd->n_warnings, 25);
    size_t lines = 0;
    for (const char *p = pd->warnings; p && *p; p++) lines += *p == '\n';
    INT_EQ(lines, DL_PDICT_MAX_WARNINGS + 1);
    OK(pd->warnings && strstr(pd->warnings, "many.actors.txt:20: code without a phrase (line skipped)"),
       "warnings: %s", pd->warnings ? pd->warnings : "(none)");
    OK(pd->warnings && !strstr(pd->warnings, "many.actors.txt:21:"), "line 21 is past the cap");
    OK(pd->warnings && strstr(pd->warnings, "... and 5 more\n"), "warnings: %s", pd->warnings ? pd->warnings : "(none)");
    dl_pdict_free(pd);
}

static void remove_dir(void) {
    static const char *const names[] = {"notes.txt", "a.verbs.txt", "b.actors.txt", "c.agents.txt",
                                        "d.discards.txt", "e.IssueCoding.txt", "ab.verbs.txt", "CAMEO.base.txt",
                                        "many.actors.txt"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* ---- dateline's lexicon format -------------------------------------------- */

static void test_lexicon_lines(void) {
    const char *text =
        "# kind\tclass\tcode\ttext\tflags\torigin\n"
        "set\tTIES\t\tties\n"
        "set\tTIES\t\tdiplomatic relations\n"
        "class\tMEETING\t040\n"
        "verb\tMEETING\t\tmeet {met}\n"
        "verb\tMEETING\t\tsit down {sat down}\n"
        "noun\tMEETING\t\tsummit\n"
        "pattern\tMEETING\t044\t* in\tbetween\n"
        "pattern\tMEETING\t032:033\t* to restore &TIES\timplicit\tOURS:9\n"
        "class\tATTACKING\t180\t\ttarget\n"
        "verb\tATTACKING\t\texpel\n"
        "discard\t\t\tworld cup\n"
        "discard\t\t\tmovie review\tstory\n"
        "discard\tATTACKING\t\telection\n"
        "discard\tATTACKING\t\t%score\n"
        "transform\t\t\ta (a b ATTACKING) MEETING = a b 015\n";
    struct dl_pdict *pd = parse_text(DL_PF_LEXICON, text);
    if (!pd) return;
    INT_EQ(pd->blocks.n, 2);
    STR_EQ(pd->blocks.v[0].name, "MEETING");
    STR_EQ(pd->blocks.v[0].active, "040");
    INT_EQ(pd->blocks.v[1].need_target, 1);
    const dl_pverb *met = find_verb(pd, "met"), *sat = find_verb(pd, "sat down");
    OK(met && met->block == 0 && !met->noun, "irregular form of a verb");
    OK(sat && sat->ntok == 2 && sat->head == 0, "multi-word verb with its irregular form");
    const dl_pverb *summits = find_verb(pd, "summits");
    OK(summits && summits->noun, "a noun gets its plural, and is a noun");
    OK(find_verb(pd, "summited") == NULL, "a noun gets no verb forms");
    OK(find_verb(pd, "expelled") && find_verb(pd, "expelling"), "a final consonant doubles");
    INT_EQ(pd->patterns.n, 2);
    const dl_ppattern *p = &pd->patterns.v[1];
    STR_EQ(p->active, "032");
    STR_EQ(p->passive, "033");
    INT_EQ(p->flags, DL_PPAT_IMPLICIT);
    INT_EQ(pd->patterns.v[0].flags, DL_PPAT_BETWEEN);
    STR_EQ(p->rule, "OURS:9");
    STR_EQ(pd->patterns.v[0].rule, "t.txt:8");
    int ties = find_set(pd, "TIES");
    OK(set_has(pd, ties, "diplomatic relations") && set_has(pd, ties, "ties"), "set members");
    OK(has_hit(pd, "world cup", DL_PH_DISCARD), "sentence discard");
    OK(has_hit(pd, "movie review", DL_PH_STORYDISCARD), "story discard");
    INT_EQ(pd->class_discards.n, 2);
    if (pd->class_discards.n == 2) {
        STR_EQ(pd->class_discards.v[0].cls, "ATTACKING");
        STR_EQ(pd->class_discards.v[0].key, "election");
        OK(pd->class_discards.v[1].key == NULL, "%%score is a result, not a phrase");
    }
    INT_EQ(pd->transforms.n, 1);
    if (pd->transforms.n) STR_EQ(pd->transforms.v[0].code, "015");
    dl_pdict_free(pd);
}

static void expect_lexicon_error(const char *text, const char *want) {
    struct dl_pdict *pd = dl_pdict_new();
    pd->strict = 1;
    char err[512] = "";
    dl_status st = dl_pdict_parse(pd, DL_PF_LEXICON, "lex.tsv", text, strlen(text), err, sizeof err);
    OK(st == DL_ERR_DATA, "status %d for %s", st, want);
    OK(strstr(err, want) != NULL, "error '%s' lacks '%s'", err, want);
    dl_pdict_free(pd);
}

static int only_040(const char *code, const void *ctx) {
    (void)ctx;
    return strcmp(code, "040") == 0;
}

static void test_lexicon_errors(void) {
    expect_lexicon_error("class\tA\t040\nverb\tA\t\tmeet\nclass\tB\t040\npattern\tA\t040\t* with\n",
                         "lex.tsv:4: the lines of class 'A' must be together");
    expect_lexicon_error("class\tA\t040\nclass\tA\t041\n", "lex.tsv:2: class 'A' is opened twice");
    expect_lexicon_error("pattern\tA\t\t* with\n", "lex.tsv:1: a pattern without a code");
    expect_lexicon_error("verb\t\t040\tmeet\n", "lex.tsv:1: a lexicon line without a class");
    expect_lexicon_error("phrase\tA\t040\tmeet\n", "lex.tsv:1: unknown lexicon line kind 'phrase'");
    expect_lexicon_error("discard\t\t\t\n", "lex.tsv:1: empty discard phrase");
    expect_lexicon_error("transform\t\t\ta b = c\n", "lex.tsv:1: transformation is not");
    /* with a codebook check, a code it lacks names the line */
    struct dl_pdict *pd = dl_pdict_new();
    pd->strict = 1;
    pd->code_known = only_040;
    char err[512] = "";
    const char *text = "class\tA\t040\npattern\tA\t041\t* with\n";
    OK(dl_pdict_parse(pd, DL_PF_LEXICON, "lex.tsv", text, strlen(text), err, sizeof err) == DL_ERR_DATA,
       "unknown code fails");
    OK(strstr(err, "lex.tsv:2: '041' is not a CAMEO code") != NULL, "error: %s", err);
    dl_pdict_free(pd);
}

/* A lexicon file goes by its .tsv name: in a directory too. */
static void test_lexicon_by_name(void) {
    char ldir[128], path[256];
    snprintf(ldir, sizeof ldir, "/tmp/dl-test-lex-%d", (int)getpid());
    mkdir(ldir, 0700);
    snprintf(path, sizeof path, "%s/mine.tsv", ldir);
    FILE *fp = fopen(path, "w");
    OK(fp != NULL, "write %s", path);
    if (!fp) return;
    fputs("class\tGREETING\t043\nverb\tGREETING\t\tgreet\n", fp);
    fclose(fp);
    const char *paths[] = {ldir, NULL};
    struct dl_pdict *pd = NULL;
    char err[512] = "";
    OK(dl_pdict_load(paths, &pd, err, sizeof err) == DL_OK, "load: %s", err);
    OK(pd && find_verb(pd, "greeted") != NULL, "a .tsv file in a directory is a lexicon");
    dl_pdict_free(pd);
    unlink(path);
    rmdir(ldir);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/dl-test-pdict-%d", (int)getpid());
    mkdir(dir, 0700);
    RUN(test_lexicon_lines);
    RUN(test_lexicon_errors);
    RUN(test_lexicon_by_name);
    RUN(test_actor_synonyms);
    RUN(test_actor_multiline_comment);
    RUN(test_actor_dated_codes);
    RUN(test_actor_two_digit_years);
    RUN(test_actor_slashed_code);
    RUN(test_actor_bad_dates);
    RUN(test_agent_plurals);
    RUN(test_agent_substitution);
    RUN(test_agent_prefix);
    RUN(test_agent_substitution_loops);
    RUN(test_discards);
    RUN(test_issues);
    RUN(test_kinds_share_phrases);
    RUN(test_verb_regular_forms);
    RUN(test_verb_irregular_forms);
    RUN(test_verb_code);
    RUN(test_verb_multiword);
    RUN(test_pattern_join_flags);
    RUN(test_pattern_codes);
    RUN(test_synset_forward_use);
    RUN(test_synset_members);
    RUN(test_synset_nesting_rounds);
    RUN(test_synset_nesting_bounded);
    RUN(test_synset_never_defined);
    RUN(test_strict_errors_name_the_line);
    RUN(test_lenient_skips_lines);
    RUN(test_lenient_bad_header);
    RUN(test_lenient_agent_loops);
    RUN(test_load_missing);
    RUN(test_load_unknown_kind);
    RUN(test_load_directory);
    RUN(test_load_caps_warnings);
    remove_dir();
    return dl_test_report();
}
