/* core/file.c -- regular files only, for the engine's data; see file.h. */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dl_file_open_regular(const char *path) {
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -2;
    }
    /* reads of a regular file never block; clear the flag all the same */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

FILE *dl_file_fopen_regular(const char *path, const char **why) {
    int fd = dl_file_open_regular(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (fp) return fp;
    *why = fd == -2 ? "not a regular file" : strerror(errno);
    if (fd >= 0) close(fd);
    return NULL;
}
