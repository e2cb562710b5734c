/* test_plot.c - forest plots (pool/plot.c): SVG, PNG and PDF files of dat.bcg (RR, 13 studies)
 * are whole and well-formed (PNG signature and size, SVG parsed by libxml2 with one square per
 * study, PDF header); the PNG's pixels show what the layout promises (square area grows with
 * weight, a dashed null line, nothing at the image edges, an arrow where a CI runs off the
 * axis, no null line for MN); a 2-study log plot, k = 1, k = 60, knha, long and invalid UTF-8
 * labels, title and favours labels all draw; bad names and unwritable targets fail with a
 * reason and leave no temporary file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pool.h"
#include "plot.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_plot.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *dp = opendir(tmpdir);
    if (dp) {
        struct dirent *e;
        char p[512];
        while ((e = readdir(dp)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
                if (remove(p) != 0) rmdir(p);
            }
        closedir(dp);
    }
    rmdir(tmpdir);
    return 0;
}

static const char *tpath(const char *name)
{
    static char p[4][256];
    static int i;
    i = (i + 1) % 4;
    snprintf(p[i], sizeof p[i], "%s/%s", tmpdir, name);
    return p[i];
}

/* Files in tmpdir whose name contains ".tmp" (ofile's temporary names). */
static int temp_files(void)
{
    int n = 0;
    DIR *dp = opendir(tmpdir);
    assert_non_null(dp);
    struct dirent *e;
    while ((e = readdir(dp))) n += strstr(e->d_name, ".tmp") != NULL;
    closedir(dp);
    return n;
}

static long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

/* ---- data ---- */

static const double BCG[13][4] = {
    { 4, 119, 11, 128 }, { 6, 300, 29, 274 }, { 3, 228, 11, 209 }, { 62, 13536, 248, 12619 },
    { 33, 5036, 47, 5761 }, { 180, 1361, 372, 1079 }, { 8, 2537, 10, 619 },
    { 505, 87886, 499, 87892 }, { 29, 7470, 45, 7232 }, { 17, 1699, 65, 1600 },
    { 186, 50448, 141, 27197 }, { 5, 2493, 3, 2338 }, { 27, 16886, 29, 17825 } };

typedef struct {
    pool_data_t d;
    pool_fit_t fe, re;
} fx_t;

static void fit(fx_t *f, pool_method_t m, pool_test_t t)
{
    char err[256];
    pool_opts_t o;
    pool_opts_default(&o);
    o.method = m;
    o.test = t;
    if (pool_fit_data(&f->d, &o, &f->re, err, sizeof err)) fail_msg("fit: %s", err);
    o.method = POOL_FE;
    if (pool_fit_data(&f->d, &o, &f->fe, err, sizeof err)) fail_msg("fit FE: %s", err);
}

static void bcg(fx_t *f)
{
    char err[256], lab[32];
    pool_data_init(&f->d);
    f->d.measure = POOL_RR;
    for (int i = 0; i < 13; i++) {
        pool_arms_t a = { NAN, NAN, NAN, NAN, NAN, NAN, BCG[i][0], BCG[i][1], BCG[i][2], BCG[i][3] };
        double yi, vi;
        assert_int_equal(pool_es(POOL_RR, &a, &yi, &vi, err, sizeof err), 0);
        snprintf(lab, sizeof lab, "Trial %d", i + 1);
        assert_int_equal(pool_data_add(&f->d, lab, NULL, NULL, 0,
                                       BCG[i][0] + BCG[i][1] + BCG[i][2] + BCG[i][3], yi, vi), 0);
    }
    fit(f, POOL_REML, POOL_TEST_Z);
}

/* Two hazard ratios: a precise one and a tiny pilot whose CI runs far off the axis. */
static void two_hr(fx_t *f)
{
    char err[256];
    double yi, vi;
    pool_data_init(&f->d);
    f->d.measure = POOL_HR;
    assert_int_equal(pool_es_hr(0.8, 0.7, 0.92, 95, &yi, &vi, err, sizeof err), 0);
    assert_int_equal(pool_data_add(&f->d, "Precise", NULL, NULL, 0, 900, yi, vi), 0);
    assert_int_equal(pool_es_hr(3, 0.2, 45, 95, &yi, &vi, err, sizeof err), 0);
    assert_int_equal(pool_data_add(&f->d, "Pilot", NULL, NULL, 0, 20, yi, vi), 0);
    fit(f, POOL_REML, POOL_TEST_Z);
}

/* Means around 40-50 with SDs near 10 (MN: no line of no effect). */
static void means(fx_t *f)
{
    static const double m[6] = { 42.1, 45.3, 47.9, 40.2, 49.5, 44 }, sd[6] = { 9.8, 10.5, 11.2, 8.7, 12.1, 10 },
                        n[6] = { 53, 40, 120, 35, 28, 64 };
    char err[256], lab[16];
    pool_data_init(&f->d);
    f->d.measure = POOL_MN;
    for (int i = 0; i < 6; i++) {
        pool_arms_t a = { m[i], sd[i], n[i], NAN, NAN, NAN, NAN, NAN, NAN, NAN };
        double yi, vi;
        assert_int_equal(pool_es(POOL_MN, &a, &yi, &vi, err, sizeof err), 0);
        snprintf(lab, sizeof lab, "Arm %d", i + 1);
        assert_int_equal(pool_data_add(&f->d, lab, NULL, NULL, 0, n[i], yi, vi), 0);
    }
    fit(f, POOL_REML, POOL_TEST_Z);
}

/* ---- PNG pixels ---- */

typedef struct {
    cairo_surface_t *s;
    int w, h, stride;
    unsigned char *px;
} png_t;

static void png_load(png_t *p, const char *path)
{
    p->s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(p->s), CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(p->s);
    p->w = cairo_image_surface_get_width(p->s);
    p->h = cairo_image_surface_get_height(p->s);
    p->stride = cairo_image_surface_get_stride(p->s);
    p->px = cairo_image_surface_get_data(p->s);
    cairo_format_t f = cairo_image_surface_get_format(p->s);
    assert_true(f == CAIRO_FORMAT_RGB24 || f == CAIRO_FORMAT_ARGB32);
}

static void png_free(png_t *p) { cairo_surface_destroy(p->s); }

static uint32_t pixel(const png_t *p, int x, int y)
{
    assert_true(x >= 0 && x < p->w && y >= 0 && y < p->h);
    uint32_t v;
    memcpy(&v, p->px + (size_t)y * (size_t)p->stride + (size_t)x * 4, 4);
    return v & 0xFFFFFF;
}

static int dark(const png_t *p, int x, int y)
{
    uint32_t v = pixel(p, x, y);
    return ((v >> 16 & 255) + (v >> 8 & 255) + (v & 255)) < 3 * 128;
}

static int white(const png_t *p, int x, int y) { return pixel(p, x, y) == 0xFFFFFF; }

/* Every pixel within ring pixels of the edge is background. */
static void edges_blank(const png_t *p, int ring)
{
    for (int y = 0; y < p->h; y++)
        for (int x = 0; x < p->w; x++)
            if (x < ring || y < ring || x >= p->w - ring || y >= p->h - ring)
                if (!white(p, x, y)) fail_msg("pixel (%d,%d) at the edge is not background", x, y);
}

/* Length of the vertical run of dark pixels through (x, y). */
static int vrun(const png_t *p, int x, int y)
{
    if (!dark(p, x, y)) return 0;
    int a = y, b = y;
    while (a > 0 && dark(p, x, a - 1)) a--;
    while (b < p->h - 1 && dark(p, x, b + 1)) b++;
    return b - a + 1;
}

static double gx(const pool_plot_geom_t *g, double v)
{
    return g->graph_x0 + (v - g->axis_lo) / (g->axis_hi - g->axis_lo) * (g->graph_x1 - g->graph_x0);
}

/* Rows whose gap below (halfway to the next row) has dark pixels in column x (points). */
static int gaps_with_ink(const png_t *p, const pool_plot_geom_t *g, size_t k, double x, double sc)
{
    int n = 0, px = (int)lround(x * sc);
    for (size_t i = 0; i < k; i++) {
        double yc = g->row_y0 + (double)i * g->row_h + 0.5 * g->row_h;
        int ink = 0;
        for (int y = (int)(sc * (yc - 0.07 * g->row_h)); y <= (int)(sc * (yc + 0.07 * g->row_h)); y++)
            for (int dx = -1; dx <= 1; dx++) ink |= dark(p, px + dx, y);
        n += ink;
    }
    return n;
}

/* ---- tests ---- */

static int count_square_paths(xmlNode *n)
{
    int c = 0;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)"path") == 0) {
            xmlChar *st = xmlGetProp(n, (const xmlChar *)"style");
            const char *f = st ? strstr((const char *)st, "fill:rgb(") : NULL;
            double r, g, b;
            if (f && sscanf(f, "fill:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) == 3 &&
                fabs(r - 0) < 0.5 && fabs(g - 20) < 0.5 && fabs(b - 45) < 0.5)
                c++;
            xmlFree(st);
        }
        c += count_square_paths(n->children);
    }
    return c;
}

static void test_three_formats(void **state)
{
    (void)state;
    fx_t f;
    char err[512];
    bcg(&f);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    pool_plot_geom_t g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    const char *svg = tpath("bcg.svg"), *png = tpath("bcg.PNG"), *pdf = tpath("bcg.pdf");
    assert_int_equal(pool_plot(svg, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    assert_int_equal(pool_plot(pdf, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    assert_true(file_size(svg) > 1000);
    assert_true(file_size(png) > 1000);
    assert_true(file_size(pdf) > 1000);
    assert_int_equal(temp_files(), 0);

    /* PNG: signature, size = layout x png_scale */
    unsigned char sig[8];
    FILE *fp = fopen(png, "rb");
    assert_non_null(fp);
    assert_int_equal(fread(sig, 1, 8, fp), 8);
    fclose(fp);
    assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
    png_t p;
    png_load(&p, png);
    assert_int_equal(p.w, (int)ceil(g.width * 2));
    assert_int_equal(p.h, (int)ceil(g.height * 2));
    png_free(&p);

    /* PDF header */
    char hdr[5];
    fp = fopen(pdf, "rb");
    assert_non_null(fp);
    assert_int_equal(fread(hdr, 1, 5, fp), 5);
    fclose(fp);
    assert_memory_equal(hdr, "%PDF-", 5);

    /* SVG: well-formed, page size in points, one filled square per study */
    xmlDoc *doc = xmlReadFile(svg, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNode *root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    xmlChar *w = xmlGetProp(root, (const xmlChar *)"width");
    assert_non_null(w);
    assert_true(fabs(strtod((const char *)w, NULL) - g.width) < 1);
    xmlFree(w);
    assert_int_equal(count_square_paths(root), 13);
    xmlFreeDoc(doc);

    pool_data_destroy(&f.d);
}

static void test_png_pixels(void **state)
{
    (void)state;
    fx_t f;
    char err[512];
    bcg(&f);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    pool_plot_geom_t g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_int_equal(g.log_axis, 1);
    assert_false(isnan(g.null_x));
    assert_true(fabs(g.null_x - gx(&g, 0)) < 1e-9);
    /* nice limits on a log axis: 1, 2 or 5 times a power of ten, covering every estimate */
    for (int e = 0; e < 2; e++) {
        double r = exp(e ? g.axis_hi : g.axis_lo), m = r / pow(10, floor(log10(r) + 1e-9));
        assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
    }
    for (size_t i = 0; i < f.d.k; i++)
        assert_true(f.d.s[i].yi > g.axis_lo && f.d.s[i].yi < g.axis_hi);
    assert_true(f.re.lb > g.axis_lo && f.re.ub < g.axis_hi);

    const char *png = tpath("px.png");
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    edges_blank(&p, 6);
    /* the heaviest study's square is taller than the lightest one's */
    size_t hi = 0, lo = 0;
    for (size_t i = 1; i < f.d.k; i++) {
        if (f.d.s[i].vi < f.d.s[hi].vi) hi = i;
        if (f.d.s[i].vi > f.d.s[lo].vi) lo = i;
    }
    int rh = vrun(&p, (int)lround(2 * gx(&g, f.d.s[hi].yi)), (int)lround(2 * (g.row_y0 + (double)hi * g.row_h)));
    int rl = vrun(&p, (int)lround(2 * gx(&g, f.d.s[lo].yi)), (int)lround(2 * (g.row_y0 + (double)lo * g.row_h)));
    assert_true(rl > 0);
    assert_true(rh > rl);
    assert_true(rh >= (int)(g.row_h * 2 * 0.6));     /* a big square, not a dot */
    assert_true(rh < (int)(g.row_h * 2));            /* within its row */
    /* the dashed null line crosses the gaps between rows; elsewhere in the graph they are empty */
    int with = gaps_with_ink(&p, &g, f.d.k - 1, g.null_x, 2);
    assert_true(with >= (int)(f.d.k - 1) / 3);
    assert_int_equal(gaps_with_ink(&p, &g, f.d.k - 1, (g.graph_x0 + g.null_x) / 2, 2), 0);
    /* the pooled diamond is drawn at the pooled estimate */
    assert_true(dark(&p, (int)lround(2 * gx(&g, f.re.estimate)), (int)lround(2 * g.pooled_y)));
    png_free(&p);

    /* without the null line, the same gaps carry no ink */
    o.null_line = 0;
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_load(&p, png);
    assert_int_equal(gaps_with_ink(&p, &g, f.d.k - 1, g.null_x, 2), 0);
    png_free(&p);
    pool_data_destroy(&f.d);
}

static void test_arrow_off_axis(void **state)
{
    (void)state;
    fx_t f;
    char err[512];
    two_hr(&f);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    o.png_scale = 3;
    pool_plot_geom_t g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    double z = 1.959963984540054, se = sqrt(f.d.s[1].vi);
    /* the pilot's CI is clipped on the right: the precise study is not squashed */
    assert_true(f.d.s[1].yi + z * se > g.axis_hi);
    assert_true(g.axis_hi - g.axis_lo < 2 * z * se);
    const char *png = tpath("arrow.png");
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    assert_int_equal(p.w, (int)ceil(g.width * 3));
    edges_blank(&p, 6);
    int y = (int)lround(3 * (g.row_y0 + g.row_h));
    /* the arrow head: ink just inside the axis end, above and below the whisker's line */
    assert_true(dark(&p, (int)lround(3 * g.graph_x1) - 4, y));
    int head = 0;    /* 3.3 points inside the tip the head is about 3 points tall, the line 1 */
    for (int dy = -8; dy <= 8; dy++) head += dark(&p, (int)lround(3 * g.graph_x1) - 10, y + dy);
    assert_true(head >= 7);
    /* nothing between the axis end and the text column */
    for (int x = (int)lround(3 * g.graph_x1) + 2; x < (int)lround(3 * g.text_x0) - 1; x++)
        for (int dy = -6; dy <= 6; dy++)
            if (!white(&p, x, y + dy)) fail_msg("ink beyond the axis at (%d,%d)", x, y + dy);
    png_free(&p);
    pool_data_destroy(&f.d);
}

static void test_means_no_null_line(void **state)
{
    (void)state;
    fx_t f;
    char err[512];
    means(&f);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    pool_plot_geom_t g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_int_equal(g.log_axis, 0);
    assert_true(isnan(g.null_x));
    assert_true(g.axis_lo > 20 && g.axis_hi < 70);      /* not squeezed to include 0 */
    const char *png = tpath("mn.png");
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    edges_blank(&p, 6);
    /* no vertical line anywhere in the graph's gaps */
    for (double x = g.graph_x0; x <= g.graph_x1; x += 2)
        assert_int_equal(gaps_with_ink(&p, &g, f.d.k - 1, x, 2), 0);
    png_free(&p);
    /* a null line asked for on a linear axis goes to null_value */
    o.null_line = 1;
    o.null_value = 45;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_true(fabs(g.null_x - gx(&g, 45)) < 1e-9);
    pool_data_destroy(&f.d);
}

static void test_errors(void **state)
{
    (void)state;
    fx_t f;
    char err[512];
    bcg(&f);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);

    err[0] = 0;
    assert_int_equal(pool_plot(tpath("f.gif"), &f.d, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, ".svg"));
    assert_int_equal(file_size(tpath("f.gif")), -1);
    assert_int_equal(pool_plot_format("a.SVG"), 0);
    assert_int_equal(pool_plot_format("a.png"), 1);
    assert_int_equal(pool_plot_format("a.Pdf"), 2);
    assert_int_equal(pool_plot_format("svg"), -1);
    assert_int_equal(pool_plot_format("a.svg.gz"), -1);

    /* a directory that does not exist */
    err[0] = 0;
    assert_int_equal(pool_plot(tpath("nodir/f.png"), &f.d, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "nodir/f.png"));
    /* a target that is a directory: drawn, but cannot be renamed into place */
    const char *dir = tpath("isdir.svg");
    assert_int_equal(mkdir(dir, 0700), 0);
    err[0] = 0;
    assert_int_equal(pool_plot(dir, &f.d, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "isdir.svg"));
    assert_int_equal(temp_files(), 0);
    assert_int_equal(rmdir(dir), 0);

    /* no studies; a log axis with a null value that is not positive; a huge PNG scale */
    pool_data_t empty;
    pool_data_init(&empty);
    err[0] = 0;
    assert_int_equal(pool_plot(tpath("e.svg"), &empty, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_true(err[0] != 0);
    pool_data_destroy(&empty);
    o.null_line = 1;
    o.null_value = 0;
    err[0] = 0;
    assert_int_equal(pool_plot(tpath("n.svg"), &f.d, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "log"));
    pool_plot_opts_default(&o);
    o.png_scale = 1e6;
    err[0] = 0;
    assert_int_equal(pool_plot(tpath("big.png"), &f.d, &f.fe, &f.re, &o, err, sizeof err), -1);
    assert_true(err[0] != 0);
    assert_int_equal(temp_files(), 0);
    assert_int_equal(file_size(tpath("big.png")), -1);
    pool_data_destroy(&f.d);
}

/* k = 1: no model can be fitted, so the fit is the study itself (common effect, Q df 0). */
static void test_one_study(void **state)
{
    (void)state;
    char err[512];
    pool_data_t d;
    pool_data_init(&d);
    d.measure = POOL_OR;
    assert_int_equal(pool_data_add(&d, "Only", NULL, NULL, 0, 100, log(0.6), 0.09), 0);
    pool_fit_t f;
    memset(&f, 0, sizeof f);
    f.k = 1; f.p = 1; f.method = POOL_FE; f.level = 95;
    f.estimate = log(0.6); f.sei = 0.3; f.lb = f.estimate - 1.96 * 0.3; f.ub = f.estimate + 1.96 * 0.3;
    f.zval = f.estimate / 0.3; f.pv = 0.089; f.tau2 = 0; f.sumw = 1 / 0.09;
    f.Q = 0; f.Q_df = 0; f.Q_p = NAN; f.I2 = NAN; f.pi_lb = f.pi_ub = NAN; f.ddf = NAN;
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    pool_plot_geom_t g1, g2;
    assert_int_equal(pool_plot_geom(&d, &f, &f, &o, &g1, err, sizeof err), 0);
    assert_true(f.lb > g1.axis_lo && f.ub < g1.axis_hi);
    const char *png = tpath("one.png");
    assert_int_equal(pool_plot(png, &d, &f, &f, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    edges_blank(&p, 6);
    assert_true(vrun(&p, (int)lround(2 * gx(&g1, f.estimate)), (int)lround(2 * g1.row_y0)) >= (int)g1.row_h);
    png_free(&p);

    /* with a second study there is a heterogeneity line: the part below the axis grows */
    assert_int_equal(pool_data_add(&d, "Second", NULL, NULL, 0, 80, log(0.9), 0.05), 0);
    pool_opts_t po;
    pool_opts_default(&po);
    po.method = POOL_FE;
    pool_fit_t f2;
    assert_int_equal(pool_fit_data(&d, &po, &f2, err, sizeof err), 0);
    assert_int_equal(pool_plot_geom(&d, &f2, &f2, &o, &g2, err, sizeof err), 0);
    assert_true(g2.height - g2.axis_y > g1.height - g1.axis_y + 5);
    pool_data_destroy(&d);
}

static void test_sixty_rows(void **state)
{
    (void)state;
    char err[512], lab[32];
    fx_t f;
    pool_data_init(&f.d);
    f.d.measure = POOL_MD;
    for (int i = 0; i < 60; i++) {
        snprintf(lab, sizeof lab, "Study %02d", i + 1);
        double yi = sin(i * 1.7) * 2 + 0.5, vi = 0.05 + 0.02 * (i % 7);
        assert_int_equal(pool_data_add(&f.d, lab, NULL, NULL, 0, i % 5 ? 40 + i : NAN, yi, vi), 0);
    }
    fit(&f, POOL_DL, POOL_TEST_KNHA);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    o.show_common = 1;
    o.width_px = 800;
    o.png_scale = 1;
    pool_plot_geom_t g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_true(g.width == 800);
    assert_true(g.height > 60 * g.row_h);
    assert_true(g.pooled_y > g.row_y0 + 59.5 * g.row_h);
    assert_true(g.axis_y > g.pooled_y);
    const char *png = tpath("k60.png"), *svg = tpath("k60.svg");
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    assert_int_equal(pool_plot(svg, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    assert_int_equal(p.w, 800);
    assert_int_equal(p.h, (int)ceil(g.height));
    edges_blank(&p, 4);
    /* every row has its square (ink at the estimate, on the row's centre) */
    for (size_t i = 0; i < 60; i++)
        if (!dark(&p, (int)lround(gx(&g, f.d.s[i].yi)), (int)lround(g.row_y0 + (double)i * g.row_h)))
            fail_msg("no square on row %zu", i + 1);
    png_free(&p);
    xmlDoc *doc = xmlReadFile(svg, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    assert_non_null(doc);
    assert_int_equal(count_square_paths(xmlDocGetRootElement(doc)), 60);
    xmlFreeDoc(doc);
    pool_data_destroy(&f.d);
}

static void test_labels_and_texts(void **state)
{
    (void)state;
    char err[512], longlab[1200];
    fx_t f;
    pool_data_init(&f.d);
    f.d.measure = POOL_SMD;
    memset(longlab, 'W', sizeof longlab - 1);
    longlab[sizeof longlab - 1] = 0;
    memcpy(longlab + 500, "\xC3\xA9\xE2\x80\x94", 5);        /* é and an em dash */
    assert_int_equal(pool_data_add(&f.d, longlab, NULL, NULL, 0, 50, 0.3, 0.04), 0);
    assert_int_equal(pool_data_add(&f.d, "Caf\xE9 (Latin-1) \xFF\xC3", NULL, NULL, 0, 60, 0.1, 0.05), 0);
    assert_int_equal(pool_data_add(&f.d, "M\xC3\xBCller \xCF\x84", NULL, NULL, 0, NAN, -0.2, 0.08), 0);
    fit(&f, POOL_REML, POOL_TEST_Z);
    pool_plot_opts_t o;
    pool_plot_opts_default(&o);
    pool_plot_geom_t g0, g;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g0, err, sizeof err), 0);
    assert_true(g0.graph_x0 < 420);              /* the long label was cut */
    o.effect_label = "Hedges' g, a long head for the estimate column";
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_true(g.width > g0.width + 100);        /* the head widens its column... */
    assert_true(g.graph_x1 == g0.graph_x1);       /* ...right of the graph */
    o.title = "Baseline age \xE2\x80\x94 all arms";
    o.left_label = "Favours UC-MSC";
    o.right_label = "Favours control, a rather long label on the right side";
    o.xlab = "Hedges' g";
    o.show_common = 1;
    assert_int_equal(pool_plot_geom(&f.d, &f.fe, &f.re, &o, &g, err, sizeof err), 0);
    assert_true(g.row_y0 > g0.row_y0 + 10);       /* the title pushes the rows down */
    assert_true(g.height > g0.height + 20);
    const char *png = tpath("texts.png");
    assert_int_equal(pool_plot(png, &f.d, &f.fe, &f.re, &o, err, sizeof err), 0);
    png_t p;
    png_load(&p, png);
    edges_blank(&p, 6);
    /* the gap left of the graph column is empty on the long label's row */
    int y = (int)lround(2 * g.row_y0);
    for (int x = (int)lround(2 * (g.graph_x0 - 18)); x < (int)lround(2 * (g.graph_x0 - 12)); x++)
        for (int dy = -8; dy <= 8; dy++)
            if (!white(&p, x, y + dy)) fail_msg("label runs into the graph at (%d,%d)", x, y + dy);
    png_free(&p);
    pool_data_destroy(&f.d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_formats),
        cmocka_unit_test(test_png_pixels),
        cmocka_unit_test(test_arrow_off_axis),
        cmocka_unit_test(test_means_no_null_line),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_one_study),
        cmocka_unit_test(test_sixty_rows),
        cmocka_unit_test(test_labels_and_texts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
