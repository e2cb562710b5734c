/* rd_txt.c - plain text: encoding (UTF-8, Windows-1252/Latin-1, stray bad bytes), lines,
 * paragraphs, headings and captions, title and DOI; then the table layer (tab_detect_txt).
 *
 * Every character of a block's text maps back to the byte offset and line it came from in the
 * ORIGINAL file: a converted cp1252 byte or a U+FFFD replacement is appended on its own with
 * the offset of the source byte, so offsets stay exact even in converted files. */
#include "utf8.h"
#include "read.h"
#include "tab.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { ENC_UTF8, ENC_CP1252 };

/* Windows-1252 0x80-0x9F to Unicode; 0 where undefined (0x81 0x8D 0x8F 0x90 0x9D). */
static const unsigned short cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static size_t utf8_put(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    o[0] = (char)(0xE0 | cp >> 12);
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

typedef struct {
    size_t nbad, nmulti, nnul, nctrl;
    long   badline;          /* line of the first invalid byte */
    int    cp1252_ok;        /* every invalid byte is a defined cp1252 character */
} scan_t;

static void scan_bytes(const unsigned char *buf, size_t len, scan_t *s)
{
    long line = 1;
    memset(s, 0, sizeof *s);
    s->cp1252_ok = 1;
    for (size_t i = 0; i < len; ) {
        unsigned c = buf[i];
        if (c >= 0x20 && c < 0x80) { i++; continue; }      /* printable ASCII: nothing to count */
        if (c == '\n') line++;
        if (c == 0) s->nnul++;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') s->nctrl++;
        size_t k = utf8_len(buf + i, len - i);
        if (k == 0) {
            if (!s->nbad) s->badline = line;
            s->nbad++;
            if (c < 0xA0 && cp1252_hi[c - 0x80] == 0) s->cp1252_ok = 0;
            i++;
            continue;
        }
        if (k > 1) s->nmulti++;
        i += k;
    }
}

/* One source line's text, converted, appended to t with exact offsets. Returns 0/-1. */
static int append_line(doc_text_t *t, const unsigned char *buf, size_t a, size_t e, long line, int enc)
{
    size_t run = a;             /* start of the current run of bytes copied as they are */
    char tmp[4];
    for (size_t i = a; i < e; ) {
        unsigned c = buf[i];
        if (c >= 0x01 && c < 0x80) { i++; continue; }      /* ASCII is copied as it is */
        size_t k = enc == ENC_UTF8 ? utf8_len(buf + i, e - i) : (c < 0x80 ? 1 : 0);
        if (k && c != 0) { i += k; continue; }
        if (i > run && doc_text_append(t, (const char *)buf + run, i - run, (long)run, line)) return -1;
        size_t m;
        if (c == 0) m = utf8_put(tmp, 0xFFFD);
        else if (enc == ENC_CP1252) {
            unsigned cp = c < 0xA0 ? cp1252_hi[c - 0x80] : c;
            m = utf8_put(tmp, cp ? cp : 0xFFFD);
        } else m = utf8_put(tmp, 0xFFFD);
        if (doc_text_append(t, tmp, m, (long)i, line)) return -1;
        i++;
        run = i;
    }
    if (e > run && doc_text_append(t, (const char *)buf + run, e - run, (long)run, line)) return -1;
    return 0;
}

/* Known section headings ("Results", "2. Methods", "STATISTICAL ANALYSIS"). */
static int is_heading(const char *s, size_t n)
{
    static const char *const names[] = {
        "abstract", "background", "introduction", "methods", "materials and methods",
        "methods and materials", "patients and methods", "results", "discussion", "conclusion",
        "conclusions", "references", "statistical analysis", "statistical analyses",
        "acknowledgements", "acknowledgments", "aim", "aims", "objective", "objectives",
        "study design", "study population", "patients", "limitations", "funding",
        "abbreviations", "supplementary information", "declarations", "core tip", NULL
    };
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n-1])) n--;
    while (n && (isdigit((unsigned char)*s) || *s == '.')) { s++; n--; }
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    if (n == 0 || n > 40) return 0;
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(s, names[i], n) == 0) return 1;
    return 0;
}

/* "Table 1 ...", "Fig. 2 ...", "Figure 3." at the start of a line. */
static int is_caption(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    size_t k = 0;
    if (n > 6 && strncmp(s, "Table ", 6) == 0) k = 6;
    else if (n > 5 && strncmp(s, "Fig. ", 5) == 0) k = 5;
    else if (n > 7 && strncmp(s, "Figure ", 7) == 0) k = 7;
    else if (n > 6 && strncmp(s, "TABLE ", 6) == 0) k = 6;
    else if (n > 7 && strncmp(s, "FIGURE ", 7) == 0) k = 7;
    if (!k || (!isdigit((unsigned char)s[k]) &&
               !(s[k] >= 'A' && s[k] <= 'Z' && n > k + 1 && isdigit((unsigned char)s[k+1]))))
        return 0;
    while (k < n && (isalnum((unsigned char)s[k]))) k++;
    /* "Table 1 Baseline ...", "Figure 4. UC-MSC ...", "Table 2" alone; not "Table 1 shows" */
    if (k == n) return 1;
    if (s[k] == '.' || s[k] == ':' || s[k] == '|') return 1;
    if (s[k] == ' ' && k + 1 < n && isupper((unsigned char)s[k+1])) return 1;
    return 0;
}

/* Lines of the References section and numbered reference entries hold other papers' DOIs. */
static int is_reference_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < n && s[i] == '[') i++;
    size_t d = i;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    return i > d && i < n && (s[i] == '.' || s[i] == ']');
}

/* A DOI at s (after "doi:", "doi.org/", "DOI "): "10.NNNN/..." up to a space or bracket.
 * Lower-cased into out. Returns its length, 0 if none. */
static size_t grab_doi(const char *s, size_t n, char *out, size_t cap)
{
    if (n < 8 || s[0] != '1' || s[1] != '0' || s[2] != '.') return 0;
    size_t i = 3;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    if (i < 7 || i >= n || s[i] != '/') return 0;
    while (i < n && !isspace((unsigned char)s[i]) && s[i] != '>' && s[i] != '<' && s[i] != '"' &&
           s[i] != ')' && s[i] != ']' && (unsigned char)s[i] < 0x80)
        i++;
    while (i > 0 && (s[i-1] == '.' || s[i-1] == ',' || s[i-1] == ';')) i--;
    if (i + 1 > cap) return 0;
    for (size_t k = 0; k < i; k++) out[k] = (char)tolower((unsigned char)s[k]);
    out[i] = '\0';
    return i;
}

/* Find the article's DOI on a line. Returns 3 for a line that starts with a "DOI:" label,
 * 2 for a label elsewhere ("... doi:10...."), 1 for a doi.org link, 0 for none. */
static int line_doi(const char *s, size_t n, char *out, size_t cap)
{
    int best = 0;
    for (size_t i = 0; i + 4 < n && best < 2; i++) {
        if ((s[i] | 32) != 'd') continue;           /* both words start with a 'd' */
        if (strncasecmp(s + i, "doi.org/", 8) == 0 && i + 8 < n) {
            if (!best && grab_doi(s + i + 8, n - i - 8, out, cap)) best = 1;
        } else if (strncasecmp(s + i, "doi", 3) == 0 && (i == 0 || !isalpha((unsigned char)s[i-1]))) {
            size_t j = i + 3;
            while (j < n && (s[j] == ':' || s[j] == ' ')) j++;
            if (j + 16 < n && !strncasecmp(s + j, "https://doi.org/", 16)) j += 16;
            else if (j + 15 < n && !strncasecmp(s + j, "http://doi.org/", 15)) j += 15;
            else if (j + 18 < n && !strncasecmp(s + j, "http://dx.doi.org/", 18)) j += 18;
            if (j < n && grab_doi(s + j, n - j, out, cap)) best = i < 8 ? 3 : 2;
        }
    }
    return best;
}

static int strstr_n(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, pat, m) == 0) return 1;
    return 0;
}

/* The next line of a wrapped title: short, words, no digits, no list of names, no sentence end. */
static int title_continues(const char *s, size_t n)
{
    size_t commas = 0;
    if (n < 3 || n > 150 || s[n-1] == '.' || memchr(s, '@', n)) return 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i])) return 0;
        commas += s[i] == ',';
    }
    return commas <= 1 && !strstr_n(s, n, "\xC2\xB7") && !strstr_n(s, n, "\xC2\xB9");
}

static int title_candidate(const char *s, size_t n)
{
    static const char *const skip[] = { "skip to", "copyright", "open access", "original article",
        "research", "article", "http", "www.", "received", "doi", NULL };
    size_t words = 0, letters = 0;
    if (n < 25 || n > 400) return 0;
    for (int i = 0; skip[i]; i++)
        if (strncasecmp(s, skip[i], strlen(skip[i])) == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        if (isalpha((unsigned char)s[i])) letters++;
        if (s[i] == ' ' && i + 1 < n && s[i+1] != ' ') words++;
    }
    if (words < 4 || letters * 2 < n) return 0;
    if (s[n-1] == '.' || s[n-1] == ',' || s[n-1] == ':' || s[n-1] == ';') return 0;
    if (memchr(s, '@', n) || strstr_n(s, n, "\xC2\xB7") || strstr_n(s, n, "\xC2\xB9")) return 0;
    size_t commas = 0, w1 = 0;
    for (size_t i = 0; i < n; i++) commas += s[i] == ',';
    if (commas > 3) return 0;
    while (w1 < n && s[w1] != ' ' && s[w1] != ':') w1++;
    if (w1 < n && s[w1] == ':') return 0;               /* "Background: ..." */
    return 1;
}

int rd_txt(doc_t *d, const unsigned char *buf, size_t len)
{
    scan_t sc;
    size_t i = 0;
    long line = 1;
    doc_block_t *b = NULL;
    int enc = ENC_UTF8, in_refs = 0, seen_head = 0, title_more = 0, doi_rank = 0, rc = -1;
    char doi[256];

    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) i = 3;
    scan_bytes(buf + i, len - i, &sc);
    if ((sc.nnul + sc.nctrl) * 20 > len ||
        (sc.nbad * 4 > len && sc.nmulti == 0 && !sc.cp1252_ok)) {
        doc_diag(d, DOC_ERROR, 0, "binary file");
        return -1;
    }
    if (sc.nbad && sc.nmulti == 0 && sc.cp1252_ok) {
        enc = ENC_CP1252;
        doc_diag(d, DOC_WARN, sc.badline, "not UTF-8: read as Windows-1252/Latin-1");
    } else if (sc.nbad) {
        doc_diag(d, DOC_WARN, sc.badline, "%zu invalid UTF-8 byte%s replaced by U+FFFD", sc.nbad,
                 sc.nbad == 1 ? "" : "s");
    }
    if (sc.nnul && !sc.nbad)
        doc_diag(d, DOC_WARN, 0, "%zu NUL byte%s replaced by U+FFFD", sc.nnul, sc.nnul == 1 ? "" : "s");

    while (i < len) {
        size_t j = i;
        const unsigned char *nl = memchr(buf + i, '\n', len - i);
        j = nl ? (size_t)(nl - buf) : len;
        size_t e = j;
        while (e > i && (buf[e-1] == '\r' || buf[e-1] == ' ' || buf[e-1] == '\t')) e--;
        size_t a = i;
        while (a < e && (buf[a] == ' ' || buf[a] == '\t' || buf[a] == '\f')) a++;
        /* keep leading tabs: they are empty table cells */
        size_t a_tab = i;
        while (a_tab < e && buf[a_tab] == ' ') a_tab++;
        const char *s = (const char *)buf + a;
        size_t n = e - a;
        if (n == 0) {
            b = NULL;
        } else {
            int head = is_heading(s, n), cap = !head && is_caption(s, n), starts_block = !b;
            int tabbed = memchr(buf + a_tab, '\t', e - a_tab) != NULL;
            if (head) {
                if (n >= 10 && strncasecmp(s, "references", 10) == 0) in_refs = 1;
                else in_refs = 0;
                if (!(b = doc_add_block(d, DOC_HEADING))) goto out;
                b->level = 1;
                if (append_line(&b->text, buf, a, e, line, enc)) goto out;
                b = NULL;
            } else {
                if (cap || !b || (tabbed && b->kind != DOC_PARA) || (b->kind == DOC_CAPTION && tabbed)) {
                    if (!(b = doc_add_block(d, cap ? DOC_CAPTION : DOC_PARA))) goto out;
                } else if (doc_text_append(&b->text, "\n", 1, -1, line)) goto out;
                if (append_line(&b->text, buf, tabbed ? a_tab : a, e, line, enc)) goto out;
            }
            if (doi_rank < 3 && !is_reference_line(s, n)) {
                /* in the reference list only a line that starts with "DOI" names this article */
                char tmp[256];
                int r = line_doi(s, n, tmp, sizeof tmp);
                if (in_refs && r < 3) r = 0;
                if (r > doi_rank) { doi_rank = r; memcpy(doi, tmp, sizeof doi); }
            }
            if (head) seen_head = 1;
            if (d->title && title_more > 0 && !starts_block && !head && !cap && title_continues(s, n)) {
                /* a title wrapped over the next lines of its block */
                doc_text_t tt;
                doc_text_init(&tt);
                if (doc_text_append(&tt, d->title, strlen(d->title), -1, line) ||
                    doc_text_append(&tt, " ", 1, -1, line) || append_line(&tt, buf, a, e, line, enc) ||
                    doc_set(&d->title, tt.s)) {
                    doc_text_destroy(&tt);
                    goto out;
                }
                doc_text_destroy(&tt);
                title_more--;
            } else title_more = 0;
            if (!d->title && !seen_head && line <= 40 && (starts_block || line <= 5) && title_candidate(s, n) && !head && !cap) {
                /* converted like the text (valid UTF-8 even in a cp1252 file) */
                doc_text_t tt;
                doc_text_init(&tt);
                if (append_line(&tt, buf, a, e, line, enc) || doc_set(&d->title, tt.s)) {
                    doc_text_destroy(&tt);
                    goto out;
                }
                doc_text_destroy(&tt);
                title_more = s[n-1] == '.' ? 0 : 2;
            }
        }
        i = j + 1;
        line++;
    }
    if (doi_rank && doc_set(&d->doi, doi)) goto out;
    for (size_t k = 0; k < d->nblocks; k++) doc_text_shrink(&d->blocks[k].text);
    rc = tab_detect_txt(d);
out:
    if (rc && !doc_nerrors(d)) doc_diag(d, DOC_ERROR, 0, "out of memory");
    return rc;
}
