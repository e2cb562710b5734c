/* rec.h - the study record: one statistical figure found in an article, and its I/O.
 *
 *   rec_t r; rec_init(&r);
 *   rec_set(&r.kind, "mean_sd"); r.values[0] = 61.5; r.values[1] = 7.4; r.nvalues = 2;
 *   rec_write_json(stdout, &r); rec_destroy(&r);
 *
 * Ownership: a rec_t owns every string and list in it (all heap, all may be NULL);
 * rec_destroy frees them. rec_set and rec_add_* copy their arguments. */
#ifndef REC_H
#define REC_H

#include <stdio.h>
#include <stddef.h>

#define REC_MAXV 8

typedef struct {
    char  *study;       /* "doi:10.1186/..." or "title:<key>" */
    char  *file;        /* path as given on the command line */
    long   line;        /* 1-based line in the input file (PDF: in the reader's text) */
    long   offset;      /* byte offset of text in the input file, -1 when not exact */
    int    page;        /* PDF page, 1-based; 0 when not a PDF */
    char  *text;        /* the figure's text, as in the file (UTF-8) */
    char  *kind;        /* gold/FORMAT.md kind: mean_sd, median_iqr, ... */
    double values[REC_MAXV];
    int    nvalues;
    char  *measure;     /* estimate_ci: HR, OR, RR, MD, SMD, RD, IRR, mean, proportion, other */
    double level;       /* estimate_ci / mean_ci: CI level in percent; NAN when none */
    char  *op;          /* p_value: "=", "<", ">", "<=", ">=" */
    char  *variable, *unit, *group;
    long   n;           /* group size, -1 when unknown */
    char  *timepoint, *table;
    double confidence;  /* 0..1 */
    char **flags;  int nflags;   /* "check:...", "read:...", "dup:..." */
    char **notes;  int nnotes;   /* what a check found, in words and numbers */
} rec_t;

void rec_init(rec_t *r);
void rec_destroy(rec_t *r);
/* Deep copy of src into dst (dst must not hold anything). Returns 0, -1 on allocation failure. */
int  rec_copy(rec_t *dst, const rec_t *src);
/* Replace *dst by a copy of s (NULL clears). Returns 0, -1 on allocation failure. */
int  rec_set(char **dst, const char *s);
int  rec_add_flag(rec_t *r, const char *flag);   /* no-op if already present */
int  rec_has_flag(const rec_t *r, const char *flag);
int  rec_add_note(rec_t *r, const char *note);
/* A check's finding in words: the notes of a "check:NAME" flag start with "NAME:". Returns the
 * text after that prefix (leading spaces skipped) when note belongs to flag, else NULL. */
const char *rec_note_of(const char *note, const char *flag);

/* One JSON object and a newline. Fields in DESIGN.md order; numbers in the shortest form that
 * reads back exactly; NaN/Inf as null. Returns 0, -1 on write error. */
int  rec_write_json(FILE *fp, const rec_t *r);
/* CSV view: rec_write_csv_header once, then one row per record (RFC 4180 quoting). */
int  rec_write_csv_header(FILE *fp);
int  rec_write_csv(FILE *fp, const rec_t *r);
/* One CSV field, quoted as RFC 4180 asks when it holds , " CR or LF; NULL writes nothing.
 * Shared by every CSV the project writes (records, pool's forest files). Returns 0, -1. */
int  rec_csv_field(FILE *fp, const char *s);
/* A JSON string (escaped by jansson; NULL writes null), for every JSON the project writes. */
int  rec_json_str(FILE *fp, const char *s);

/* Parse one JSON Lines line into r (initialised here). Returns 0, or -1 with a message in err. */
int  rec_parse_json(const char *line, rec_t *r, char *err, size_t errlen);

/* A growable array of records. */
typedef struct { rec_t *v; size_t n, cap; } rec_list_t;
void   rec_list_init(rec_list_t *l);
void   rec_list_destroy(rec_list_t *l);
/* Append a zero-initialised record and return it; NULL on allocation failure. */
rec_t *rec_list_push(rec_list_t *l);
/* Read a whole JSONL file; returns 0, or -1 with "file:line: why" in err. */
int    rec_list_read_jsonl(rec_list_t *l, const char *path, char *err, size_t errlen);

#endif
