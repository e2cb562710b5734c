/* plot.c - forest plots drawn with cairo's toy text API (SVG, PNG, PDF).
 *
 * The layout is computed once (lay_build: text measured on a scratch surface with hinted
 * metrics off, so every back end lays out alike), then drawn (lay_draw) on the surface the
 * file name's extension asks for. Everything is in points; a PNG is the same drawing scaled
 * by png_scale.
 *
 * Conventions (after metafor's forest() and RevMan 5):
 * - squares: AREA proportional to the study's weight (side = max_side * sqrt(w / w_max),
 *   RevMan's rule; metafor scales the side instead), with a floor of a third of the largest
 *   side (metafor's own ratio) so that the lightest study stays visible: below 1/9 of the
 *   heaviest weight the area is no longer proportional;
 * - axis limits: every study estimate, the pooled CIs and the null value, widened on each
 *   side to take in the study CIs and the prediction interval, but by at most
 *   max(the span of the above, lower quartile of the study CI widths), so one huge CI cannot
 *   squash the others; whatever runs beyond ends in an arrow at the axis edge; the limits
 *   then extend to the nearest "nice" ticks (1-2-5 steps; on a log axis 1-2-5 ratios or
 *   decades, or plain steps of the ratio when the range is narrow);
 * - the prediction interval is a dotted line through the random-effects diamond, with end
 *   caps (metafor's look), and its own text row beneath. */
#include "plot.h"
#include "ofile.h"
#include "utf8.h"
#include "pool_priv.h"

#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FS        10.0    /* body text, points */
#define FS_TITLE  13.0
#define ROW_H     16.0    /* row pitch */
#define MARGIN    14.0
#define GAP       14.0    /* between columns */
#define GRAPH_W   300.0   /* graph width when width_px is 0 */
#define GRAPH_MIN 80.0
#define LABEL_MAX 260.0   /* longest study label drawn; longer ones end in an ellipsis */
#define SQ_MAX    (0.8 * ROW_H)
#define SQ_MIN    (SQ_MAX / 3)   /* metafor's smallest square is a third of its largest */
#define ARROW     5.0
#define TICK      4.0
#define MAX_TICKS 40

/* Colours: squares a dark blue (so they can be told apart from text and diamonds), the
 * rest black; the common-effect diamond grey. */
static const double SQ_RGB[3] = { 0.0, 0.2, 0.45 };

enum { R_STUDY, R_COMMON, R_RANDOM, R_PI };

typedef struct {
    int    kind;
    char   label[256];
    char   n[32], est[128], wt[16];
    double y, lo, hi;      /* model scale; NAN: not drawn */
    double w;              /* weight in percent, NAN: none */
    double side;           /* square side */
    double yc;             /* row centre */
} row_t;

typedef struct {
    row_t *r;
    size_t nr, k;
    int    logx, has_null, has_pi, has_n, bold_rows;
    double null_m;                 /* null value on the model scale */
    double lo, hi;                 /* axis limits, model scale */
    double pi_lo, pi_hi, pi_y;
    size_t nt;
    double tick[MAX_TICKS];
    char   tlab[MAX_TICKS][48];
    int    tshow[MAX_TICKS];
    char   title[256], left[160], right[160];
    char   xlab[160], hdr_est[64], het[256], test[160];
    double W, H;
    double x_label, x_n1, gx0, gx1, pad, x_est0, x_est1, x_wt1;
    double y_title, y_hdr, y_sep, y_rows, axis_y, y_ticklab, y_fav, y_xlab, y_het, y_test;
    double x_left, x_right;        /* favours labels' start x */
} lay_t;

void pool_plot_opts_default(pool_plot_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->log_scale = -1;
    o->null_line = -1;
    o->null_value = NAN;
    o->digits = 2;
    o->png_scale = 2;
}

/* ---- text ---- */

static void font(cairo_t *cr, int bold, double size)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double tw(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Fixed decimals, no "-0.00". */
static void fix(char *b, size_t n, double x, int dec)
{
    if (!isfinite(x)) { snprintf(b, n, "NA"); return; }
    snprintf(b, n, "%.*f", dec, x);
    if (b[0] == '-' && strspn(b + 1, "0.") == strlen(b + 1)) memmove(b, b + 1, strlen(b));
}

/* dec decimals, but a small non-zero value that would print as 0 gets 2 significant digits. */
static void fix_small(char *b, size_t n, double x, int dec)
{
    if (isfinite(x) && x != 0 && fabs(x) < 0.5 * pow(10, -dec)) snprintf(b, n, "%.2g", x);
    else fix(b, n, x, dec);
}

static void pval(char *b, size_t n, double p)
{
    if (!isfinite(p)) snprintf(b, n, "p = NA");
    else if (p < 0.001) snprintf(b, n, "p < 0.001");
    else snprintf(b, n, "p = %.3f", p);
}

/* Copy s into b (size n) as valid UTF-8 (cairo refuses anything else): an invalid byte
 * becomes '?', a control character a space; cut at a character boundary when b is full.
 * Returns 1 when cut. */
static int utf8_copy(char *b, size_t n, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t o = 0, left = strlen((const char *)p);
    while (*p) {
        size_t len = utf8_len(p, left);
        size_t w = len ? len : 1;
        if (o + w >= n) { b[o] = 0; return 1; }
        if (!len) b[o] = '?';
        else if (len == 1 && (*p < 0x20 || *p == 0x7F)) b[o] = ' ';
        else memcpy(b + o, p, len);
        o += w;
        p += w;
        left -= w;
    }
    b[o] = 0;
    return 0;
}

/* A label at most maxw wide: cut at a character boundary and ended by an ellipsis. */
static void fit_label(cairo_t *cr, char *b, size_t n, const char *s, double maxw)
{
    int cut = utf8_copy(b, n - 3, s);      /* room for the 3-byte ellipsis */
    size_t len = strlen(b);
    for (;;) {
        if (cut) memcpy(b + len, "\xE2\x80\xA6", 4);           /* U+2026 */
        if (len == 0 || tw(cr, b) <= maxw) return;
        do len--; while (len > 0 && ((unsigned char)b[len] & 0xC0) == 0x80);
        b[len] = 0;
        cut = 1;
    }
}

/* ---- axis ---- */

static double nice_step(double range, int n)
{
    double raw = range / n, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static int decimals(double step)
{
    int d = (int)-floor(log10(step) + 1e-9);
    return d < 0 ? 0 : d;
}

/* A ratio tick far from 1 as a power of ten with superscript digits ("10⁻⁶", "2×10⁵");
 * 0 when t is between 0.001 and 100000 (then printed with decimals). */
static int pow10_label(char *b, size_t n, double t)
{
    static const char *sup[10] = { "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
                                   "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
                                   "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9" };
    if (!(t > 0) || (t >= 1e-3 * (1 - 1e-9) && t < 1e5)) return 0;
    int e = (int)floor(log10(t) + 1e-9);
    double m = t / pow(10, e);
    char ex[24], d[16];
    size_t o = 0;
    if (e < 0) o += (size_t)snprintf(ex, sizeof ex, "\xE2\x81\xBB");     /* superscript minus */
    snprintf(d, sizeof d, "%d", abs(e));
    for (const char *c = d; *c && o + 4 < sizeof ex; c++) o += (size_t)snprintf(ex + o, sizeof ex - o, "%s", sup[*c - '0']);
    if (fabs(m - 1) < 1e-6) snprintf(b, n, "10%s", ex);
    else snprintf(b, n, "%.0f\xC3\x97" "10%s", m, ex);                       /* × */
    return 1;
}

static void add_tick(lay_t *L, double pos, double label, int dec)
{
    if (L->nt >= MAX_TICKS) return;
    L->tick[L->nt] = pos;
    if (!L->logx || !pow10_label(L->tlab[L->nt], sizeof L->tlab[0], label))
        fix(L->tlab[L->nt], sizeof L->tlab[0], fabs(label) < 1e-12 ? 0 : label, dec);
    L->tshow[L->nt] = 1;
    L->nt++;
}

/* Extend [L->lo, L->hi] to nice ticks and fill the tick list. */
static void make_ticks(lay_t *L)
{
    double lo = L->lo, hi = L->hi;
    L->nt = 0;
    if (!L->logx) {
        double step = nice_step(hi - lo, 5);
        double a = floor(lo / step + 1e-9) * step, b = ceil(hi / step - 1e-9) * step;
        int dec = decimals(step);
        long nt = lround((b - a) / step);
        for (long i = 0; i <= nt; i++) add_tick(L, a + (double)i * step, a + (double)i * step, dec);
        L->lo = a; L->hi = b;
        return;
    }
    double ra = exp(lo), rb = exp(hi);
    if (hi - lo < log(4.0)) {           /* narrow: plain steps of the ratio */
        double step = nice_step(rb - ra, 5);
        double a = floor(ra / step + 1e-9) * step, b = ceil(rb / step - 1e-9) * step;
        int dec = decimals(step);
        if (a <= 0) a = step;
        long nt = lround((b - a) / step);
        for (long i = 0; i <= nt; i++) add_tick(L, log(a + (double)i * step), a + (double)i * step, dec);
        L->lo = a <= ra ? log(a) : lo;
        L->hi = log(b);
        return;
    }
    /* 1-2-5 ratios, or every m-th decade when they would be too many */
    static const double mant[3] = { 1, 2, 5 };
    double e0 = floor(log10(ra) + 1e-9), e1 = ceil(log10(rb) - 1e-9);
    double t0 = NAN, t1 = NAN;
    int count = 0;
    for (double e = e0; e <= e1; e++)
        for (int j = 0; j < 3; j++) {
            double t = mant[j] * pow(10, e);
            if (t <= ra * (1 + 1e-9)) t0 = t;
            if (t >= rb * (1 - 1e-9) && isnan(t1)) t1 = t;
        }
    for (double e = e0; e <= e1; e++)
        for (int j = 0; j < 3; j++) {
            double t = mant[j] * pow(10, e);
            if (t >= t0 * (1 - 1e-9) && t <= t1 * (1 + 1e-9)) count++;
        }
    if (count <= 9) {
        for (double e = e0; e <= e1; e++)
            for (int j = 0; j < 3; j++) {
                double t = mant[j] * pow(10, e);
                if (t >= t0 * (1 - 1e-9) && t <= t1 * (1 + 1e-9)) add_tick(L, log(t), t, decimals(t));
            }
        L->lo = log(t0); L->hi = log(t1);
        return;
    }
    double m = ceil((e1 - e0) / 8);
    e0 = floor(e0 / m) * m;
    e1 = ceil(e1 / m) * m;
    for (double e = e0; e <= e1 + 1e-9; e += m) add_tick(L, e * log(10.0), pow(10, e), decimals(pow(10, e)));
    L->lo = e0 * log(10.0); L->hi = e1 * log(10.0);
}

static double xpos(const lay_t *L, double v)
{
    return L->gx0 + (v - L->lo) / (L->hi - L->lo) * (L->gx1 - L->gx0);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Axis limits (model scale) before the tick extension; see the file comment. */
static int axis_limits(lay_t *L, double *ciw)
{
    double clo = INFINITY, chi = -INFINITY, wlo = INFINITY, whi = -INFINITY;
    size_t nw = 0;
    for (size_t i = 0; i < L->nr; i++) {
        const row_t *r = &L->r[i];
        if (r->kind == R_PI) continue;
        if (isfinite(r->y)) { clo = fmin(clo, r->y); chi = fmax(chi, r->y); }
        if (r->kind != R_STUDY) {
            if (isfinite(r->lo)) clo = fmin(clo, r->lo);
            if (isfinite(r->hi)) chi = fmax(chi, r->hi);
        } else if (isfinite(r->lo) && isfinite(r->hi)) {
            wlo = fmin(wlo, r->lo); whi = fmax(whi, r->hi);
            ciw[nw++] = r->hi - r->lo;
        }
    }
    if (L->has_pi) { wlo = fmin(wlo, L->pi_lo); whi = fmax(whi, L->pi_hi); }
    if (L->has_null) { clo = fmin(clo, L->null_m); chi = fmax(chi, L->null_m); }
    if (!isfinite(clo) || !isfinite(chi)) return -1;
    double m = chi - clo;
    if (nw) {
        qsort(ciw, nw, sizeof *ciw, cmp_d);
        m = fmax(m, ciw[(nw - 1) / 4]);
    }
    L->lo = isfinite(wlo) ? fmax(fmin(clo, wlo), clo - m) : clo;
    L->hi = isfinite(whi) ? fmin(fmax(chi, whi), chi + m) : chi;
    /* a null line at an end of the axis: leave it some axis beyond (the ticks then go on to
     * the next nice value), so that it does not read as the frame */
    double sp = L->hi - L->lo;
    if (L->has_null && sp > 0) {
        if (L->null_m >= L->hi - 1e-9 * sp) L->hi = L->null_m + 0.1 * sp;
        if (L->null_m <= L->lo + 1e-9 * sp) L->lo = L->null_m - 0.1 * sp;
    }
    if (!(L->hi - L->lo > 1e-9 * fmax(1, fabs(L->lo)))) {    /* one point: widen */
        double h = L->logx ? log(1.5) : fmax(1e-3, 0.1 * fabs(L->lo));
        if (h == 0 || !isfinite(h)) h = 1;
        L->lo -= h; L->hi += h;
    }
    return 0;
}

/* ---- layout ---- */

static const char *long_name(pool_measure_t m)
{
    switch (m) {
    case POOL_MN:  return "Mean";
    case POOL_MD:  return "Mean difference";
    case POOL_SMD: return "Standardised mean difference";
    case POOL_ROM: return "Ratio of means";
    case POOL_OR:  return "Odds ratio";
    case POOL_RR:  return "Risk ratio";
    case POOL_RD:  return "Risk difference";
    case POOL_HR:  return "Hazard ratio";
    default:       return "Estimate";
    }
}

static void lay_destroy(lay_t *L)
{
    free(L->r);
    L->r = NULL;
}

static void est_text(const lay_t *L, char *b, size_t n, double y, double lo, double hi, int dec)
{
    char e[40], l[40], u[40];
    if (L->logx) { y = exp(y); lo = exp(lo); hi = exp(hi); }
    fix_small(e, sizeof e, y, dec);
    fix_small(l, sizeof l, lo, dec);
    fix_small(u, sizeof u, hi, dec);
    if (isnan(y)) snprintf(b, n, "[%s, %s]", l, u);
    else snprintf(b, n, "%s [%s, %s]", e, l, u);
}

static void n_text(char *b, size_t n, double x)
{
    if (!isfinite(x)) b[0] = 0;
    else if (x == floor(x) && fabs(x) < 1e15) snprintf(b, n, "%.0f", x);
    else snprintf(b, n, "%.1f", x);
}

static void stat_lines(lay_t *L, const pool_fit_t *re, int dig)
{
    char t2[40], q[40], p[40], s[40];
    L->het[0] = L->test[0] = 0;
    if (isfinite(re->Q) && re->Q_df >= 1) {
        fix(q, sizeof q, re->Q, 2);
        pval(p, sizeof p, re->Q_p);
        if (re->method != POOL_FE) {
            fix_small(t2, sizeof t2, re->tau2, dig);
            snprintf(L->het, sizeof L->het,
                     "Heterogeneity: \xCF\x84\xC2\xB2 = %s; I\xC2\xB2 = %.1f%%; Q = %s, df = %.0f, %s",
                     t2, isfinite(re->I2) ? re->I2 : 0.0, q, re->Q_df, p);
        } else
            snprintf(L->het, sizeof L->het, "Heterogeneity: I\xC2\xB2 = %.1f%%; Q = %s, df = %.0f, %s",
                     isfinite(re->I2) ? re->I2 : 0.0, q, re->Q_df, p);
    }
    if (isfinite(re->zval) && isfinite(re->pv)) {
        fix(s, sizeof s, re->zval, 2);
        pval(p, sizeof p, re->pv);
        if (re->test == POOL_TEST_KNHA && isfinite(re->ddf))
            snprintf(L->test, sizeof L->test, "Test for overall effect: t = %s, df = %.0f, %s", s,
                     re->ddf, p);
        else
            snprintf(L->test, sizeof L->test, "Test for overall effect: z = %s, %s", s, p);
    }
}

static int lay_build(lay_t *L, const pool_data_t *d, const pool_fit_t *fe, const pool_fit_t *re,
                     const pool_plot_opts_t *o, char *err, size_t errlen)
{
    int rc = -1;
    double *ciw = NULL;
    cairo_surface_t *sf = NULL;
    cairo_t *cr = NULL;
    memset(L, 0, sizeof *L);
    if (!d || !re || !o) { snprintf(err, errlen, "plot: no data or no fit"); return -1; }
    if (d->k == 0) { snprintf(err, errlen, "plot: no studies"); return -1; }
    if (!(re->level > 0 && re->level < 100)) {
        snprintf(err, errlen, "plot: level %g is not between 0 and 100", re->level);
        return -1;
    }
    int dig = o->digits < 0 ? 0 : o->digits > 10 ? 10 : o->digits;
    L->logx = o->log_scale < 0 ? pool_measure_is_log(d->measure) : o->log_scale != 0;
    if (o->null_line < 0) {
        L->has_null = d->measure != POOL_MN;
        L->null_m = 0;                       /* log(1) or 0 */
    } else if (o->null_line) {
        double nv = isnan(o->null_value) ? (L->logx ? 1 : 0) : o->null_value;
        if (L->logx && !(nv > 0)) {
            snprintf(err, errlen, "plot: null value %g on a log axis (must be > 0)", nv);
            return -1;
        }
        if (!isfinite(nv)) { snprintf(err, errlen, "plot: null value is not finite"); return -1; }
        L->has_null = 1;
        L->null_m = L->logx ? log(nv) : nv;
    }
    utf8_copy(L->title, sizeof L->title, o->title);
    utf8_copy(L->left, sizeof L->left, o->left_label);
    utf8_copy(L->right, sizeof L->right, o->right_label);
    int common = o->show_common && fe && re->method != POOL_FE && fe != re;
    L->has_pi = re->method != POOL_FE && isfinite(re->pi_lb) && isfinite(re->pi_ub);
    L->k = d->k;

    L->r = calloc(d->k + 3, sizeof *L->r);
    ciw = malloc((d->k + 1) * sizeof *ciw);
    sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cr = cairo_create(sf);
    if (!L->r || !ciw || cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "plot: out of memory");
        goto out;
    }
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);

    /* rows */
    double z = gsl_cdf_ugaussian_Qinv((1 - re->level / 100) / 2), N = 0, wmax = 0;
    font(cr, 0, FS);
    for (size_t i = 0; i < d->k; i++) {
        const pool_study_t *s = &d->s[i];
        row_t *r = &L->r[L->nr++];
        double se = sqrt(s->vi);
        r->kind = R_STUDY;
        fit_label(cr, r->label, sizeof r->label, s->label, LABEL_MAX);
        r->y = isfinite(s->yi) ? s->yi : NAN;
        r->lo = isfinite(s->yi) && isfinite(se) ? s->yi - z * se : NAN;
        r->hi = isfinite(s->yi) && isfinite(se) ? s->yi + z * se : NAN;
        r->w = isfinite(s->vi) && isfinite(re->sumw) ? pool_weight(re, s->vi) : NAN;
        if (!isfinite(r->w)) r->w = NAN;
        if (r->w > wmax) wmax = r->w;
        n_text(r->n, sizeof r->n, s->n);
        if (isfinite(s->n)) L->has_n = 1;
        N += s->n;
        est_text(L, r->est, sizeof r->est, r->y, r->lo, r->hi, dig);
        if (isfinite(r->w)) snprintf(r->wt, sizeof r->wt, "%.1f%%", r->w);
    }
    for (size_t i = 0; i < d->k; i++) {
        row_t *r = &L->r[i];
        r->side = isfinite(r->w) && wmax > 0 ? fmax(SQ_MIN, SQ_MAX * sqrt(r->w / wmax)) : NAN;
    }
    if (common) {
        row_t *r = &L->r[L->nr++];
        r->kind = R_COMMON;
        snprintf(r->label, sizeof r->label, "Common effect model");
        r->y = fe->estimate; r->lo = fe->lb; r->hi = fe->ub; r->w = NAN;
        n_text(r->n, sizeof r->n, N);
        est_text(L, r->est, sizeof r->est, r->y, r->lo, r->hi, dig);
    }
    row_t *m = &L->r[L->nr++];
    m->kind = R_RANDOM;
    if (re->method == POOL_FE) snprintf(m->label, sizeof m->label, "Common effect model");
    else snprintf(m->label, sizeof m->label, "Random effects (%s)", pool_method_name(re->method));
    m->y = re->estimate; m->lo = re->lb; m->hi = re->ub; m->w = 100;
    n_text(m->n, sizeof m->n, N);
    est_text(L, m->est, sizeof m->est, m->y, m->lo, m->hi, dig);
    snprintf(m->wt, sizeof m->wt, "100.0%%");
    if (L->has_pi) {
        row_t *r = &L->r[L->nr++];
        r->kind = R_PI;
        snprintf(r->label, sizeof r->label, "Prediction interval");
        r->y = r->lo = r->hi = r->w = NAN;
        L->pi_lo = re->pi_lb; L->pi_hi = re->pi_ub;
        est_text(L, r->est, sizeof r->est, NAN, re->pi_lb, re->pi_ub, dig);
    }
    if (!isfinite(m->y) || !isfinite(m->lo) || !isfinite(m->hi)) {
        snprintf(err, errlen, "plot: the pooled estimate or its CI is not a finite number");
        goto out;
    }
    if (axis_limits(L, ciw)) { snprintf(err, errlen, "plot: nothing to draw"); goto out; }
    make_ticks(L);

    /* texts */
    const char *mn = pool_measure_name(d->measure);
    if (d->measure == POOL_NONE || d->measure == POOL_GEN || d->measure == POOL_MN || !mn)
        mn = long_name(d->measure);
    char eff[40];
    if (o->effect_label) utf8_copy(eff, sizeof eff, o->effect_label);
    else snprintf(eff, sizeof eff, "%s", mn);
    snprintf(L->hdr_est, sizeof L->hdr_est, "%s [%g%% CI]", eff, re->level);
    if (o->xlab) utf8_copy(L->xlab, sizeof L->xlab, o->xlab);
    else snprintf(L->xlab, sizeof L->xlab, "%s%s", long_name(d->measure),
                  L->logx ? " (log scale)" : "");
    stat_lines(L, re, dig);

    /* columns */
    double wl = 0, wn = 0, we = 0, ww = 0, wbold;
    for (size_t i = 0; i < L->nr; i++) {
        const row_t *r = &L->r[i];
        font(cr, r->kind != R_STUDY, FS);
        wl = fmax(wl, tw(cr, r->label));
        wn = fmax(wn, tw(cr, r->n));
        we = fmax(we, tw(cr, r->est));
        ww = fmax(ww, tw(cr, r->wt));
    }
    font(cr, 1, FS);
    wl = fmax(wl, tw(cr, "Study"));
    wn = fmax(wn, tw(cr, "N"));
    we = fmax(we, tw(cr, L->hdr_est));
    ww = fmax(ww, tw(cr, "Weight"));
    L->pad = SQ_MAX / 2 + 2;
    L->x_label = MARGIN;
    double x = MARGIN + wl + GAP;
    if (L->has_n) { x += wn; L->x_n1 = x; x += GAP; }
    double rest = 2 * L->pad + GAP + we + GAP + ww + MARGIN;
    double gw = GRAPH_W;
    if (o->width_px > 0) gw = fmax(GRAPH_MIN, o->width_px - x - rest);
    L->gx0 = x + L->pad;
    L->gx1 = L->gx0 + gw;
    x = L->gx1 + L->pad + GAP;
    L->x_est0 = x;
    L->x_est1 = x + we;
    L->x_wt1 = L->x_est1 + GAP + ww;
    L->W = L->x_wt1 + MARGIN;
    if (o->width_px > 0 && L->W < o->width_px) L->W = o->width_px;

    /* tick labels: every m-th one, so that no two touch */
    font(cr, 0, FS);
    for (size_t step = 1; step < L->nt + 1; step++) {
        double last = -INFINITY;
        int ok = 1;
        for (size_t i = 0; i < L->nt; i++) {
            L->tshow[i] = i % step == 0;
            if (!L->tshow[i]) continue;
            double w = tw(cr, L->tlab[i]), c = xpos(L, L->tick[i]);
            if (c - w / 2 < last + 4) ok = 0;
            last = c + w / 2;
        }
        if (ok) break;
    }

    /* rows, top to bottom */
    double y = MARGIN;
    if (L->title[0]) { L->y_title = y + FS_TITLE; y += FS_TITLE * 1.8; }
    L->y_hdr = y + ROW_H / 2;
    y += ROW_H;
    L->y_sep = y + 1;
    y += 4;
    L->y_rows = y;
    for (size_t i = 0; i < L->nr; i++) {
        if (L->r[i].kind != R_STUDY && (i == 0 || L->r[i - 1].kind == R_STUDY)) y += 0.5 * ROW_H;
        L->r[i].yc = y + ROW_H / 2;
        y += ROW_H;
    }
    L->pi_y = m->yc;
    y += 0.3 * ROW_H;
    L->axis_y = y;
    L->y_ticklab = y + TICK + 2 + FS;
    y = L->y_ticklab;
    wbold = 0;
    double null_x = L->has_null ? xpos(L, L->null_m) : (L->gx0 + L->gx1) / 2;
    if (L->left[0] || L->right[0]) {
        y += FS * 1.5;
        L->y_fav = y;
        if (L->left[0]) {
            double w = tw(cr, L->left);
            L->x_left = fmax(MARGIN, null_x - 6 - w);
        }
        if (L->right[0]) {
            L->x_right = null_x + 6;
            L->W = fmax(L->W, L->x_right + tw(cr, L->right) + MARGIN);
        }
    }
    y += FS * 1.5;
    L->y_xlab = y;
    double wx = tw(cr, L->xlab);
    if ((L->gx0 + L->gx1) / 2 + wx / 2 + MARGIN > L->W) L->W = (L->gx0 + L->gx1) / 2 + wx / 2 + MARGIN;
    if (L->het[0]) {
        y += FS * 2;
        L->y_het = y;
        wbold = fmax(wbold, tw(cr, L->het));
    }
    if (L->test[0]) {
        y += L->het[0] ? FS * 1.5 : FS * 2;
        L->y_test = y;
        wbold = fmax(wbold, tw(cr, L->test));
    }
    L->W = fmax(L->W, MARGIN + wbold + MARGIN);
    if (L->title[0]) {
        font(cr, 1, FS_TITLE);
        L->W = fmax(L->W, MARGIN + tw(cr, L->title) + MARGIN);
    }
    L->H = y + 0.4 * FS + MARGIN;
    L->W = ceil(L->W);
    L->H = ceil(L->H);
    rc = 0;
out:
    if (cr) cairo_destroy(cr);
    if (sf) cairo_surface_destroy(sf);
    free(ciw);
    if (rc) lay_destroy(L);
    return rc;
}

/* ---- drawing ---- */

static void text_at(cairo_t *cr, double x, double baseline, const char *s, int align)
{
    if (!s || !*s) return;
    double w = align ? tw(cr, s) : 0;
    cairo_move_to(cr, align == 1 ? x - w : align == 2 ? x - w / 2 : x, baseline);
    cairo_show_text(cr, s);
}

static double base(double yc) { return yc + 0.35 * FS; }

static void arrow(cairo_t *cr, double tip, double y, int dir)   /* dir -1: points left */
{
    cairo_move_to(cr, tip, y);
    cairo_line_to(cr, tip - dir * ARROW, y - ARROW * 0.45);
    cairo_line_to(cr, tip - dir * ARROW, y + ARROW * 0.45);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* A horizontal interval [lo, hi] (model scale) at y, ending in arrows where it runs beyond
 * the axis; caps: half-height of end caps drawn at ends within the axis (0: none). */
static void interval(cairo_t *cr, const lay_t *L, double lo, double hi, double y, double caps)
{
    double a = xpos(L, lo), b = xpos(L, hi);
    int al = lo < L->lo - 1e-12, ar = hi > L->hi + 1e-12;
    double x0 = al ? L->gx0 + ARROW : a, x1 = ar ? L->gx1 - ARROW : b;
    if (x1 > x0) {
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, NULL, 0, 0);
    if (al) arrow(cr, L->gx0, y, -1);
    if (ar) arrow(cr, L->gx1, y, 1);
    if (caps > 0) {
        if (!al) { cairo_move_to(cr, a, y - caps); cairo_line_to(cr, a, y + caps); }
        if (!ar) { cairo_move_to(cr, b, y - caps); cairo_line_to(cr, b, y + caps); }
        cairo_stroke(cr);
    }
}

static void diamond(cairo_t *cr, const lay_t *L, const row_t *r)
{
    double h = 0.36 * ROW_H;
    cairo_move_to(cr, xpos(L, r->lo), r->yc);
    cairo_line_to(cr, xpos(L, r->y), r->yc - h);
    cairo_line_to(cr, xpos(L, r->hi), r->yc);
    cairo_line_to(cr, xpos(L, r->y), r->yc + h);
    cairo_close_path(cr);
    cairo_fill(cr);
}

static void lay_draw(cairo_t *cr, const lay_t *L)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);

    if (L->title[0]) {
        font(cr, 1, FS_TITLE);
        text_at(cr, MARGIN, L->y_title, L->title, 0);
    }
    /* header */
    font(cr, 1, FS);
    double hb = base(L->y_hdr);
    text_at(cr, L->x_label, hb, "Study", 0);
    if (L->has_n) text_at(cr, L->x_n1, hb, "N", 1);
    text_at(cr, L->x_est1, hb, L->hdr_est, 1);
    text_at(cr, L->x_wt1, hb, "Weight", 1);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, MARGIN, L->y_sep);
    cairo_line_to(cr, L->x_wt1, L->y_sep);
    cairo_stroke(cr);

    /* text columns */
    for (size_t i = 0; i < L->nr; i++) {
        const row_t *r = &L->r[i];
        double b = base(r->yc);
        font(cr, r->kind != R_STUDY, FS);
        text_at(cr, L->x_label, b, r->label, 0);
        if (L->has_n) text_at(cr, L->x_n1, b, r->n, 1);
        text_at(cr, L->x_est1, b, r->est, 1);
        text_at(cr, L->x_wt1, b, r->wt, 1);
    }

    /* graph, clipped to its column */
    cairo_save(cr);
    cairo_rectangle(cr, L->gx0 - L->pad, L->y_sep, L->gx1 - L->gx0 + 2 * L->pad,
                    L->axis_y - L->y_sep + 1);
    cairo_clip(cr);
    if (L->has_null) {
        static const double dash[2] = { 3, 3 };
        double x = xpos(L, L->null_m);
        cairo_set_line_width(cr, 0.8);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x, L->y_rows);
        cairo_line_to(cr, x, L->axis_y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    for (size_t i = 0; i < L->nr; i++) {
        const row_t *r = &L->r[i];
        if (r->kind != R_STUDY || !isfinite(r->y)) continue;
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1);
        if (isfinite(r->lo) && isfinite(r->hi)) interval(cr, L, r->lo, r->hi, r->yc, 0);
        if (isfinite(r->side)) {
            cairo_set_source_rgb(cr, SQ_RGB[0], SQ_RGB[1], SQ_RGB[2]);
            double x = xpos(L, r->y);
            cairo_rectangle(cr, x - r->side / 2, r->yc - r->side / 2, r->side, r->side);
            cairo_fill(cr);
        }
    }
    for (size_t i = 0; i < L->nr; i++) {
        const row_t *r = &L->r[i];
        if (r->kind == R_RANDOM && L->has_pi) {
            static const double dot[2] = { 1.5, 2 };
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_set_line_width(cr, 1);
            cairo_set_dash(cr, dot, 2, 0);
            interval(cr, L, L->pi_lo, L->pi_hi, r->yc, 0.2 * ROW_H);
        }
        if (r->kind == R_COMMON) {
            cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
            diamond(cr, L, r);
        } else if (r->kind == R_RANDOM) {
            cairo_set_source_rgb(cr, 0, 0, 0);
            diamond(cr, L, r);
        }
    }
    cairo_restore(cr);

    /* axis */
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, L->gx0, L->axis_y);
    cairo_line_to(cr, L->gx1, L->axis_y);
    for (size_t i = 0; i < L->nt; i++) {
        double x = xpos(L, L->tick[i]);
        cairo_move_to(cr, x, L->axis_y);
        cairo_line_to(cr, x, L->axis_y + TICK);
    }
    cairo_stroke(cr);
    font(cr, 0, FS);
    for (size_t i = 0; i < L->nt; i++)
        if (L->tshow[i]) text_at(cr, xpos(L, L->tick[i]), L->y_ticklab, L->tlab[i], 2);
    if (L->left[0]) text_at(cr, L->x_left, L->y_fav, L->left, 0);
    if (L->right[0]) text_at(cr, L->x_right, L->y_fav, L->right, 0);
    text_at(cr, (L->gx0 + L->gx1) / 2, L->y_xlab, L->xlab, 2);
    if (L->het[0]) text_at(cr, MARGIN, L->y_het, L->het, 0);
    if (L->test[0]) text_at(cr, MARGIN, L->y_test, L->test, 0);
}

/* fontconfig, which cairo's toy text API loads, keeps its parsed configuration for the life of
 * the process (only FcFini frees it): tell LeakSanitizer, in sanitized builds, that this is
 * not ours, so that every program and test drawing a plot stays leak-clean. Unused otherwise. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

/* ... and quietly: a program's stderr is part of its contract (one line per error). */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

/* ---- files ---- */

enum { F_SVG, F_PNG, F_PDF };

void pool_plot_cleanup(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}

int pool_plot_format(const char *path)
{
    size_t n = strlen(path);
    if (n > 4 && strcasecmp_ascii(path + n - 4, ".svg") == 0) return F_SVG;
    if (n > 4 && strcasecmp_ascii(path + n - 4, ".png") == 0) return F_PNG;
    if (n > 4 && strcasecmp_ascii(path + n - 4, ".pdf") == 0) return F_PDF;
    return -1;
}

static void geom_of(const lay_t *L, pool_plot_geom_t *g)
{
    memset(g, 0, sizeof *g);
    g->width = L->W;
    g->height = L->H;
    g->graph_x0 = L->gx0;
    g->graph_x1 = L->gx1;
    g->axis_lo = L->lo;
    g->axis_hi = L->hi;
    g->log_axis = L->logx;
    g->null_x = L->has_null ? xpos(L, L->null_m) : NAN;
    g->row_y0 = L->nr ? L->r[0].yc : NAN;
    g->row_h = ROW_H;
    g->pooled_y = NAN;
    for (size_t i = 0; i < L->nr; i++)
        if (L->r[i].kind == R_RANDOM) g->pooled_y = L->r[i].yc;
    g->axis_y = L->axis_y;
    g->text_x0 = L->x_est0;
}

int pool_plot_geom(const pool_data_t *d, const pool_fit_t *fe, const pool_fit_t *re,
                   const pool_plot_opts_t *o, pool_plot_geom_t *g, char *err, size_t errlen)
{
    lay_t L;
    if (lay_build(&L, d, fe, re, o, err, errlen)) return -1;
    geom_of(&L, g);
    lay_destroy(&L);
    return 0;
}

int pool_plot(const char *path, const pool_data_t *d, const pool_fit_t *fe, const pool_fit_t *re,
              const pool_plot_opts_t *o, char *err, size_t errlen)
{
    int rc = -1, keep = 0, fmt = pool_plot_format(path);
    lay_t L;
    ofile_t of;
    cairo_surface_t *sf = NULL;
    cairo_t *cr = NULL;
    memset(&L, 0, sizeof L);
    memset(&of, 0, sizeof of);
    if (fmt < 0) {
        snprintf(err, errlen, "%s: unknown plot format (the name must end in .svg, .png or .pdf)",
                 path);
        return -1;
    }
    double scale = o && o->png_scale > 0 ? o->png_scale : 2;
    if (!(scale <= 16)) { snprintf(err, errlen, "%s: png_scale %g is above 16", path, scale); return -1; }
    if (lay_build(&L, d, fe, re, o, err, errlen)) return -1;
    /* cairo's image surfaces stop at 32767 pixels a side: a long plot gets a lower resolution */
    scale = fmin(scale, fmin(32767 / L.W, 32767 / L.H));
    if (fmt == F_PNG && scale < 0.25) {
        snprintf(err, errlen, "%s: %.0f x %.0f points is too large for a PNG (use .svg or .pdf)",
                 path, L.W, L.H);
        goto out;
    }
    if (ofile_open_name(&of, path, err, errlen)) goto out;
    switch (fmt) {
    case F_SVG:
        sf = cairo_svg_surface_create(of.tmp, L.W, L.H);
        break;
    case F_PDF:
        sf = cairo_pdf_surface_create(of.tmp, L.W, L.H);
        if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS) {   /* reproducible bytes */
            cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, "");
            cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "pool");
        }
        break;
    default:
        sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(L.W * scale),
                                        (int)ceil(L.H * scale));
        break;
    }
    cairo_status_t st = cairo_surface_status(sf);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "%s: cannot create the drawing surface: %s", path,
                 cairo_status_to_string(st));
        goto out;
    }
    cr = cairo_create(sf);
    if (fmt == F_PNG) cairo_scale(cr, scale, scale);
    lay_draw(cr, &L);
    st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "%s: drawing failed: %s", path, cairo_status_to_string(st));
        goto out;
    }
    cairo_destroy(cr);
    cr = NULL;
    if (fmt == F_PNG) st = cairo_surface_write_to_png(sf, of.tmp);
    else {
        cairo_surface_finish(sf);
        st = cairo_surface_status(sf);
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "%s: cannot write: %s", path, cairo_status_to_string(st));
        goto out;
    }
    keep = 1;
    rc = 0;
out:
    if (cr) cairo_destroy(cr);
    if (sf) cairo_surface_destroy(sf);
    if (of.tmp) {
        char e2[512];
        if (ofile_close(&of, keep, e2, sizeof e2) && keep) {
            snprintf(err, errlen, "%s", e2);
            rc = -1;
        }
    }
    lay_destroy(&L);
    return rc;
}
