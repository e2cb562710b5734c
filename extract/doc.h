/* doc.h - the document model every reader feeds: blocks of UTF-8 text that map back to the
 * source bytes, and tables as grids of cells.
 *
 *   doc_t *d = doc_new("corpus/a.txt");
 *   doc_block_t *b = doc_add_block(d, DOC_PARA);
 *   doc_text_append(&b->text, "61.5 ± 7.4", 11, 1234, 57);   // source offset 1234, line 57
 *   ... doc_free(d);
 *
 * Ownership: the doc owns its blocks, their texts, tables, cells and every string in them.
 * Text is always valid UTF-8 (readers repair or convert); it is never NUL-containing. */
#ifndef DOC_H
#define DOC_H

#include <stddef.h>
#include <stdio.h>

/* A run of text that maps linearly onto source bytes on one source line: text bytes
 * [pos, next seg's pos) come from source offsets [off, ...). off < 0: not exact (derived text,
 * e.g. a decoded entity or a converted byte); then the line is still right. */
typedef struct {
    size_t pos;
    long   off;
    long   line;
    int    page;     /* PDF page, 0 otherwise */
} doc_seg_t;

typedef struct {
    char      *s;        /* NUL-terminated UTF-8 */
    size_t     len, cap;
    doc_seg_t *seg;
    size_t     nseg, segcap;
} doc_text_t;

void doc_text_init(doc_text_t *t);
void doc_text_destroy(doc_text_t *t);
/* Append n bytes; they map to source offset off (or -1) on source line `line`, page 0.
 * Bytes appended with off = prev.off + (pos - prev.pos) on the same line extend the previous
 * segment. Returns 0, -1 on allocation failure. */
int  doc_text_append(doc_text_t *t, const char *s, size_t n, long off, long line);
int  doc_text_append_pg(doc_text_t *t, const char *s, size_t n, long off, long line, int page);
/* Where text byte pos came from. off is -1 when not exact. */
void doc_text_locate(const doc_text_t *t, size_t pos, long *off, long *line, int *page);
/* Append src's bytes [a, b) to dst with their source map (offsets, lines, pages). 0, -1 on OOM. */
int  doc_text_append_range(doc_text_t *dst, const doc_text_t *src, size_t a, size_t b);
/* Keep the first n bytes of t (and the segments that start before them). */
void doc_text_truncate(doc_text_t *t, size_t n);
/* Move src's text into dst (whose old text is freed); src is left empty. */
void doc_text_move(doc_text_t *dst, doc_text_t *src);
/* Give back the spare room of t's arrays, for texts kept through a whole extraction. */
void doc_text_shrink(doc_text_t *t);

typedef enum {
    DOC_TITLE, DOC_HEADING, DOC_PARA, DOC_CAPTION, DOC_FOOTNOTE, DOC_TABLE
} doc_kind_t;

typedef struct {
    doc_text_t text;
    int  row, col;           /* top-left position in the grid */
    int  rowspan, colspan;   /* >= 1 */
    int  header;             /* 1 in a header row (thead) or a header column (th / stub) */
    int  indent;             /* nesting level of a row label (sub-rows under a parent label) */
    int  uncertain;          /* this cell's place in the grid is a guess (scrambled text table) */
} doc_cell_t;

typedef struct {
    int  nrows, ncols;
    int  nhead;              /* how many of the first rows are header rows */
    doc_cell_t  *cells;      /* ncells cells, in reading order */
    int  ncells, cellcap;
    doc_cell_t **grid;       /* nrows*ncols, spans expanded (the same cell repeated); may be NULL */
    char *label;             /* "Table 1", or NULL */
    doc_text_t caption;      /* title/caption text */
    doc_text_t foot;         /* footnotes: "Data are mean ± SD ..." */
    int  uncertain;          /* layout could not be rebuilt reliably: labels are guesses */
} doc_table_t;

typedef struct {
    doc_kind_t   kind;
    doc_text_t   text;       /* for DOC_TABLE: empty; see table */
    int          level;      /* heading level, 1-based; 0 otherwise */
    int          section;    /* index of the heading block this block falls under, -1 if none */
    doc_table_t *table;      /* DOC_TABLE only */
} doc_block_t;

typedef struct {
    int   level;             /* DOC_WARN or DOC_ERROR */
    long  line;              /* 0 when not about a line */
    char *msg;
} doc_diag_t;

enum { DOC_WARN = 1, DOC_ERROR = 2 };

typedef struct {
    char  *path;
    char  *title, *doi, *journal, *first_author;
    int    year;             /* 0 when unknown */
    doc_block_t *blocks;
    size_t nblocks, cap;
    doc_diag_t *diag;
    size_t ndiag, diagcap;
    /* Facts derived from the doc and cached by their module (tab.c: the arms' n in the text),
     * or NULL; doc_free frees memo with memo_free. Not part of the model. */
    void  *memo;
    void (*memo_free)(void *memo);
} doc_t;

doc_t       *doc_new(const char *path);
void         doc_free(doc_t *d);
/* Append a block (initialised, section set from the last heading). NULL on allocation failure.
 * The pointer is valid until the next doc_add_block. */
doc_block_t *doc_add_block(doc_t *d, doc_kind_t kind);
/* Turn block b into a table block and return its (empty) table. */
doc_table_t *doc_block_table(doc_block_t *b);
/* Add a cell at (row, col) with spans; grows nrows/ncols. NULL on allocation failure.
 * The pointer is valid until the next doc_table_add_cell. */
doc_cell_t  *doc_table_add_cell(doc_table_t *t, int row, int col, int rowspan, int colspan);
/* Build t->grid from the cells (call after the last cell). Returns 0, -1 on failure. */
int          doc_table_build_grid(doc_table_t *t);
/* Cell covering (row, col), or NULL. Needs doc_table_build_grid. */
doc_cell_t  *doc_table_at(const doc_table_t *t, int row, int col);
/* Record a warning or error about the document (printf-style). */
void         doc_diag(doc_t *d, int level, long line, const char *fmt, ...)
                 __attribute__((format(printf, 4, 5)));
int          doc_set(char **dst, const char *s);
/* Number of errors recorded. */
int          doc_nerrors(const doc_t *d);
/* Human-readable dump of the model (blocks, line numbers, table grids), for debugging readers:
 * `extract --dump-doc FILE`. Returns 0, -1 on write error. */
int          doc_dump(FILE *fp, const doc_t *d);

#endif
