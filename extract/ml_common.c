/* ml_common.c - what the JATS and HTML readers share: libxml2 set-up, text emission with a
 * source map (see ml_priv.h), tables rebuilt as grids. */
#include "ml_priv.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- libxml2 set-up and error capture ---- */

static void silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static ml_err_t *cur_err;

static void on_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    if (!cur_err || !e || e->level < XML_ERR_ERROR) return;
    if (cur_err->n++ == 0) {
        cur_err->line = e->line;
        const char *s = e->message ? e->message : "error";
        size_t n = strlen(s);
        while (n && (s[n-1] == '\n' || s[n-1] == ' ')) n--;
        if (n >= sizeof cur_err->msg) n = sizeof cur_err->msg - 1;
        memcpy(cur_err->msg, s, n);
        cur_err->msg[n] = '\0';
    }
}

void ml_lib_init(void)
{
    static int done;
    if (done) return;
    done = 1;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, on_error);
}

void ml_err_begin(ml_err_t *e)
{
    memset(e, 0, sizeof *e);
    cur_err = e;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, on_error);
}

void ml_err_end(void) { cur_err = NULL; }

/* ---- state ---- */

int ml_init(ml_t *m, doc_t *d, const unsigned char *raw, size_t len, int html)
{
    memset(m, 0, sizeof *m);
    m->d = d;
    m->raw = raw;
    m->len = len;
    m->html = html;
    doc_text_init(&m->buf);
    m->out = &m->buf;
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += raw[i] == '\n';
    if (!(m->ls = malloc(n * sizeof *m->ls))) return -1;
    m->ls[m->nls++] = 0;
    for (size_t i = 0; i < len; i++)
        if (raw[i] == '\n') m->ls[m->nls++] = i + 1;
    return 0;
}

void ml_destroy(ml_t *m)
{
    if (!m) return;
    free(m->ls);
    free(m->moff);
    free(m->mline);
    doc_text_destroy(&m->buf);
    memset(m, 0, sizeof *m);
}

long ml_line_of(const ml_t *m, size_t off)
{
    size_t lo = 0, hi = m->nls;
    if (!m->nls) return 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m->ls[mid] <= off) lo = mid; else hi = mid;
    }
    return (long)lo + 1;
}

/* ---- small text helpers ---- */

int ml_text_drop_head(doc_text_t *t, size_t k)
{
    doc_text_t n;
    if (k == 0) return 0;
    doc_text_init(&n);
    if (doc_text_append_range(&n, t, k, t->len) || (!n.s && doc_text_append(&n, "", 0, -1, 0))) {
        doc_text_destroy(&n);
        return -1;
    }
    doc_text_move(t, &n);
    return 0;
}

int ml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

char *ml_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

int ml_has_token(const xmlNode *n, const char *name, const char *tok)
{
    char *v = ml_attr(n, name);
    int hit = 0;
    if (!v) return 0;
    size_t tl = strlen(tok);
    for (const char *p = v; *p && !hit; ) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
        if ((size_t)(e - p) == tl && strncasecmp(p, tok, tl) == 0) hit = 1;
        p = e;
    }
    xmlFree(v);
    return hit;
}

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Bytes of folded whitespace at s: ASCII blanks, U+2028/U+2029 line/paragraph separators. */
static size_t ws_len(const unsigned char *s, size_t n)
{
    if (n && is_ws(s[0])) return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) return 3;
    return 0;
}

char *ml_plain(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return strdup("");
    size_t len = strlen((char *)c), o = 0;
    char *r = malloc(len + 1);
    int sp = 0;
    if (r) {
        for (size_t i = 0; i < len; ) {
            size_t w = ws_len(c + i, len - i);
            if (w) { sp = o > 0; i += w; continue; }
            if (sp) r[o++] = ' ';
            sp = 0;
            r[o++] = (char)c[i++];
        }
        r[o] = '\0';
    }
    xmlFree(c);
    return r;
}

/* ---- the locator ---- */

static size_t utf8_put(unsigned char *o, unsigned long cp)
{
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = 0xC0 | (cp >> 6); o[1] = 0x80 | (cp & 0x3F); return 2; }
    if (cp < 0x10000) {
        o[0] = 0xE0 | (cp >> 12); o[1] = 0x80 | ((cp >> 6) & 0x3F); o[2] = 0x80 | (cp & 0x3F);
        return 3;
    }
    o[0] = 0xF0 | (cp >> 18); o[1] = 0x80 | ((cp >> 12) & 0x3F);
    o[2] = 0x80 | ((cp >> 6) & 0x3F); o[3] = 0x80 | (cp & 0x3F);
    return 4;
}

/* Decode an entity or character reference at s[0] == '&'. Returns the source bytes used (0 if
 * it is not one) and the UTF-8 bytes in o/olen. */
static size_t ent_decode(const unsigned char *s, size_t n, int html, unsigned char *o, size_t *olen)
{
    size_t i = 1;
    unsigned long cp = 0;
    if (n < 3) return 0;
    if (s[1] == '#') {
        int hex = i + 1 < n && (s[2] == 'x' || s[2] == 'X');
        i = hex ? 3 : 2;
        size_t st = i;
        while (i < n && i - st < 8) {
            unsigned char c = s[i];
            int v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
                    hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) break;
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
            i++;
        }
        if (i == st || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        if (i < n && s[i] == ';') i++;
        else if (!html) return 0;
    } else {
        char name[40];
        size_t k = 0;
        while (i < n && k < sizeof name - 1 &&
               ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            name[k++] = (char)s[i++];
        name[k] = '\0';
        if (!k) return 0;
        int semi = i < n && s[i] == ';';
        if (semi) i++;
        else if (!html) return 0;
        if (!strcmp(name, "lt")) cp = '<';
        else if (!strcmp(name, "gt")) cp = '>';
        else if (!strcmp(name, "amp")) cp = '&';
        else if (!strcmp(name, "quot")) cp = '"';
        else if (!strcmp(name, "apos")) cp = '\'';
        else if (html) {
            const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
            if (!e) return 0;
            cp = e->value;
        } else return 0;
    }
    *olen = utf8_put(o, cp);
    return i;
}

static int map_grow(ml_t *m, size_t n)
{
    if (n <= m->mcap) return 0;
    size_t nc = m->mcap ? m->mcap : 256;
    while (nc < n) nc *= 2;
    long *a = realloc(m->moff, nc * sizeof *a);
    if (!a) return -1;
    m->moff = a;
    long *b = realloc(m->mline, nc * sizeof *b);
    if (!b) return -1;
    m->mline = b;
    m->mcap = nc;
    return 0;
}

/* Does the source at p spell c[0..n) (a text node: references decoded)? Fills the map and
 * returns the source position after it, or 0 when it does not. */
static size_t match_at(ml_t *m, size_t p, const unsigned char *c, size_t n, int cdata)
{
    const unsigned char *r = m->raw;
    long line = ml_line_of(m, p);
    size_t q = p, i = 0;
    while (i < n) {
        if (q >= m->len) return 0;
        unsigned char b = r[q];
        if (!cdata && b == '&') {
            unsigned char o[8];
            size_t ol = 0, used = ent_decode(r + q, m->len - q, m->html, o, &ol);
            if (used) {
                if (i + ol > n || memcmp(c + i, o, ol) != 0) return 0;
                for (size_t k = 0; k < ol; k++) { m->moff[i+k] = -1; m->mline[i+k] = line; }
                i += ol;
                q += used;
                continue;
            }
            if (!m->html) return 0;
        }
        if (!cdata && b == '<' && !(m->html && q + 1 < m->len &&
                                    !((r[q+1] | 0x20) >= 'a' && (r[q+1] | 0x20) <= 'z') &&
                                    r[q+1] != '/' && r[q+1] != '!' && r[q+1] != '?'))
            return 0;
        if (b == '\r' && c[i] == '\n') {
            q += q + 1 < m->len && r[q+1] == '\n' ? 1 : 0;
            m->moff[i] = (long)q; m->mline[i] = line;
            line++;
            i++; q++;
            continue;
        }
        if (c[i] != b) return 0;
        m->moff[i] = (long)q;
        m->mline[i] = line;
        if (b == '\n') line++;
        i++; q++;
    }
    return q;
}

#define LOC_WINDOW (64 * 1024)
#define LOC_CANDS  256

/* Map the n bytes of node content c onto the source (m->moff/m->mline). */
static int locate(ml_t *m, xmlNode *node, const unsigned char *c, size_t n)
{
    if (map_grow(m, n + 1)) return -1;
    int cdata = node->type == XML_CDATA_SECTION_NODE;
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++) blank = is_ws(c[i]);
    size_t end = 0;
    if (m->cur < m->len) {
        if (cdata) {
            const char *tag = "<![CDATA[";
            const unsigned char *f = memmem(m->raw + m->cur, m->len - m->cur, tag, 9);
            if (f && (size_t)(f - m->raw) - m->cur < LOC_WINDOW)
                end = match_at(m, (size_t)(f - m->raw) + 9, c, n, 1);
        } else {
            end = match_at(m, m->cur, c, n, 0);
            size_t q = m->cur, lim = m->cur + LOC_WINDOW < m->len ? m->cur + LOC_WINDOW : m->len;
            for (int k = 0; !end && !blank && k < LOC_CANDS && q < lim; k++) {
                const unsigned char *g = memchr(m->raw + q, '>', lim - q);
                if (!g) break;
                q = (size_t)(g - m->raw) + 1;
                if (q < m->len && m->raw[q] != '<') end = match_at(m, q, c, n, 0);
            }
        }
    }
    if (end) { m->cur = end; return 0; }
    long line = xmlGetLineNo(node);
    if (line <= 0) line = ml_line_of(m, m->cur < m->len ? m->cur : m->len);
    for (size_t i = 0; i < n; i++) { m->moff[i] = -1; m->mline[i] = line; }
    return 0;
}

/* ---- emission ---- */

static void put_space(ml_t *m)
{
    if (m->sp && m->out->len && m->out->s[m->out->len - 1] != ' ')
        if (doc_text_append(m->out, " ", 1, m->sp_off, m->sp_line)) m->oom = 1;
    m->sp = 0;
}

void ml_text(ml_t *m, xmlNode *node)
{
    const unsigned char *c = node->content;
    if (!c) return;
    size_t n = strlen((const char *)c);
    if (!n || locate(m, node, c, n)) { if (n) m->oom = 1; return; }
    for (size_t i = 0; i < n; ) {
        size_t w = ws_len(c + i, n - i);
        if (w) {
            if (m->out->len && !m->sp) { m->sp = 1; m->sp_off = m->moff[i]; m->sp_line = m->mline[i]; }
            i += w;
            continue;
        }
        if (m->skip_close) {
            char sc = m->skip_close;
            m->skip_close = 0;
            if (c[i] == (unsigned char)sc) { i++; continue; }
        }
        if (m->cite_punct) {
            if (strchr(".,;:)]", c[i])) m->sp = 0;
            m->cite_punct = 0;
        }
        put_space(m);
        size_t j = i + 1;
        while (j < n && !ws_len(c + j, n - j) && m->mline[j] == m->mline[i] &&
               ((m->moff[i] < 0 && m->moff[j] < 0) ||
                (m->moff[i] >= 0 && m->moff[j] == m->moff[i] + (long)(j - i))))
            j++;
        if (doc_text_append(m->out, (const char *)c + i, j - i, m->moff[i], m->mline[i])) m->oom = 1;
        i = j;
    }
}

void ml_put(ml_t *m, const char *s, long line)
{
    size_t n = strlen(s);
    if (!n) return;
    m->skip_close = 0;
    m->cite_punct = 0;
    if (s[0] != ' ') put_space(m);
    else m->sp = 0;
    if (doc_text_append(m->out, s, n, -1, line)) m->oom = 1;
}

void ml_space(ml_t *m, xmlNode *n)
{
    if (!m->out->len || m->sp) return;
    m->sp = 1;
    m->sp_off = -1;
    long line = n ? xmlGetLineNo(n) : 0;
    m->sp_line = line > 0 ? line : ml_line_of(m, m->cur);
}

void ml_sync(ml_t *m, xmlNode *n)
{
    if (m->nest > ML_MAX_NEST) return;
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
        size_t len = strlen((const char *)n->content);
        if (len && locate(m, n, n->content, len)) m->oom = 1;
        return;
    }
    m->nest++;
    for (xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t len = strlen((const char *)c->content);
            if (len && locate(m, c, c->content, len)) m->oom = 1;
        } else if (c->type == XML_ELEMENT_NODE) ml_sync(m, c);
    }
    m->nest--;
}

int ml_flush(ml_t *m, doc_kind_t kind, int level)
{
    if (m->inl) { ml_space(m, NULL); return 0; }
    m->sp = 0;
    m->out = &m->buf;
    if (!m->buf.len) return 0;
    doc_block_t *b = doc_add_block(m->d, kind);
    if (!b) { m->oom = 1; return -1; }
    b->level = level;
    doc_text_move(&b->text, &m->buf);
    return 0;
}

/* ---- tables ---- */

/* Bytes of one indentation character at s: ASCII space, NBSP, U+2002..U+200A, U+3000. */
static size_t indent_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t')) return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x82 && s[2] <= 0x8A) return 3;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
    return 0;
}

/* Strip leading and trailing indentation characters; the count of leading ones. */
static int strip_cell(doc_text_t *t, int *oom)
{
    int lead = 0;
    size_t k = 0, w;
    const unsigned char *s = (const unsigned char *)t->s;
    if (!t->len) return 0;
    while (k < t->len && (w = indent_len(s + k, t->len - k))) { k += w; lead++; }
    size_t e = t->len;
    for (;;) {
        if (e >= 1 && (s[e-1] == ' ' || s[e-1] == '\t')) { e--; continue; }
        if (e >= 2 && s[e-2] == 0xC2 && s[e-1] == 0xA0) { e -= 2; continue; }
        if (e >= 3 && s[e-3] == 0xE2 && s[e-2] == 0x80 && s[e-1] >= 0x82 && s[e-1] <= 0x8A) { e -= 3; continue; }
        break;
    }
    if (e <= k) { doc_text_truncate(t, 0); return 0; }
    doc_text_truncate(t, e);
    if (k && ml_text_drop_head(t, k)) *oom = 1;
    return lead;
}

static int style_indented(const xmlNode *c)
{
    char *st = ml_attr(c, "style");
    int hit = 0;
    if (st) {
        const char *p = strstr(st, "padding-left");
        if (!p) p = strstr(st, "text-indent");
        if (!p) p = strstr(st, "margin-left");
        if (p) {
            p = strchr(p, ':');
            while (p && (*p == ':' || *p == ' ')) p++;
            if (p && *p >= '1' && *p <= '9') hit = 1;
            if (p && *p == '0' && p[1] == '.' ) hit = 1;
        }
        xmlFree(st);
    }
    if (!hit) {
        char *cl = ml_attr(c, "class");
        if (cl) { hit = strstr(cl, "indent") != NULL; xmlFree(cl); }
    }
    return hit;
}

typedef struct { xmlNode *tr; int head; int secend; } row_t;

#define TAB_MAX_ROWS 20000
#define TAB_MAX_COLS 512
#define TAB_MAX_MARKS (1L << 22)

static long span_attr(const xmlNode *c, const char *name, long dflt)
{
    char *v = ml_attr(c, name);
    long r = dflt;
    if (v) {
        const char *p = v;
        while (*p == ' ') p++;
        if (*p >= '0' && *p <= '9') {
            r = 0;
            while (*p >= '0' && *p <= '9' && r < 100000) r = r * 10 + (*p++ - '0');
        }
        xmlFree(v);
    }
    return r;
}

static int add_rows(row_t **rows, int *nr, int *cap, xmlNode *sec, int head)
{
    int start = *nr;
    for (xmlNode *r = sec->children; r; r = r->next) {
        if (!ml_is(r, "tr")) continue;
        if (*nr >= TAB_MAX_ROWS) break;
        if (*nr == *cap) {
            int nc = *cap ? *cap * 2 : 32;
            row_t *n = realloc(*rows, (size_t)nc * sizeof *n);
            if (!n) return -1;
            *rows = n;
            *cap = nc;
        }
        (*rows)[(*nr)++] = (row_t){ r, head, 0 };
    }
    for (int i = start; i < *nr; i++) (*rows)[i].secend = *nr;
    return 0;
}

int ml_table(ml_t *m, xmlNode *tn, doc_table_t *t)
{
    row_t *rows = NULL;
    int nr = 0, cap = 0, rc = -1;
    unsigned char **occ = NULL;
    int *lead = NULL, *styl = NULL;
    long marks = 0;
    doc_text_t tmp;
    doc_text_init(&tmp);
    doc_text_t *saved = m->out;
    int saved_sp = m->sp;

    /* Direct rows form an implicit body section; thead rows are header rows. */
    for (xmlNode *c = tn->children; c; c = c->next) {
        if (ml_is(c, "thead") || ml_is(c, "tbody") || ml_is(c, "tfoot")) {
            if (add_rows(&rows, &nr, &cap, c, ml_is(c, "thead"))) goto out;
        } else if (ml_is(c, "tr")) {
            if (nr == cap) {
                int nc = cap ? cap * 2 : 32;
                row_t *n = realloc(rows, (size_t)nc * sizeof *n);
                if (!n) goto out;
                rows = n; cap = nc;
            }
            if (nr >= TAB_MAX_ROWS) continue;
            rows[nr++] = (row_t){ c, 0, 0 };
        }
    }
    /* direct rows (no section element): their rowspans may reach the last row */
    for (int i = 0; i < nr; i++) if (!rows[i].secend) rows[i].secend = nr;
    if (!nr) { rc = 0; goto out; }
    occ = calloc((size_t)nr, sizeof *occ);
    lead = calloc((size_t)nr, sizeof *lead);
    styl = calloc((size_t)nr, sizeof *styl);
    if (!occ || !lead || !styl) goto out;
    for (int r = 0; r < nr; r++) {
        lead[r] = -1;
        int col = 0;
        for (xmlNode *c = rows[r].tr->children; c; c = c->next) {
            if (!ml_is(c, "td") && !ml_is(c, "th")) {
                if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) ml_sync(m, c);
                continue;
            }
            while (col < TAB_MAX_COLS && occ[r] && occ[r][col]) col++;
            long cs = span_attr(c, "colspan", 1), rs = span_attr(c, "rowspan", 1);
            if (cs < 1) cs = 1;
            if (col + cs > TAB_MAX_COLS) cs = TAB_MAX_COLS - col;
            if (rs == 0 || r + rs > rows[r].secend) rs = rows[r].secend - r;
            if (rs < 1) rs = 1;
            if (cs < 1 || marks + rs * cs > TAB_MAX_MARKS) { ml_sync(m, c); t->uncertain = 1; continue; }
            marks += rs * cs;
            for (long k = 0; k < rs; k++) {
                if (!occ[r+k] && !(occ[r+k] = calloc(TAB_MAX_COLS, 1))) goto out;
                memset(occ[r+k] + col, 1, (size_t)cs);
            }
            m->out = &tmp;
            m->sp = 0;
            m->inl++;
            m->walk(m, c);
            m->inl--;
            m->sp = 0;
            doc_cell_t *cell = doc_table_add_cell(t, r, col, (int)rs, (int)cs);
            if (!cell) goto out;
            doc_text_move(&cell->text, &tmp);
            int l = strip_cell(&cell->text, &m->oom);
            cell->header = rows[r].head || ml_is(c, "th");
            if (col == 0) { lead[r] = l; styl[r] = style_indented(c); }
            col += (int)cs;
        }
    }
    if (t->nrows < nr) t->nrows = nr;
    /* header rows: thead, else leading rows made only of <th> */
    int nh = 0;
    while (nh < nr && rows[nh].head) nh++;
    if (!nh) {                     /* cells are in row order: one pass */
        int r = 0, any = 0, allth = 1;
        for (int i = 0; i <= t->ncells; i++) {
            if (i == t->ncells || t->cells[i].row != r) {
                if (!any || !allth) break;
                nh = r + 1;
                if (i == t->ncells) break;
                if (t->cells[i].row != r + 1) break;      /* a row without cells */
                r++;
                any = 0;
                allth = 1;
            }
            any = 1;
            allth &= t->cells[i].header;
        }
        if (nh == nr) nh = 0;      /* a table of <th> only says nothing about its header */
    }
    t->nhead = nh;
    if (doc_table_build_grid(t)) goto out;
    /* Indentation of row labels: ranks of leading-space widths, padding styles, and rows
     * under a label-only section row. */
    {
        int widths[8], nw = 0;
        for (int r = nh; r < nr; r++) {
            int l = lead[r];
            if (l <= 0) continue;
            int k = 0;
            while (k < nw && widths[k] != l) k++;
            if (k == nw && nw < 8) widths[nw++] = l;
        }
        for (int a = 0; a < nw; a++)       /* sort ascending */
            for (int b = a + 1; b < nw; b++)
                if (widths[b] < widths[a]) { int x = widths[a]; widths[a] = widths[b]; widths[b] = x; }
        int parent = -1;
        for (int r = nh; r < nr; r++) {
            doc_cell_t *lab = doc_table_at(t, r, 0);
            if (!lab || lab->row != r) continue;
            int lvl = 0;
            if (lead[r] > 0) { lvl = 1; for (int k = 0; k < nw; k++) if (widths[k] < lead[r]) lvl = k + 2; }
            if (!lvl && styl[r]) lvl = 1;
            int others = 0;
            for (int c = 1; c < t->ncols; c++) {
                doc_cell_t *x = doc_table_at(t, r, c);
                if (x && x != lab && x->text.len) { others = 1; break; }
            }
            if (lab->text.len && !others && t->ncols > 1 && r + 1 < nr) {
                lab->indent = lvl;
                parent = lvl;
                continue;
            }
            if (!nw && parent >= 0 && lvl <= parent) lvl = parent + 1;   /* no explicit indents */
            lab->indent = lvl;
        }
    }
    rc = m->oom ? -1 : 0;
out:
    if (occ) for (int r = 0; r < nr; r++) free(occ[r]);
    free(occ);
    free(lead);
    free(styl);
    free(rows);
    doc_text_destroy(&tmp);
    m->out = saved;
    m->sp = saved_sp;
    return rc;
}

int ml_split_label(const char *s, char **label, const char **rest)
{
    *label = NULL;
    *rest = s;
    while (*s == ' ') s++;
    if (strncasecmp(s, "table", 5) != 0) return 0;
    const char *p = s + 5;
    if (*p != ' ' && !(p[0] == (char)0xC2 && p[1] == (char)0xA0)) return 0;
    p += *p == ' ' ? 1 : 2;
    const char *q = p;
    while ((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || *q == '.')
        q++;
    while (q > p && q[-1] == '.') q--;
    if (q == p || q - p > 8) return 0;
    int digit = 0;
    for (const char *k = p; k < q; k++) digit |= *k >= '0' && *k <= '9';
    if (!digit && strspn(p, "IVXLivxl") < (size_t)(q - p)) return 0;
    size_t n = (size_t)(q - s);
    if (!(*label = malloc(n + 1))) return -1;
    memcpy(*label, s, n);
    (*label)[n] = '\0';
    for (;;) {
        if (*q == '.' || *q == ':' || *q == ' ' || *q == '|') q++;
        else if (q[0] == (char)0xC2 && q[1] == (char)0xA0) q += 2;
        else break;
    }
    *rest = q;
    return 0;
}

/* Text node that only separates citations: blanks, commas, semicolons, dashes. */
static int cite_sep(const xmlNode *n)
{
    if (!n || n->type != XML_TEXT_NODE || !n->content) return 0;
    for (const unsigned char *p = n->content; *p; ) {
        if (*p == ' ' || *p == ',' || *p == ';' || *p == '-' || *p == '\n' || *p == '\t' || *p == '\r') p++;
        else if (!strncmp((const char *)p, "–", 3) || !strncmp((const char *)p, "—", 3) ||
                 !strncmp((const char *)p, "−", 3)) p += 3;
        else return 0;
    }
    return 1;
}

/* Shared by the JATS and HTML readers (ml_priv.h). */
xmlNode *ml_drop_cites(ml_t *m, xmlNode *c, int (*is_cite)(const xmlNode *))
{
    xmlNode *last = c;
    ml_sync(m, c);
    for (xmlNode *x = c->next; x; x = x->next) {
        if (is_cite(x)) { ml_sync(m, x); last = x; continue; }
        if (cite_sep(x) && x->next && is_cite(x->next)) { ml_sync(m, x); continue; }
        break;
    }
    /* "[" just written and "]" next: take both away */
    doc_text_t *t = m->out;
    size_t e = t->len;
    xmlNode *nx = last->next;
    if (e && (t->s[e-1] == '[' || t->s[e-1] == '(') && nx && nx->type == XML_TEXT_NODE && nx->content &&
        (nx->content[0] == (t->s[e-1] == '[' ? ']' : ')'))) {
        e--;
        while (e && t->s[e-1] == ' ') e--;
        doc_text_truncate(t, e);
        m->sp = 0;
        m->skip_close = (char)nx->content[0];      /* emit the next text without it */
    }
    m->cite_punct = 1;      /* "trends [1], [2]. The": no blank before the full stop */
    return last;
}

/* Shared by the JATS and HTML readers (ml_priv.h). */
int ml_is_marker(const char *s)
{
    int letters = 0, any = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; ) {
        if (*p >= 'a' && *p <= 'z') { letters++; any = 1; p++; }
        else if (*p == '*' || *p == '#') { any = 1; p++; }
        else if (*p == ',' || *p == ' ') p++;
        else if (!strncmp((const char *)p, "†", 3) || !strncmp((const char *)p, "‡", 3) ||
                 !strncmp((const char *)p, "⁎", 3) || !strncmp((const char *)p, "‖", 3)) { any = 1; p += 3; }
        else if (!strncmp((const char *)p, "§", 2) || !strncmp((const char *)p, "¶", 2)) { any = 1; p += 2; }
        else return 0;
    }
    return any && letters <= 4;
}
