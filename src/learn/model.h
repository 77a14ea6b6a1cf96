/*
 * learn/model.h -- the model file: a small container of named sections,
 * read into private memory and checked before use.
 *
 *   header   "DLMODEL\0", version, kind ("pos", "parse", "ner"), section
 *            count, file size, CRC-32 of everything after the header
 *   table    per section: name[16], offset, length (8-aligned offsets)
 *   data     the sections: weight tables (learn/lm.h), class names, ...
 *
 * A truncated, foreign or corrupt file is refused with a message naming the
 * file and the problem; nothing is read past what the header promises.
 */
#ifndef DL_LEARN_MODEL_H
#define DL_LEARN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "dateline.h"

#define DL_MODEL_VERSION 1

typedef struct dl_model dl_model;

/* Reads path (a regular file) into memory and checks magic, version, kind
 * (when not NULL), sizes and the checksum.  On failure returns DL_ERR_IO or DL_ERR_DATA and writes
 * "PATH: problem" into err. */
dl_status dl_model_open(const char *path, const char *kind, dl_model **out, char *err,
                        size_t errlen);
/* The same checks on bytes in memory (copied; name is used in messages). */
dl_status dl_model_open_mem(const void *bytes, size_t len, const char *name, const char *kind,
                            dl_model **out, char *err, size_t errlen);
void dl_model_close(dl_model *m);
/* The file size in bytes. */
size_t dl_model_size(const dl_model *m);
/* The bytes of section name (8-aligned), or NULL when the file has none. */
const void *dl_model_section(const dl_model *m, const char *name, size_t *len);
const char *dl_model_kind(const dl_model *m);
const char *dl_model_path(const dl_model *m);

/* DIR/models/KIND.model into buf, DIR being data_dir, else $DATELINE_DATA,
 * else the built-in data directory.  Returns buf. */
const char *dl_model_default_path(const char *data_dir, const char *kind, char *buf, size_t cap);

/* ---- writing ---------------------------------------------------------------- */

typedef struct {
    char kind[16];
    dl_strbuf data;    /* section bytes, each padded to 8 */
    struct { char name[16]; uint64_t off, len; } sec[32];
    int nsec;
} dl_model_writer;

void dl_model_writer_init(dl_model_writer *w, const char *kind);
void dl_model_writer_release(dl_model_writer *w);
/* Adds a section (copied).  Returns a pointer to its bytes in the writer,
 * valid until the next add, or NULL when out of memory or sections. */
void *dl_model_writer_add(dl_model_writer *w, const char *name, const void *bytes, size_t len);
/* The whole file image; caller frees *out with free(). */
dl_status dl_model_writer_bytes(dl_model_writer *w, void **out, size_t *len);
/* Writes the file (through a temporary and a rename). */
dl_status dl_model_writer_save(dl_model_writer *w, const char *path, char *err, size_t errlen);

/* ---- helpers for common sections ---------------------------------------------- */

/* Splits a section of NUL-terminated names into a malloc'd array of n
 * pointers into the section.  DL_ERR_DATA when it is not. */
dl_status dl_model_names(const void *p, size_t len, const char ***names, size_t *n);

#endif
