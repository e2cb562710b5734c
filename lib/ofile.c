/* ofile.c - outputs written whole or not at all (temporary file, then rename). */
#include "ofile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int reserve(ofile_t *o, const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path);
    o->fp = NULL;
    o->path = strdup(path);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        goto fail;
    }
    /* mkstemp makes 0600; give the file the mode an ordinary fopen would. */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um) != 0 || close(fd) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        unlink(o->tmp);
        goto fail;
    }
    return 0;
fail:
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    return -1;
}

int ofile_open_name(ofile_t *o, const char *path, char *err, size_t errlen)
{
    return reserve(o, path, err, errlen);
}

int ofile_open(ofile_t *o, const char *path, char *err, size_t errlen)
{
    if (reserve(o, path, err, errlen)) return -1;
    if (!(o->fp = fopen(o->tmp, "wb"))) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        unlink(o->tmp);
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return -1;
    }
    return 0;
}

int ofile_close(ofile_t *o, int keep, char *err, size_t errlen)
{
    int rc = 0;
    if (!o->tmp) return 0;
    if (o->fp) {
        int bad = ferror(o->fp);
        if ((fclose(o->fp) != 0) | bad) {
            if (keep) snprintf(err, errlen, "%s: write error: %s", o->path, strerror(errno ? errno : EIO));
            rc = -1;
        }
        o->fp = NULL;
    }
    if (rc == 0 && keep && rename(o->tmp, o->path) != 0) {
        snprintf(err, errlen, "%s: cannot rename into place: %s", o->path, strerror(errno));
        rc = -1;
    }
    if (rc != 0 || !keep) unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    return keep ? rc : 0;
}
