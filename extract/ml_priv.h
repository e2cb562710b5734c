/* ml_priv.h - shared machinery of the markup readers (rd_xml.c JATS, rd_html.c HTML): libxml2
 * set-up and error capture, text emission with whitespace folding and a source map, and
 * tables rebuilt as grids from <table>/<tr>/<th>/<td>.
 *
 *   ml_t m; ml_init(&m, d, buf, len, 0);        // 0: XML, 1: HTML
 *   m.walk = my_inline_walker;                   // how a reader walks a cell's children
 *   ml_text(&m, textnode);  ml_flush(&m, DOC_PARA, 0);   ...  ml_destroy(&m);
 *
 * Ownership: ml_t borrows the doc and the source bytes; it owns its buffers.
 *
 * Source map. Every text node libxml2 gives is located in the raw bytes: a forward cursor
 * looks for the node's text right after a '>' (or at the cursor), decoding character
 * references and entities while it compares. Bytes that were plain in the source keep their
 * exact offset and line; bytes decoded from an entity or a character reference get offset -1
 * and the entity's line; a node that cannot be found (recovered markup) gets offset -1 and
 * libxml2's own line for it (xmlGetLineNo). Lines are 1-based lines of the file, so a figure
 * inside a paragraph that spans several source lines gets the line it starts on. */
#ifndef ML_PRIV_H
#define ML_PRIV_H

#include <libxml/tree.h>
#include <stddef.h>

#include "doc.h"

typedef struct ml ml_t;

struct ml {
    doc_t *d;
    const unsigned char *raw;
    size_t len;
    int    html;
    size_t *ls;              /* offsets of line starts */
    size_t nls;
    size_t cur;              /* locator cursor in raw */
    doc_text_t *out;         /* where text goes now: &buf, a cell, a caption */
    doc_text_t buf;          /* the paragraph being built */
    int    sp;               /* a space is pending before the next visible byte */
    long   sp_off, sp_line;
    int    inl;              /* > 0 inside a table cell, caption or title: no blocks */
    int    nest;             /* recursion depth guard */
    int    oom;
    char   skip_close;       /* drop this closing bracket if the next visible byte is it */
    int    cite_punct;       /* a citation was dropped: no blank before punctuation */
    long  *moff;             /* per byte of the current node: source offset, -1 derived */
    long  *mline;
    size_t mcap;
    /* The reader's walker for inline content (a cell's children). */
    void (*walk)(ml_t *m, xmlNode *n);
};

#define ML_MAX_NEST 200      /* deeper markup is read flat (libxml2 itself stops at 256) */

int   ml_init(ml_t *m, doc_t *d, const unsigned char *raw, size_t len, int html);
void  ml_destroy(ml_t *m);
/* libxml2 once per process, and its error reporting silenced. */
void  ml_lib_init(void);
/* Capture parser errors while parsing: the first error's line and message, how many. */
typedef struct { int n; long line; char msg[160]; } ml_err_t;
void  ml_err_begin(ml_err_t *e);
void  ml_err_end(void);

long  ml_line_of(const ml_t *m, size_t off);
/* Emit a text or CDATA node's content (whitespace folded, source-mapped). */
void  ml_text(ml_t *m, xmlNode *n);
/* Emit derived text (no source offset) on line `line`. */
void  ml_put(ml_t *m, const char *s, long line);
/* Fold: a pending space before the next visible text. */
void  ml_space(ml_t *m, xmlNode *n);
/* Locate n (a text node) or every text below n, without emitting (keeps the cursor in step). */
void  ml_sync(ml_t *m, xmlNode *n);
/* Move the paragraph buffer into a new block of this kind (nothing if empty). */
int   ml_flush(ml_t *m, doc_kind_t kind, int level);
/* Text of n's descendants, whitespace folded, trimmed (malloc'd; NULL on OOM). */
char *ml_plain(xmlNode *n);
/* Case-insensitive element name test (namespace prefix ignored). */
int   ml_is(const xmlNode *n, const char *name);
/* Attribute value (malloc'd by libxml2: xmlFree it) or NULL. */
char *ml_attr(const xmlNode *n, const char *name);
/* Does attribute `name` hold the whitespace-separated token tok (class="ref xref")? */
int   ml_has_token(const xmlNode *n, const char *name, const char *tok);
/* Drop the first k bytes of t, keeping the source map of the rest. Returns 0, -1 on OOM. */
int   ml_text_drop_head(doc_text_t *t, size_t k);

/* Rebuild <table> node tn (rows in thead/tbody/tfoot or direct <tr>) into t: spans expanded,
 * header rows (thead, or leading all-<th> rows) counted in t->nhead, row-label indentation
 * (leading no-break/em spaces, padding styles, rows under a label-only section row) in
 * cell.indent. Returns 0, -1 on allocation failure. */
int   ml_table(ml_t *m, xmlNode *tn, doc_table_t *t);
/* Set the table's label and caption from "Table 2 Baseline ..." text: label "Table 2". */
int   ml_split_label(const char *s, char **label, const char **rest);
/* Drop a run of citations starting at c (citation, separator, citation, ...; is_cite tells a
 * citation node) and the brackets around it. Returns the last node of the run. */
xmlNode *ml_drop_cites(ml_t *m, xmlNode *c, int (*is_cite)(const xmlNode *));
/* A footnote marker in a <sup>: letters a–z (at most 4), * † ‡ § ¶ ⁎ ‖ #, commas, spaces. */
int   ml_is_marker(const char *s);

#endif
