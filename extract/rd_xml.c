/* rd_xml.c - JATS/NLM XML articles (PMC) into the document model, with libxml2.
 *
 * What it reads: article-meta (title -> DOC_TITLE and d->title, DOI, year, journal, first
 * author's surname), abstracts but teasers (a heading "Abstract", its sections), body sections
 * (DOC_HEADING with level = section depth, "2.3 " labels kept), paragraphs, <table-wrap> as
 * DOC_TABLE (label "Table 1", caption = title + caption paragraphs, foot = every footnote of
 * <table-wrap-foot>, joined), figure captions (DOC_CAPTION "Fig 1. ..."), back matter
 * (acknowledgements, appendices, footnotes as DOC_FOOTNOTE).
 *
 * What it leaves out: the reference list, citation numbers (<xref ref-type="bibr"> and the
 * brackets around a run of them: "life [5–8], may" reads "life, may"), table and author
 * footnote markers (<xref ref-type="table-fn">a</xref>, "a" labels of footnotes), graphics,
 * alt-text, object ids, the second form of <alternatives> (the MathML or the table is read, not
 * the graphic or the TeX).
 *
 * Text conventions (documented for the figure patterns):
 *   - whitespace runs (and U+2028/U+2029) fold to one space; no-break and em spaces are kept;
 *   - character references and entities are decoded (&#x000b1; -> "±");
 *   - <sup>: a footnote marker (lower-case letters, * † ‡ § ¶, commas) is dropped, so
 *     "55.3±2.3<sup>b</sup>" reads "55.3±2.3" and "<sup>b</sup>p = 0.009" reads "p = 0.009";
 *     anything else is written with a caret: "10<sup>6</sup>" -> "10^6", "kg/m<sup>2</sup>"
 *     -> "kg/m^2", "10<sup>−5</sup>" -> "10^−5";
 *   - <sub> is read plain ("VO<sub>2</sub>peak" -> "VO2peak"); <italic>, <bold> and other
 *     styling are transparent ("<italic>n</italic> = 26" -> "n = 26");
 *   - <break/>, <hr/> and paragraph breaks inside a cell or caption are one space.
 * Lines and offsets: see ml_priv.h (exact where the source bytes are plain text; -1 for
 * decoded references; libxml2's line for text that cannot be located).
 * Malformed XML: libxml2's recovery reads what it can and the doc gets one DOC_WARN naming the
 * first error's line; input libxml2 cannot read at all gets one DOC_ERROR. */
#include "read.h"
#include "ml_priv.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void j_inline(ml_t *m, xmlNode *n);
static void j_block(ml_t *m, xmlNode *n, int level);

static int attr_is(const xmlNode *n, const char *name, const char *val)
{
    char *v = ml_attr(n, name);
    int r = v && strcasecmp(v, val) == 0;
    if (v) xmlFree(v);
    return r;
}


static int is_bibr(const xmlNode *n)
{
    return ml_is(n, "xref") && attr_is(n, "ref-type", "bibr");
}

static int is_block_el(const xmlNode *n)
{
    static const char *B[] = { "p", "sec", "table-wrap", "table-wrap-group", "fig", "fig-group",
        "list", "list-item", "disp-quote", "boxed-text", "statement", "def-list", "def-item",
        "supplementary-material", "verse-group", "speech", "table", "title", "ref-list", NULL };
    for (int i = 0; B[i]; i++) if (ml_is(n, B[i])) return 1;
    return 0;
}


static void alternatives(ml_t *m, xmlNode *n, int block, int level)
{
    static const char *PREF[] = { "table", "math", "tex-math", NULL };
    xmlNode *pick = NULL;
    for (int k = 0; PREF[k] && !pick; k++)
        for (xmlNode *c = n->children; c && !pick; c = c->next)
            if (ml_is(c, PREF[k])) pick = c;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c != pick) { if (c->type == XML_ELEMENT_NODE) ml_sync(m, c); continue; }
        if (block) j_block(m, c, level);
        else if (ml_is(c, "math") || ml_is(c, "tex-math")) j_inline(m, c);
        else j_block(m, c, level);
    }
}

static void j_inline(ml_t *m, xmlNode *n)
{
    if (m->nest > ML_MAX_NEST) { ml_sync(m, n); return; }
    m->nest++;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            ml_text(m, c);
            continue;
        }
        if (c->type == XML_ENTITY_REF_NODE) {
            const htmlEntityDesc *e = c->name ? htmlEntityLookup(c->name) : NULL;
            if (e) {
                char u[8] = { 0 };
                unsigned long cp = e->value;
                if (cp < 0x80) u[0] = (char)cp;
                else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); }
                else { u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[2] = (char)(0x80 | (cp & 0x3F)); }
                ml_put(m, u, xmlGetLineNo(c) > 0 ? xmlGetLineNo(c) : ml_line_of(m, m->cur));
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_bibr(c)) {
            c = ml_drop_cites(m, c, is_bibr);
            continue;
        }
        if (ml_is(c, "xref") && (attr_is(c, "ref-type", "table-fn") || attr_is(c, "ref-type", "fn") ||
                                 attr_is(c, "ref-type", "aff") || attr_is(c, "ref-type", "corresp"))) {
            ml_sync(m, c);
            continue;
        }
        if (ml_is(c, "sup")) {
            char *p = ml_plain(c);
            if (!p) { m->oom = 1; continue; }
            int mark = ml_is_marker(p) || !*p;
            free(p);
            if (mark) { ml_sync(m, c); continue; }
            ml_put(m, "^", xmlGetLineNo(c) > 0 ? xmlGetLineNo(c) : ml_line_of(m, m->cur));
            m->sp = 0;
            j_inline(m, c);
            continue;
        }
        if (ml_is(c, "break") || ml_is(c, "hr")) { ml_space(m, c); continue; }
        if (ml_is(c, "graphic") || ml_is(c, "inline-graphic") || ml_is(c, "alt-text") ||
            ml_is(c, "object-id") || ml_is(c, "media") || ml_is(c, "ref-list") || ml_is(c, "fn") ||
            ml_is(c, "long-desc") || ml_is(c, "annotation")) {
            ml_sync(m, c);
            continue;
        }
        if (ml_is(c, "alternatives")) { alternatives(m, c, 0, 0); continue; }
        if (is_block_el(c)) {
            if (m->inl) {
                ml_space(m, c);
                if (ml_is(c, "table-wrap") || ml_is(c, "fig")) ml_sync(m, c);
                else j_inline(m, c);
                ml_space(m, c);
            } else {
                ml_flush(m, DOC_PARA, 0);
                j_block(m, c, 0);
                m->out = &m->buf;
            }
            continue;
        }
        j_inline(m, c);
    }
    m->nest--;
}

static void walk_cell(ml_t *m, xmlNode *n) { j_inline(m, n); }

/* Inline content of n into the text t (a caption, a foot), no blocks. */
static void into(ml_t *m, doc_text_t *t, xmlNode *n)
{
    doc_text_t *saved = m->out;
    m->out = t;
    m->inl++;
    j_inline(m, n);
    m->inl--;
    m->sp = 0;
    m->out = saved;
}

static void sep(ml_t *m, doc_text_t *t, xmlNode *n)
{
    if (!t->len) return;
    char last = t->s[t->len - 1];
    doc_text_t *saved = m->out;
    m->out = t;
    m->sp = 0;
    long line = xmlGetLineNo(n) > 0 ? xmlGetLineNo(n) : ml_line_of(m, m->cur);
    if (last == '.' || last == ';' || last == ':') ml_put(m, " ", line);
    else ml_put(m, "; ", line);
    m->sp = 0;
    m->out = saved;
}

static void foot(ml_t *m, doc_table_t *t, xmlNode *f)
{
    for (xmlNode *c = f->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) { ml_sync(m, c); continue; }
        if (ml_is(c, "fn-group")) { foot(m, t, c); continue; }
        if (ml_is(c, "label") || ml_is(c, "title")) { ml_sync(m, c); continue; }
        if (ml_is(c, "fn")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (ml_is(k, "label")) { ml_sync(m, k); continue; }
                if (k->type == XML_ELEMENT_NODE) { sep(m, &t->foot, k); into(m, &t->foot, k); }
            }
            continue;
        }
        if (c->type == XML_ELEMENT_NODE) { sep(m, &t->foot, c); into(m, &t->foot, c); }
    }
}

static xmlNode *find_child(xmlNode *n, const char *name, int depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (ml_is(c, name)) return c;
        if (depth > 0 && ml_is(c, "alternatives")) {
            xmlNode *r = find_child(c, name, depth - 1);
            if (r) return r;
        }
    }
    return NULL;
}

static void table_wrap(ml_t *m, xmlNode *n)
{
    xmlNode *tab = find_child(n, "table", 1);
    if (!tab) {   /* a table given only as an image: its caption is all there is */
        for (xmlNode *c = n->children; c; c = c->next) {
            if (ml_is(c, "label") || ml_is(c, "caption")) {
                m->out = &m->buf;
                j_inline(m, c);
                ml_space(m, c);
            } else if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) ml_sync(m, c);
        }
        ml_flush(m, DOC_CAPTION, 0);
        return;
    }
    doc_block_t *b = doc_add_block(m->d, DOC_TABLE);
    doc_table_t *t = b ? doc_block_table(b) : NULL;
    if (!t) { m->oom = 1; return; }
    for (xmlNode *c = n->children; c; c = c->next) {
        if (ml_is(c, "label")) {
            char *l = ml_plain(c);
            if (!l || doc_set(&t->label, l)) m->oom = 1;
            free(l);
            ml_sync(m, c);
        } else if (ml_is(c, "caption")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (k->type != XML_ELEMENT_NODE) { ml_sync(m, k); continue; }
                sep(m, &t->caption, k);
                into(m, &t->caption, k);
            }
        } else if (c == tab) {
            if (ml_table(m, tab, t)) m->oom = 1;
        } else if (ml_is(c, "alternatives")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (k == tab) { if (ml_table(m, tab, t)) m->oom = 1; }
                else if (k->type == XML_ELEMENT_NODE) ml_sync(m, k);
            }
        } else if (ml_is(c, "table-wrap-foot")) {
            foot(m, t, c);
        } else if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) {
            ml_sync(m, c);
        }
    }
}

static void fig(ml_t *m, xmlNode *n)
{
    m->out = &m->buf;
    m->inl++;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (ml_is(c, "label")) {
            j_inline(m, c);
            long line = xmlGetLineNo(c) > 0 ? xmlGetLineNo(c) : ml_line_of(m, m->cur);
            if (m->buf.len && m->buf.s[m->buf.len - 1] != '.') { m->sp = 0; ml_put(m, ".", line); }
            ml_space(m, c);
        } else if (ml_is(c, "caption")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (k->type != XML_ELEMENT_NODE) { ml_sync(m, k); continue; }
                j_inline(m, k);
                ml_space(m, k);
            }
        } else if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) ml_sync(m, c);
    }
    m->inl--;
    ml_flush(m, DOC_CAPTION, 0);
}

static void heading(ml_t *m, xmlNode *label, xmlNode *title, int level)
{
    ml_flush(m, DOC_PARA, 0);
    m->out = &m->buf;
    m->inl++;
    if (label) { j_inline(m, label); ml_space(m, label); }
    if (title) j_inline(m, title);
    m->inl--;
    ml_flush(m, DOC_HEADING, level < 1 ? 1 : level);
}

static void j_block(ml_t *m, xmlNode *n, int level)
{
    if (m->nest > ML_MAX_NEST) { ml_sync(m, n); return; }
    m->nest++;
    if (ml_is(n, "p") || ml_is(n, "disp-formula") || ml_is(n, "term") || ml_is(n, "def") ||
        ml_is(n, "attrib") || ml_is(n, "verse-line")) {
        ml_flush(m, DOC_PARA, 0);
        m->out = &m->buf;
        j_inline(m, n);
        ml_flush(m, DOC_PARA, 0);
    } else if (ml_is(n, "table-wrap")) {
        ml_flush(m, DOC_PARA, 0);
        table_wrap(m, n);
    } else if (ml_is(n, "table")) {            /* a bare table */
        ml_flush(m, DOC_PARA, 0);
        doc_block_t *b = doc_add_block(m->d, DOC_TABLE);
        doc_table_t *t = b ? doc_block_table(b) : NULL;
        if (!t || ml_table(m, n, t)) m->oom = 1;
    } else if (ml_is(n, "fig") || ml_is(n, "supplementary-material")) {
        ml_flush(m, DOC_PARA, 0);
        fig(m, n);
    } else if (ml_is(n, "ref-list") || ml_is(n, "graphic") || ml_is(n, "media") ||
               ml_is(n, "alt-text") || ml_is(n, "object-id") || ml_is(n, "label") ||
               ml_is(n, "permissions") || ml_is(n, "kwd-group") || ml_is(n, "funding-group")) {
        ml_sync(m, n);
    } else if (ml_is(n, "title")) {
        heading(m, NULL, n, level);
    } else if (ml_is(n, "fn")) {
        ml_flush(m, DOC_PARA, 0);
        m->out = &m->buf;
        m->inl++;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (ml_is(c, "label")) { ml_sync(m, c); continue; }
            if (c->type == XML_ELEMENT_NODE) { j_inline(m, c); ml_space(m, c); }
            else if (c->type == XML_TEXT_NODE) ml_text(m, c);
        }
        m->inl--;
        ml_flush(m, DOC_FOOTNOTE, 0);
    } else if (ml_is(n, "alternatives")) {
        alternatives(m, n, 1, level);
    } else {
        /* containers: sec, abstract, body, back, app, ack, list, boxed-text, ... */
        int sec = ml_is(n, "sec") || ml_is(n, "app") || ml_is(n, "ack") || ml_is(n, "abstract") ||
                  ml_is(n, "trans-abstract") || ml_is(n, "boxed-text") || ml_is(n, "notes") ||
                  ml_is(n, "glossary") || ml_is(n, "fn-group");
        int lv = sec ? level + 1 : level;
        xmlNode *label = NULL, *title = NULL;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (ml_is(c, "label") && !label && !title) label = c;
            else if (ml_is(c, "title") && !title) title = c;
        }
        if (sec && (label || title)) heading(m, label, title, lv);
        else if (ml_is(n, "abstract")) {
            ml_flush(m, DOC_PARA, 0);
            m->out = &m->buf;
            ml_put(m, "Abstract", xmlGetLineNo(n) > 0 ? xmlGetLineNo(n) : ml_line_of(m, m->cur));
            ml_flush(m, DOC_HEADING, lv);
        }
        for (xmlNode *c = n->children; c; c = c->next) {
            if (c == label || c == title) { if (!sec) j_block(m, c, lv); continue; }
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                m->out = &m->buf;
                ml_text(m, c);
            } else if (c->type == XML_ELEMENT_NODE) {
                if (is_block_el(c) || ml_is(c, "fn") || ml_is(c, "alternatives") || ml_is(c, "label") ||
                    ml_is(c, "graphic") || ml_is(c, "media") || ml_is(c, "alt-text") || ml_is(c, "object-id"))
                    j_block(m, c, lv);
                else if (xmlFirstElementChild(c) && !m->buf.len) {
                    int blocky = 0;
                    for (xmlNode *k = c->children; k && !blocky; k = k->next) blocky = is_block_el(k);
                    if (blocky) j_block(m, c, lv);
                    else { m->out = &m->buf; j_inline(m, c); }
                } else {
                    m->out = &m->buf;
                    j_inline(m, c);
                }
            }
        }
        ml_flush(m, DOC_PARA, 0);
    }
    m->nest--;
}

static xmlNode *child(xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next) if (ml_is(c, name)) return c;
    return NULL;
}

static void set_plain(ml_t *m, char **dst, xmlNode *n)
{
    if (!n || *dst) return;
    char *s = ml_plain(n);
    if (!s || (*s && doc_set(dst, s))) m->oom = 1;
    free(s);
}

static void front(ml_t *m, xmlNode *fr)
{
    xmlNode *jm = child(fr, "journal-meta"), *am = child(fr, "article-meta");
    if (jm) {
        xmlNode *jtg = child(jm, "journal-title-group");
        xmlNode *jt = child(jtg ? jtg : jm, "journal-title");
        set_plain(m, &m->d->journal, jt);
        ml_sync(m, jm);
    }
    if (!am) { ml_sync(m, fr); return; }
    for (xmlNode *c = am->children; c; c = c->next) {
        if (ml_is(c, "article-id") && attr_is(c, "pub-id-type", "doi")) {
            set_plain(m, &m->d->doi, c);
            ml_sync(m, c);
        } else if (ml_is(c, "title-group")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (ml_is(k, "article-title")) {
                    m->out = &m->buf;
                    m->inl++;
                    j_inline(m, k);
                    m->inl--;
                    if (m->buf.len && !m->d->title && doc_set(&m->d->title, m->buf.s)) m->oom = 1;
                    ml_flush(m, DOC_TITLE, 0);
                } else if (k->type == XML_ELEMENT_NODE) ml_sync(m, k);
            }
        } else if (ml_is(c, "contrib-group")) {
            for (xmlNode *k = c->children; k && !m->d->first_author; k = k->next) {
                if (!ml_is(k, "contrib") || !attr_is(k, "contrib-type", "author")) continue;
                xmlNode *nm = child(k, "name");
                if (!nm) { xmlNode *ca = child(k, "collab"); set_plain(m, &m->d->first_author, ca); }
                else set_plain(m, &m->d->first_author, child(nm, "surname"));
            }
            ml_sync(m, c);
        } else if (ml_is(c, "pub-date") && !m->d->year) {
            char *y = ml_plain(child(c, "year"));
            if (y && strlen(y) == 4 && y[0] >= '1' && y[0] <= '2') m->d->year = (int)strtol(y, NULL, 10);
            free(y);
            ml_sync(m, c);
        } else if (ml_is(c, "abstract") && !attr_is(c, "abstract-type", "teaser") &&
                   !attr_is(c, "abstract-type", "toc") && !attr_is(c, "abstract-type", "graphical")) {
            j_block(m, c, 0);
        } else if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) {
            ml_sync(m, c);
        }
    }
}

static void article(ml_t *m, xmlNode *root)
{
    for (xmlNode *c = root->children; c; c = c->next) {
        if (ml_is(c, "front")) front(m, c);
        else if (ml_is(c, "body") || ml_is(c, "back") || ml_is(c, "floats-group")) j_block(m, c, 0);
        else if (ml_is(c, "sub-article") || ml_is(c, "response")) article(m, c);
        else if (ml_is(c, "front-stub")) front(m, c);
        else if (c->type == XML_ELEMENT_NODE) ml_sync(m, c);
    }
}

int rd_xml(doc_t *d, const unsigned char *buf, size_t len)
{
    ml_t m;
    ml_err_t e;
    int rc = -1;
    xmlDoc *x = NULL;
    if (len > INT_MAX) { doc_diag(d, DOC_ERROR, 0, "file too large for the XML reader"); return -1; }
    ml_lib_init();
    if (ml_init(&m, d, buf, len, 0)) { doc_diag(d, DOC_ERROR, 0, "out of memory"); return -1; }
    m.walk = walk_cell;
    ml_err_begin(&e);
    x = xmlReadMemory((const char *)buf, (int)len, NULL, NULL,
                      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    ml_err_end();
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    if (!root) {
        if (e.n) doc_diag(d, DOC_ERROR, e.line, "not XML: %s", e.msg);
        else doc_diag(d, DOC_ERROR, 0, "not XML: no root element");
        goto out;
    }
    if (e.n) doc_diag(d, DOC_WARN, e.line, "not well-formed XML (recovered): %s", e.msg);
    if (ml_is(root, "article") || child(root, "front") || child(root, "body")) article(&m, root);
    else j_block(&m, root, 0);
    ml_flush(&m, DOC_PARA, 0);
    if (m.oom) { doc_diag(d, DOC_ERROR, 0, "out of memory"); goto out; }
    if (!d->nblocks) { doc_diag(d, DOC_ERROR, e.n ? e.line : 0, "no article text found in the XML"); goto out; }
    rc = 0;
out:
    xmlFreeDoc(x);
    ml_destroy(&m);
    return rc;
}
