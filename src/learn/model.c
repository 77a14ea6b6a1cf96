/*
 * learn/model.c -- model files: write a section container with a CRC-32
 * (zlib), read it back into private memory and validate it before anything
 * trusts it.  Read, not mapped: a mapped file truncated under a running
 * process kills it with SIGBUS at the next page touched, and one
 * overwritten in place changes the tables after they were checked
 * (issue 13); a copy costs the file's size once per process.
 */
#include "learn/model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/file.h"

static const char MAGIC[8] = {'D', 'L', 'M', 'O', 'D', 'E', 'L', '\0'};

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t nsec;
    char kind[16];
    uint64_t size;   /* whole file */
    uint32_t crc;    /* CRC-32 of bytes [sizeof header, size) */
    uint32_t reserved;
} file_header;

typedef struct {
    char name[16];
    uint64_t off, len;
} file_section;

struct dl_model {
    char *path;
    const unsigned char *map;   /* the file's bytes, malloc'd */
    size_t size;
    const file_header *hdr;
    const file_section *sec;
};

static dl_status fail(char *err, size_t errlen, dl_status st, const char *path, const char *what) {
    if (err) snprintf(err, errlen, "%s: %s", path, what);
    return st;
}

/* Checks the image (malloc'd; the model takes it on success). */
static dl_status check_image(const unsigned char *map, size_t size, const char *path,
                             const char *kind, dl_model **out, char *err, size_t errlen) {
    const file_header *h = (const file_header *)map;
    const char *why = NULL;
    if (size < sizeof *h) why = "not a dateline model (too short)";
    else if (memcmp(h->magic, MAGIC, sizeof MAGIC)) why = "not a dateline model (bad magic)";
    else if (h->version != DL_MODEL_VERSION) why = "unsupported model version";
    else if (h->size != size) why = "truncated or extended model file (size mismatch)";
    else if (h->nsec > 32 || sizeof *h + h->nsec * sizeof(file_section) > size)
        why = "corrupt section table";
    else if (crc32(0L, (const Bytef *)map + sizeof *h, (uInt)(size - sizeof *h)) != h->crc)
        why = "checksum mismatch (corrupt model file)";
    else if (kind && strncmp(h->kind, kind, sizeof h->kind))
        why = "model is of another kind";
    const file_section *sec = (const file_section *)(h + 1);
    for (uint32_t i = 0; !why && i < h->nsec; i++)
        if (sec[i].off % 8 || sec[i].off > size || sec[i].len > size - sec[i].off ||
            !memchr(sec[i].name, 0, sizeof sec[i].name))
            why = "corrupt section table";
    dl_model *m = why ? NULL : calloc(1, sizeof *m);
    if (!why && (!m || !(m->path = strdup(path)))) why = "out of memory";
    if (why) {
        free(m);
        return fail(err, errlen, DL_ERR_DATA, path, why);
    }
    m->map = map;
    m->size = size;
    m->hdr = h;
    m->sec = sec;
    *out = m;
    return DL_OK;
}

/* Models are a few MB; anything past this is not one. */
#define MAX_MODEL_BYTES ((size_t)1 << 30)

/* Reads exactly size bytes of fd into buf; -1 when the file ended sooner
 * (it shrank while being read) or a read failed (errno). */
static int read_exact(int fd, unsigned char *buf, size_t size) {
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = 0;
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}

dl_status dl_model_open(const char *path, const char *kind, dl_model **out, char *err,
                        size_t errlen) {
    *out = NULL;
    int fd = dl_file_open_regular(path);
    if (fd == -2) return fail(err, errlen, DL_ERR_IO, path, "not a regular file");
    if (fd < 0) return fail(err, errlen, DL_ERR_IO, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) {
        close(fd);
        return fail(err, errlen, DL_ERR_IO, path, strerror(errno));
    }
    size_t size = (size_t)st.st_size;
    const char *why = size < sizeof(file_header) ? "not a dateline model (too short)"
                    : size > MAX_MODEL_BYTES     ? "not a dateline model (larger than 1 GiB)"
                                                 : NULL;
    if (why) {
        close(fd);
        return fail(err, errlen, DL_ERR_DATA, path, why);
    }
    unsigned char *img = malloc(size);
    if (!img) {
        close(fd);
        return fail(err, errlen, DL_ERR_NOMEM, path, "out of memory");
    }
    if (read_exact(fd, img, size) != 0) {
        int e = errno;
        close(fd);
        free(img);
        return fail(err, errlen, e ? DL_ERR_IO : DL_ERR_DATA, path,
                    e ? strerror(e) : "truncated while being read");
    }
    close(fd);
    dl_status st2 = check_image(img, size, path, kind, out, err, errlen);
    if (st2 != DL_OK) free(img);
    return st2;
}

dl_status dl_model_open_mem(const void *bytes, size_t len, const char *name, const char *kind,
                            dl_model **out, char *err, size_t errlen) {
    *out = NULL;
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) return fail(err, errlen, DL_ERR_NOMEM, name, "out of memory");
    memcpy(copy, bytes, len);
    dl_status st = check_image(copy, len, name, kind, out, err, errlen);
    if (st != DL_OK) free(copy);
    return st;
}

size_t dl_model_size(const dl_model *m) { return m->size; }

void dl_model_close(dl_model *m) {
    if (!m) return;
    free((void *)m->map);
    free(m->path);
    free(m);
}

const void *dl_model_section(const dl_model *m, const char *name, size_t *len) {
    for (uint32_t i = 0; i < m->hdr->nsec; i++)
        if (!strcmp(m->sec[i].name, name)) {
            *len = (size_t)m->sec[i].len;
            return m->map + m->sec[i].off;
        }
    *len = 0;
    return NULL;
}

const char *dl_model_kind(const dl_model *m) { return m->hdr->kind; }
const char *dl_model_path(const dl_model *m) { return m->path; }

void dl_model_writer_init(dl_model_writer *w, const char *kind) {
    memset(w, 0, sizeof *w);
    snprintf(w->kind, sizeof w->kind, "%s", kind);
    dl_strbuf_init(&w->data);
}

void dl_model_writer_release(dl_model_writer *w) { dl_strbuf_release(&w->data); }

void *dl_model_writer_add(dl_model_writer *w, const char *name, const void *bytes, size_t len) {
    if (w->nsec == 32 || strlen(name) >= 16) return NULL;
    size_t off = w->data.len;
    if (len) dl_strbuf_add(&w->data, bytes, len);
    while (w->data.len % 8) dl_strbuf_addc(&w->data, 0);
    if (w->data.oom) return NULL;
    snprintf(w->sec[w->nsec].name, 16, "%s", name);
    w->sec[w->nsec].off = off;
    w->sec[w->nsec].len = len;
    w->nsec++;
    static char none;   /* an empty first section: the buffer is not allocated yet */
    return w->data.s ? w->data.s + off : &none;
}

dl_status dl_model_writer_bytes(dl_model_writer *w, void **out, size_t *len) {
    *out = NULL;
    *len = 0;
    if (w->data.oom) return DL_ERR_NOMEM;
    file_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, sizeof MAGIC);
    h.version = DL_MODEL_VERSION;
    h.nsec = (uint32_t)w->nsec;
    memcpy(h.kind, w->kind, sizeof h.kind);
    size_t table = (size_t)w->nsec * sizeof(file_section);
    size_t base = sizeof h + table;
    while (base % 8) base++;
    h.size = base + w->data.len;
    unsigned char *img = calloc(1, (size_t)h.size);
    if (!img) return DL_ERR_NOMEM;
    file_section *sec = (file_section *)(img + sizeof h);
    for (int i = 0; i < w->nsec; i++) {
        memcpy(sec[i].name, w->sec[i].name, 16);
        sec[i].off = base + w->sec[i].off;
        sec[i].len = w->sec[i].len;
    }
    if (w->data.len) memcpy(img + base, w->data.s, w->data.len);
    h.crc = (uint32_t)crc32(0L, img + sizeof h, (uInt)(h.size - sizeof h));
    memcpy(img, &h, sizeof h);
    *out = img;
    *len = (size_t)h.size;
    return DL_OK;
}

dl_status dl_model_writer_save(dl_model_writer *w, const char *path, char *err, size_t errlen) {
    void *img;
    size_t len;
    if (dl_model_writer_bytes(w, &img, &len) != DL_OK)
        return fail(err, errlen, DL_ERR_NOMEM, path, "out of memory");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        free(img);
        return fail(err, errlen, DL_ERR_IO, path, strerror(errno));
    }
    int ok = fwrite(img, len, 1, fp) == 1;
    if (fclose(fp) != 0) ok = 0;
    free(img);
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return fail(err, errlen, DL_ERR_IO, path, strerror(e));
    }
    return DL_OK;
}

dl_status dl_model_names(const void *p, size_t len, const char ***names, size_t *n) {
    *names = NULL;
    *n = 0;
    const char *s = p;
    if (!p || !len || s[len - 1] != '\0') return DL_ERR_DATA;
    size_t count = 0;
    for (size_t i = 0; i < len; i++) count += s[i] == '\0';
    const char **v = malloc(count * sizeof *v);
    if (!v) return DL_ERR_NOMEM;
    for (size_t i = 0, k = 0; i < len; k++) {
        v[k] = s + i;
        i += strlen(s + i) + 1;
    }
    *names = v;
    *n = count;
    return DL_OK;
}
