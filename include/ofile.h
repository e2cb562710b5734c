/* ofile.h - an output file written whole or not at all: a temporary file beside the target
 * (same directory, so rename is atomic), renamed into place only when every write went through.
 *
 *   ofile_t o;
 *   if (ofile_open(&o, "out/x.csv", err, sizeof err) == 0) {
 *       fprintf(o.fp, "...");
 *       if (ofile_close(&o, 1, err, sizeof err)) ...;   // 1: keep, 0: discard
 *   }
 *
 * For writers that need a file name rather than a FILE (cairo), ofile_open_name makes the
 * temporary name only (o.fp stays NULL); ofile_close then renames or removes it. */
#ifndef OFILE_H
#define OFILE_H

#include <stdio.h>
#include <stddef.h>

typedef struct {
    char *path;     /* target (owned copy) */
    char *tmp;      /* temporary file beside it */
    FILE *fp;       /* open stream (ofile_open), NULL for ofile_open_name */
} ofile_t;

/* Create the temporary file and open it for writing. 0, or -1 with "PATH: why" in err. */
int ofile_open(ofile_t *o, const char *path, char *err, size_t errlen);
/* Only choose and reserve the temporary name (an empty file is created there). */
int ofile_open_name(ofile_t *o, const char *path, char *err, size_t errlen);
/* Close; when keep is set and no write failed, rename into place, else remove the temporary
 * file. Returns 0, or -1 with "PATH: why" in err (the target is then untouched). A closed or
 * never-opened ofile_t (zeroed) is a no-op. */
int ofile_close(ofile_t *o, int keep, char *err, size_t errlen);

#endif
