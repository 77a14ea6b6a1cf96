/*
 * core/file.h -- opening the data files the engine loads (codebooks,
 * dictionaries, models): regular files only, so that a FIFO or a device
 * put in their place (or a link to /dev/zero) is refused at once instead
 * of blocking the open or feeding bytes without end.
 */
#ifndef DL_CORE_FILE_H
#define DL_CORE_FILE_H

#include <stdio.h>

/* Opens path for reading without blocking on a FIFO.  Returns the
 * descriptor; -1 with errno set when it cannot be opened; -2 when it is not
 * a regular file (after closing it). */
int dl_file_open_regular(const char *path);

/* The same as a stdio stream; NULL with *why set ("not a regular file" or
 * strerror(errno)). */
FILE *dl_file_fopen_regular(const char *path, const char **why);

#endif
