/*
 * extract/lang.c -- the article's language: first the writing system
 * (Cyrillic -> ru, Arabic -> ar or fa, Han -> zh, kana -> ja, Hangul -> ko,
 * ...), then for Latin script the share of each language's most frequent
 * function words (frequency lists of news corpora, top ~35 per language).
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "core/map.h"
#include "core/utf8.h"
#include "extract/extract.h"

typedef struct {
    const char *code;
    const char *const *words;
} stoplist;

static const char *const en[] = {
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by",
    "he", "said", "his", "at", "from", "have", "has", "are", "be", "this", "an", "which", "not",
    "but", "they", "were", "had", "will", "been", "their", "who", "would", NULL};
static const char *const fr[] = {
    "le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "aux", "avec", "il", "elle", "ce", "se", "sont", "par", "plus",
    "ont", "\xc3\xa9t\xc3\xa9", "mais", "ses", "leur", "nous", "cette", "a", NULL};
static const char *const de[] = {
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit",
    "sich", "des", "auf", "f\xc3\xbcr", "im", "dem", "auch", "es", "an", "als", "wird", "nach",
    "bei", "sie", "er", "wurde", "werden", "hat", "aus", "oder", "einen", "durch", "zum",
    "zur", NULL};
static const char *const es[] = {
    "el", "la", "los", "las", "de", "del", "y", "que", "en", "un", "una", "es", "por", "con",
    "para", "se", "no", "su", "al", "lo", "como", "m\xc3\xa1s", "pero", "sus", "le", "ha",
    "fue", "este", "esta", "entre", "tambi\xc3\xa9n", "sobre", "muy", NULL};
static const char *const it[] = {
    "il", "la", "di", "che", "e", "le", "un", "una", "per", "non", "del", "della", "dei",
    "delle", "con", "sono", "\xc3\xa8", "nel", "nella", "alla", "gli", "ha", "si", "come",
    "anche", "pi\xc3\xb9", "ma", "questo", "dal", "al", "da", "lo", NULL};
static const char *const pt[] = {
    "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "um", "uma", "para",
    "com", "n\xc3\xa3o", "no", "na", "por", "se", "mais", "foi", "ao", "como", "mas", "ele",
    "ela", "s\xc3\xa3o", "pelo", "pela", "tamb\xc3\xa9m", "seu", "sua", NULL};
static const char *const nl[] = {
    "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "voor", "met",
    "niet", "die", "aan", "er", "ook", "als", "bij", "door", "om", "maar", "werd", "naar",
    "wordt", "hij", "dan", "nog", "heeft", "ze", "uit", "tot", NULL};
static const char *const tr[] = {
    "ve", "bir", "bu", "da", "de", "i\xc3\xa7in", "ile", "olarak", "daha", "\xc3\xa7ok", "gibi",
    "olan", "en", "ama", "ne", "var", "kadar", "sonra", "ise", "de\xc4\x9fil", "o",
    "\xc5\x9fu", "her", "g\xc3\xb6re", "yok", "m\xc4\xb1", "mi", "ancak",
    "taraf\xc4\xb1ndan", NULL};
static const char *const id[] = {
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan",
    "pada", "adalah", "ke", "juga", "oleh", "ada", "karena", "telah", "sebagai", "bisa",
    "mereka", "atau", "kami", "saat", "lebih", "sudah", "kata", "tersebut", "bahwa", NULL};

static const stoplist stoplists[] = {
    {"en", en}, {"fr", fr}, {"de", de}, {"es", es}, {"it", it},
    {"pt", pt}, {"nl", nl}, {"tr", tr}, {"id", id},
};
enum { NLANG = sizeof stoplists / sizeof *stoplists };

/* Scripts counted letter by letter. */
enum { S_LATIN, S_CYRILLIC, S_ARABIC, S_PERSIAN, S_HAN, S_KANA, S_HANGUL, S_GREEK, S_HEBREW,
       S_DEVANAGARI, S_THAI, S_OTHER, NSCRIPT };

static int script_of(int32_t cp) {
    if (cp < 0x250) return S_LATIN;
    if (cp >= 0x370 && cp < 0x400) return S_GREEK;
    if (cp >= 0x400 && cp < 0x530) return S_CYRILLIC;
    if (cp >= 0x590 && cp < 0x600) return S_HEBREW;
    /* پ چ ژ گ and Persian yeh/keheh mark Persian within Arabic script */
    if (cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF || cp == 0x6CC || cp == 0x6A9)
        return S_PERSIAN;
    if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) || (cp >= 0xFB50 && cp < 0xFE00) ||
        (cp >= 0xFE70 && cp < 0xFF00))
        return S_ARABIC;
    if (cp >= 0x900 && cp < 0x980) return S_DEVANAGARI;
    if (cp >= 0xE00 && cp < 0xE80) return S_THAI;
    if (cp >= 0x1E00 && cp < 0x1F00) return S_LATIN;
    if (cp >= 0x3040 && cp < 0x3100) return S_KANA;
    if ((cp >= 0x4E00 && cp < 0xA000) || (cp >= 0x3400 && cp < 0x4DC0)) return S_HAN;
    if (cp >= 0xAC00 && cp < 0xD7B0) return S_HANGUL;
    return S_OTHER;
}

/* Lower-cases one Latin word (ASCII only; accented letters are already
 * lower case in the stop lists) into buf. */
static size_t fold_word(const char *s, size_t n, char *buf, size_t cap) {
    if (n >= cap) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[n] = '\0';
    return n;
}

/* Every stop word once, with the languages whose lists hold it (bit l for
 * stoplists[l]): one hash probe per word of the text, built on first use. */
enum { WORD_SLOTS = 1024 };
static struct {
    const char *word;
    uint16_t langs;
} word_table[WORD_SLOTS];
static pthread_once_t word_table_once = PTHREAD_ONCE_INIT;

static size_t word_slot(const char *w, size_t n) {
    size_t i = (size_t)dl_hash_bytes(w, n) & (WORD_SLOTS - 1);
    while (word_table[i].word && strcmp(word_table[i].word, w) != 0) i = (i + 1) & (WORD_SLOTS - 1);
    return i;
}

static void build_word_table(void) {
    for (size_t l = 0; l < NLANG; l++)
        for (const char *const *w = stoplists[l].words; *w; w++) {
            size_t i = word_slot(*w, strlen(*w));
            word_table[i].word = *w;
            word_table[i].langs |= (uint16_t)(1u << l);
        }
}

/* The languages whose stop lists hold the folded word w (n bytes). */
static unsigned stop_langs(const char *w, size_t n) {
    pthread_once(&word_table_once, build_word_table);
    return word_table[word_slot(w, n)].langs;
}

/* The primary subtag of a hint like "en-US" matches code? */
static bool hint_is(const char *hint, const char *code) {
    size_t m = strlen(code);
    return hint && strncmp(hint, code, m) == 0 && (hint[m] == '\0' || hint[m] == '-' || hint[m] == '_');
}

const char *dl__detect_language(const char *s, size_t n, const char *hint) {
    /* a sample is enough: the first 64 KiB */
    if (n > 65536) {
        n = 65536;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    size_t scripts[NSCRIPT] = {0}, letters = 0;
    size_t hits[NLANG] = {0}, words = 0;
    size_t i = 0;
    while (i < n) {
        size_t w = i;
        int32_t cp = dl_utf8_next(s, n, &i);
        if (!dl_cp_is_alpha(cp)) continue;
        /* a word: a run of letters (and apostrophes inside) */
        size_t end = i;
        int script = script_of(cp);
        scripts[script]++;
        letters++;
        while (end < n) {
            size_t k = end;
            int32_t c2 = dl_utf8_next(s, n, &k);
            if (!dl_cp_is_alpha(c2)) break;
            scripts[script_of(c2)]++;
            letters++;
            end = k;
        }
        i = end;
        if (script != S_LATIN) continue;
        char buf[32];
        size_t len = fold_word(s + w, end - w, buf, sizeof buf);
        words++;
        if (!len) continue;
        unsigned langs = stop_langs(buf, len);
        for (size_t l = 0; langs && l < NLANG; l++)
            if (langs & (1u << l)) hits[l]++;
    }
    if (letters == 0) return hint && hint[0] ? hint : "en";
    /* non-Latin scripts decide by themselves */
    scripts[S_ARABIC] += scripts[S_PERSIAN];
    int best_script = S_LATIN;
    for (int sc = 0; sc < NSCRIPT; sc++)
        if (sc != S_OTHER && scripts[sc] > scripts[best_script]) best_script = sc;
    if (best_script != S_LATIN && best_script != S_PERSIAN && scripts[best_script] * 2 > letters) {
        switch (best_script) {
        case S_CYRILLIC: return hint_is(hint, "uk") || hint_is(hint, "bg") || hint_is(hint, "sr") ? hint : "ru";
        case S_ARABIC:
            if (scripts[S_PERSIAN] * 50 > scripts[S_ARABIC]) return "fa";
            return hint_is(hint, "ur") ? hint : "ar";
        case S_HAN: return scripts[S_KANA] * 20 > scripts[S_HAN] ? "ja" : "zh";
        case S_KANA: return "ja";
        case S_HANGUL: return "ko";
        case S_GREEK: return "el";
        case S_HEBREW: return "he";
        case S_DEVANAGARI: return "hi";
        case S_THAI: return "th";
        default: break;
        }
    }
    if (scripts[S_HAN] + scripts[S_KANA] > letters / 4 && scripts[S_KANA] * 20 > scripts[S_HAN])
        return "ja";
    /* Latin script: the stop list with the largest share of the words */
    size_t best = 0;
    for (size_t l = 1; l < NLANG; l++)
        if (hits[l] > hits[best]) best = l;
    bool confident = words >= 15 && hits[best] * 8 >= words;
    if (!confident) {
        if (hint && hint[0]) return hint;
        return words >= 15 ? stoplists[best].code : "en";
    }
    if (hint_is(hint, stoplists[best].code)) return hint;
    return stoplists[best].code;
}
