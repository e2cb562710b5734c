/* rd_html.c - HTML article pages (publisher and SciELO/PMC renderings) into the document model,
 * with libxml2's HTML parser.
 *
 * Blocks: h1–h6 -> DOC_HEADING (level = n), p / li / dd / dt / blockquote / loose text in a
 * div -> DOC_PARA, figcaption -> DOC_CAPTION, <table> -> DOC_TABLE (thead/tbody/th/td with
 * rowspan/colspan; the label and caption from <caption> or from a nearby "Table 2 ..." element
 * before the table, e.g. SciELO's modal header), title and DOI from <meta name="citation_*">
 * / dc.identifier, else <title>/<h1> and the first doi.org link.
 * Left out: head, script, style, noscript, template, nav, header, footer, aside, form, button,
 * svg, iframe; reference lists (class/id ref-list, refList, references, bibliography; a
 * "References" heading and what follows it up to the next heading of its level); citations
 * (SciELO's <span class="ref"> that inline the whole reference, links to #B12-like anchors,
 * <sup class="xref">) and the brackets around a run of them.
 * Text conventions are those of rd_xml.c (sup markers dropped, other sup as "^", whitespace
 * folded, entities decoded); lines and offsets as in ml_priv.h. */
#include "utf8.h"
#include "read.h"
#include "ml_priv.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void h_inline(ml_t *m, xmlNode *n);
static void h_block(ml_t *m, xmlNode *n);

static int any_of(const xmlNode *n, const char *const *names)
{
    for (int i = 0; names[i]; i++) if (ml_is(n, names[i])) return 1;
    return 0;
}

static const char *const SKIP[] = { "head", "script", "style", "noscript", "template", "nav",
    "header", "footer", "aside", "form", "button", "select", "textarea", "svg", "iframe",
    "object", "embed", "canvas", "map", "img", "input", "link", "meta", "title", NULL };
static const char *const BLOCK[] = { "p", "div", "section", "article", "main", "body", "html",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "table", "figure", "figcaption", "h1", "h2",
    "h3", "h4", "h5", "h6", "pre", "address", "center", "fieldset", "details", "summary", "hr",
    "caption", "thead", "tbody", "tr", "td", "th", NULL };

static int is_heading(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && (n->name[0] == 'h' || n->name[0] == 'H') &&
           n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

static int attr_has(const xmlNode *n, const char *name, const char *sub)
{
    char *v = ml_attr(n, name);
    int r = 0;
    if (v) {
        for (char *p = v; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
        r = strstr(v, sub) != NULL;
        xmlFree(v);
    }
    return r;
}

static int is_reflist(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE) return 0;
    return ml_has_token(n, "class", "ref-list") || ml_has_token(n, "class", "refList") ||
           ml_has_token(n, "class", "references") || ml_has_token(n, "class", "reference-list") ||
           ml_has_token(n, "class", "bibliography") || ml_has_token(n, "class", "ref-list-container") ||
           attr_has(n, "id", "reference") || attr_has(n, "data-anchor", "reference") ||
           ml_has_token(n, "role", "doc-bibliography");
}

static int refs_heading(const xmlNode *n)
{
    if (!is_heading(n)) return 0;
    char *s = ml_plain((xmlNode *)n);
    int r = 0;
    if (s) {
        r = !strcasecmp(s, "references") || !strcasecmp(s, "reference") || !strcasecmp(s, "bibliography") ||
            !strcasecmp(s, "literature cited") || !strcasecmp(s, "references and notes") ||
            !strcasecmp(s, "referências") || !strcasecmp(s, "referencias");
        free(s);
    }
    return r;
}

/* A citation: SciELO <span class="ref">, <sup class="xref">, <a href="#B12"> and the like. */
static int is_cite(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE) return 0;
    if (ml_has_token(n, "class", "ref") || ml_has_token(n, "class", "bibr") ||
        ml_has_token(n, "class", "xref-bibr") || ml_has_token(n, "class", "citation"))
        return 1;
    if (ml_is(n, "sup") && ml_has_token(n, "class", "xref")) return 1;
    if (ml_is(n, "a")) {
        char *h = ml_attr(n, "href");
        int r = 0;
        if (h) {
            const char *p = h;
            r = p[0] == '#' && (((p[1] == 'B' || p[1] == 'b' || p[1] == 'R' || p[1] == 'r') &&
                                 p[2] >= '0' && p[2] <= '9') ||
                                !strncasecmp(p + 1, "bib", 3) || !strncasecmp(p + 1, "ref", 3) ||
                                !strncasecmp(p + 1, "cr", 2) || !strncasecmp(p + 1, "cit", 3));
            xmlFree(h);
        }
        return r;
    }
    if (ml_is(n, "sup")) {                 /* <sup><a href="#B1">1</a></sup> */
        xmlNode *e = xmlFirstElementChild((xmlNode *)n);
        return e && !xmlNextElementSibling(e) && is_cite(e);
    }
    return 0;
}

static long line_of_node(ml_t *m, xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? l : ml_line_of(m, m->cur);
}

static void table_block(ml_t *m, xmlNode *n);

/* One inline node c; returns the last node consumed (a citation run takes several). */
static xmlNode *h_node(ml_t *m, xmlNode *c)
{
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) { ml_text(m, c); return c; }
    if (c->type != XML_ELEMENT_NODE) return c;
    if (any_of(c, SKIP) || is_reflist(c)) { ml_sync(m, c); return c; }
    if (is_cite(c)) return ml_drop_cites(m, c, is_cite);
    if (ml_is(c, "sup")) {
        char *p = ml_plain(c);
        if (!p) { m->oom = 1; return c; }
        int mark = ml_is_marker(p) || !*p;
        free(p);
        if (mark) { ml_sync(m, c); return c; }
        ml_put(m, "^", line_of_node(m, c));
        m->sp = 0;
        h_inline(m, c);
        return c;
    }
    if (ml_is(c, "br") || ml_is(c, "hr")) { ml_space(m, c); return c; }
    if (any_of(c, BLOCK)) {
        if (m->inl) {
            ml_space(m, c);
            if (ml_is(c, "table")) ml_sync(m, c); else h_inline(m, c);
            ml_space(m, c);
        } else {
            ml_flush(m, DOC_PARA, 0);
            h_block(m, c);
            m->out = &m->buf;
        }
        return c;
    }
    h_inline(m, c);
    return c;
}

static void h_inline(ml_t *m, xmlNode *n)
{
    if (m->nest > ML_MAX_NEST) { ml_sync(m, n); return; }
    m->nest++;
    for (xmlNode *c = n->children; c; c = c->next) c = h_node(m, c);
    m->nest--;
}

static void para(ml_t *m, xmlNode *n, doc_kind_t kind, int level)
{
    ml_flush(m, DOC_PARA, 0);
    m->out = &m->buf;
    h_inline(m, n);
    ml_flush(m, kind, level);
}

/* Where "Table N" starts in s (a word in its first 80 bytes), or NULL. */
static const char *label_at(const char *s)
{
    for (const char *p = s; *p && p - s < 80; p++) {
        int word = p == s || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
                               (p[-1] >= '0' && p[-1] <= '9'));
        if (word && !strncasecmp(p, "table", 5)) {
            char *label = NULL;
            const char *rest;
            int ok = ml_split_label(p, &label, &rest) == 0 && label;
            free(label);
            if (ok) return p;
        }
    }
    return NULL;
}

/* The text of an element near the table that starts "Table N": SciELO puts it in the modal
 * header, other renderers in a div before the table. Looks at up to 4 previous element
 * siblings of the table and of its first 4 ancestors. */
static xmlNode *caption_near(xmlNode *tab)
{
    xmlNode *a = tab;
    for (int up = 0; up < 5 && a && a->type == XML_ELEMENT_NODE; up++, a = a->parent) {
        int k = 0;
        for (xmlNode *s = a->prev; s && k < 4; s = s->prev) {
            if (s->type != XML_ELEMENT_NODE) continue;
            k++;
            char *t = ml_plain(s);
            int hit = t && label_at(t) != NULL;
            free(t);
            if (hit) return s;
            if (ml_is(s, "table") || ml_is(s, "p")) break;
        }
    }
    return NULL;
}

static void table_block(ml_t *m, xmlNode *n)
{
    ml_flush(m, DOC_PARA, 0);
    doc_block_t *b = doc_add_block(m->d, DOC_TABLE);
    doc_table_t *t = b ? doc_block_table(b) : NULL;
    if (!t) { m->oom = 1; return; }
    xmlNode *cap = NULL;
    for (xmlNode *c = n->children; c && !cap; c = c->next) if (ml_is(c, "caption")) cap = c;
    if (!cap) cap = caption_near(n);
    if (cap) {
        char *s = ml_plain(cap), *label = NULL;
        const char *rest = s, *at = s ? label_at(s) : NULL;
        if (!s || ml_split_label(at ? at : s, &label, &rest)) m->oom = 1;
        else {
            if (label && doc_set(&t->label, label)) m->oom = 1;
            if (*rest && doc_text_append(&t->caption, rest, strlen(rest), -1, line_of_node(m, cap))) m->oom = 1;
        }
        free(label);
        free(s);
    }
    if (ml_table(m, n, t)) m->oom = 1;
    /* a footnote block right after the table (class "...foot..." / "fn") */
    xmlNode *a = n;
    for (int up = 0; up < 3 && a; up++, a = a->parent) {
        xmlNode *s = a->next;
        while (s && s->type != XML_ELEMENT_NODE) s = s->next;
        if (s && (attr_has(s, "class", "foot") || attr_has(s, "class", "fn")) && !attr_has(s, "class", "modal-footer")) {
            char *f = ml_plain(s);
            if (f && *f && doc_text_append(&t->foot, f, strlen(f), -1, line_of_node(m, s))) m->oom = 1;
            free(f);
            break;
        }
    }
}

static void h_block(ml_t *m, xmlNode *n)
{
    if (m->nest > ML_MAX_NEST) { ml_sync(m, n); return; }
    if (any_of(n, SKIP) || is_reflist(n)) { ml_sync(m, n); return; }
    m->nest++;
    if (is_heading(n)) para(m, n, DOC_HEADING, n->name[1] - '0');
    else if (ml_is(n, "p")) para(m, n, DOC_PARA, 0);
    else if (ml_is(n, "figcaption") || ml_is(n, "caption")) para(m, n, DOC_CAPTION, 0);
    else if (ml_is(n, "table")) table_block(m, n);
    else {
        int skip_level = 0;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (skip_level) {
                if (is_heading(c) && c->name[1] - '0' <= skip_level) skip_level = 0;
                else { if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) ml_sync(m, c); continue; }
            }
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                m->out = &m->buf;
                ml_text(m, c);
                continue;
            }
            if (c->type != XML_ELEMENT_NODE) continue;
            if (refs_heading(c)) { skip_level = c->name[1] - '0'; ml_sync(m, c); ml_flush(m, DOC_PARA, 0); continue; }
            if (any_of(c, SKIP) || is_reflist(c)) { ml_sync(m, c); continue; }
            if (any_of(c, BLOCK)) { ml_flush(m, DOC_PARA, 0); h_block(m, c); continue; }
            m->out = &m->buf;           /* inline element in a div: a loose paragraph */
            c = h_node(m, c);
        }
        ml_flush(m, DOC_PARA, 0);
    }
    m->nest--;
}

static void walk_cell(ml_t *m, xmlNode *n) { h_inline(m, n); }

static void meta(ml_t *m, xmlNode *n, int depth)
{
    if (depth > 40) return;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (ml_is(c, "meta")) {
            char *name = ml_attr(c, "name"), *content = ml_attr(c, "content");
            if (name && content && *content) {
                doc_t *d = m->d;
                if (!strcasecmp(name, "citation_doi") && !d->doi) {
                    const char *p = content;
                    if (!strncasecmp(p, "doi:", 4)) p += 4;
                    if (doc_set(&d->doi, p)) m->oom = 1;
                } else if ((!strcasecmp(name, "dc.identifier") || !strcasecmp(name, "dc.identifier.doi")) &&
                           !d->doi && strstr(content, "10.")) {
                    if (doc_set(&d->doi, strstr(content, "10."))) m->oom = 1;
                } else if ((!strcasecmp(name, "citation_title") || !strcasecmp(name, "dc.title")) && !d->title) {
                    if (doc_set(&d->title, content)) m->oom = 1;
                } else if (!strcasecmp(name, "citation_journal_title") && !d->journal) {
                    if (doc_set(&d->journal, content)) m->oom = 1;
                } else if (!strcasecmp(name, "citation_author") && !d->first_author) {
                    if (doc_set(&d->first_author, content)) m->oom = 1;
                } else if ((!strcasecmp(name, "citation_publication_date") || !strcasecmp(name, "citation_date") ||
                            !strcasecmp(name, "citation_year") || !strcasecmp(name, "dc.date")) && !d->year) {
                    for (const char *p = content; *p; p++)
                        if ((p[0] == '1' || p[0] == '2') && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
                            p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9')) {
                            d->year = (p[0]-'0')*1000 + (p[1]-'0')*100 + (p[2]-'0')*10 + (p[3]-'0');
                            break;
                        }
                }
            }
            if (name) xmlFree(name);
            if (content) xmlFree(content);
        } else meta(m, c, depth + 1);
    }
}

/* DOI from the first doi.org link or "doi:" in the bytes, when no meta tag gave one. */
static void doi_from_text(ml_t *m)
{
    static const char *const KEYS[] = { "doi.org/10.", "doi:10.", "doi: 10.", "DOI: 10.", "DOI:10.", NULL };
    const unsigned char *best = NULL;
    for (int k = 0; KEYS[k]; k++) {
        size_t kl = strlen(KEYS[k]);
        const unsigned char *f = memmem(m->raw, m->len, KEYS[k], kl);
        if (f && (!best || f < best)) best = f + kl - 3;
    }
    if (!best) return;
    size_t i = 0, lim = (size_t)(m->raw + m->len - best);
    while (i < lim && i < 200 && best[i] > ' ' && best[i] != '"' && best[i] != '\'' && best[i] != '<' &&
           best[i] != '>')
        i++;
    while (i && (best[i-1] == '.' || best[i-1] == ',' || best[i-1] == ')' || best[i-1] == ';')) i--;
    if (i < 7) return;
    char *s = strndup((const char *)best, i);
    if (!s || doc_set(&m->d->doi, s)) m->oom = 1;
    free(s);
}

int rd_html(doc_t *d, const unsigned char *buf, size_t len)
{
    ml_t m;
    ml_err_t e;
    int rc = -1;
    htmlDocPtr x = NULL;
    if (len > INT_MAX) { doc_diag(d, DOC_ERROR, 0, "file too large for the HTML reader"); return -1; }
    {   /* binary data is not a page: NUL bytes or many control characters in the first 4 KB */
        size_t lim = len < 4096 ? len : 4096, ctl = 0;
        for (size_t i = 0; i < lim; i++)
            ctl += buf[i] == 0 ? lim : (buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\r' && buf[i] != '\t' && buf[i] != '\f');
        if (ctl * 100 > lim) { doc_diag(d, DOC_ERROR, 0, "not HTML: binary data"); return -1; }
    }
    ml_lib_init();
    if (ml_init(&m, d, buf, len, 1)) { doc_diag(d, DOC_ERROR, 0, "out of memory"); return -1; }
    m.walk = walk_cell;
    /* UTF-8 unless the page says otherwise (libxml2 would guess Latin-1 without a charset) */
    const char *enc = NULL;
    size_t head = len < 4096 ? len : 4096;
    const unsigned char *cs = memmem(buf, head, "charset", 7);
    int other = 0;
    if (cs) {
        const unsigned char *p = cs + 7;
        while (p < buf + head && (*p == '=' || *p == '"' || *p == '\'' || *p == ' ')) p++;
        other = !(p + 5 <= buf + head && (!strncasecmp((const char *)p, "utf-8", 5) || !strncasecmp((const char *)p, "utf8", 4)));
    }
    if (!other && utf8_valid((const char *)buf, len)) enc = "UTF-8";
    ml_err_begin(&e);
    x = htmlReadMemory((const char *)buf, (int)len, NULL, enc,
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    ml_err_end();
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    if (!root) { doc_diag(d, DOC_ERROR, 0, "not HTML: nothing could be read"); goto out; }
    meta(&m, root, 0);
    if (!d->doi) doi_from_text(&m);
    h_block(&m, root);
    ml_flush(&m, DOC_PARA, 0);
    if (!d->title) {
        for (size_t i = 0; i < d->nblocks; i++)
            if (d->blocks[i].kind == DOC_HEADING && d->blocks[i].level == 1 && d->blocks[i].text.len) {
                if (doc_set(&d->title, d->blocks[i].text.s)) m.oom = 1;
                break;
            }
    }
    if (m.oom) { doc_diag(d, DOC_ERROR, 0, "out of memory"); goto out; }
    if (!d->nblocks) { doc_diag(d, DOC_ERROR, 0, "no text found in the HTML"); goto out; }
    rc = 0;
out:
    xmlFreeDoc(x);
    ml_destroy(&m);
    return rc;
}
