/* test_prose.c - prose attribution rules (extract/ex.c), each on real sentences from the
 * articles of corpus-extra: clauses inside parentheses, arm names, abbreviations, arms that are
 * kinds of one thing, the phrase before a figure's "(". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "extract.h"
#include "rec.h"

static ex_t *EX;

static int setup(void **state) { (void)state; ex_opts_t o = { 1 }; EX = ex_new(&o); return EX ? 0 : -1; }
static int teardown(void **state) { (void)state; ex_free(EX); return 0; }

/* A doc of paragraphs, one per string, each on its own line. */
static void run(const char *path, const char *const *p, size_t n, rec_list_t *l)
{
    doc_t *d = doc_new(path);
    long off = 0;
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        doc_block_t *b = doc_add_block(d, DOC_PARA);
        assert_non_null(b);
        assert_int_equal(doc_text_append(&b->text, p[i], strlen(p[i]), off, (long)i + 1), 0);
        off += (long)strlen(p[i]) + 1;
    }
    rec_list_init(l);
    assert_int_equal(ex_doc(EX, d, l), 0);
    doc_free(d);
}

/* the k-th record (from 0) of this kind and first value */
static const rec_t *nth(const rec_list_t *l, const char *kind, double v0, int k)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].kind, kind) && fabs(l->v[i].values[0] - v0) < 1e-9 && k-- == 0) return &l->v[i];
    return NULL;
}

static const rec_t *find(const rec_list_t *l, const char *kind, double v0) { return nth(l, kind, v0, 0); }

static void assert_field(const char *got, const char *want)
{
    if (!got || strcmp(got, want)) fail_msg("got \"%s\", want \"%s\"", got ? got : "(null)", want);
}

/* A ";" inside the figure's parentheses does not start a new clause: the variable and the arms
 * named before the "(" hold for every figure in it. */
static void test_semicolon_in_parens(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = {
        "Participants were randomized to empagliflozin or placebo for 6 weeks in a crossover design.",
        "The sequence of empagliflozin or placebo was concealed from the investigators at all times.",
        "When compared with placebo, empagliflozin caused a significant increase in 24-hour urinary "
        "volume at both day 3 (mean difference, 535 mL [95% CI, 133\xE2\x80\x93" "936]; P=0.005) and week 6 "
        "(mean difference, 545 mL [95% CI, 136\xE2\x80\x93" "954]; P=0.005) when adjusted for treatment order." };
    run("semi.txt", p, 3, &l);
    const rec_t *e2 = find(&l, "estimate_ci", 545), *p2 = nth(&l, "p_value", 0.005, 1);
    assert_non_null(e2);
    assert_non_null(p2);
    assert_field(e2->variable, "24-hour urinary volume");
    assert_field(e2->group, "Empagliflozin vs Placebo");
    assert_field(p2->variable, "24-hour urinary volume");
    assert_field(p2->group, "Empagliflozin vs Placebo");
    rec_list_destroy(&l);

    /* "time points" is no variable; "change in urinary urea" is */
    const char *q[] = {
        "Empagliflozin did not cause a significant change in urinary urea as measured in the 24-hour urine "
        "collection at both time points (day 3: mean difference, \xE2\x88\x92" "21.83 mmol/L [CI, \xE2\x88\x92"
        "58.99 to 39.19]; P>0.99; week 6: mean difference, \xE2\x88\x92" "3.05 [CI, \xE2\x88\x92" "40.84 to 34.74]; P>0.99)." };
    run("urea.txt", q, 1, &l);
    const rec_t *u = find(&l, "estimate_ci", -3.05);
    assert_non_null(u);
    assert_field(u->variable, "urinary urea");
    rec_list_destroy(&l);
}

/* An arm keeps the word "group" as the article writes it. */
static void test_group_word_kept(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = { "The mean number of sessions missed was higher in the relaxation group than in the "
                        "exercise group (p = 0.004)." };
    run("grp.txt", p, 1, &l);
    const rec_t *r = find(&l, "p_value", 0.004);
    assert_non_null(r);
    assert_non_null(r->group);
    assert_non_null(strstr(r->group, "relaxation group"));
    assert_non_null(strstr(r->group, "exercise group"));
    rec_list_destroy(&l);
}

/* Abbreviations: whole mixed-case tokens; the long form the article defines, when the
 * abbreviation is the noun of its phrase, not when it sits inside a longer one. */
static void test_abbreviations(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = {
        "Risk of falls was assessed with the Timed Up&Go (TUG) test at baseline and after 12 weeks.",
        "In the exercise group, TUG decreased at the end of the study with respect to baseline "
        "(difference -0.50 sec, 95%CI -0.12 to -0.87, p = 0.02).",
        "Secondary outcomes included fractional excretion of sodium (FENa) in the 24-hour urine collections.",
        "Empagliflozin caused an increase in FENa during the 24-hour urine collections at day 3 (p = 0.09)." };
    run("abbr.txt", p, 4, &l);
    const rec_t *r = find(&l, "p_value", 0.02);
    assert_non_null(r);
    assert_field(r->variable, "Timed Up&Go test (TUG)");
    r = find(&l, "p_value", 0.09);
    assert_non_null(r);
    assert_field(r->variable, "Fractional excretion of sodium (FENa)");
    rec_list_destroy(&l);

    const char *q[] = {
        "We measured oral health-related quality of life (OHRQoL) in schoolchildren of public schools.",
        "The HRQoL is inversely related to the impact of OHRQoL (p<0.05) in this sample of children.",
        "At baseline the mean HbA1c was 7.9\xC2\xB1" "3.8% in the participants who were recruited." };
    run("ohr.txt", q, 3, &l);
    r = find(&l, "p_value", 0.05);
    assert_non_null(r);
    assert_field(r->variable, "OHRQoL");
    r = find(&l, "mean_sd", 7.9);
    assert_non_null(r);
    assert_field(r->variable, "HbA1c");
    rec_list_destroy(&l);

    /* "mean NP, figure" inside a list of characteristics */
    const char *m[] = { "RESULTS: Twenty-three participants (mean age, 69.8 years; 73.9% male; mean furosemide "
                        "dose, 49.6\xC2\xB1" "31.3 mg/d) were recruited and completed the study." };
    run("mean.txt", m, 1, &l);
    r = find(&l, "mean_sd", 49.6);
    assert_non_null(r);
    assert_field(r->variable, "furosemide dose");
    rec_list_destroy(&l);
}

/* Arms that are kinds of one thing: an enumeration by adjective, and a comparison of kinds. */
static void test_kind_arms(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = {
        "Sixty-four bPFS events were reported: 46/145 (32%) in patients with negative, 6/18 (33%) "
        "suspicious, and 12/14 (86%) positive biopsies. A positive biopsy was prognostic of worse bPFS, "
        "going forward, compared with negative and suspicious biopsies, hazard ratio (HR) = 4.81 "
        "(95% confidence interval [CI]: 2.50\xE2\x80\x93" "9.26; p < 0.001)." };
    run("kind.txt", p, 1, &l);
    const rec_t *r = find(&l, "count_total_pct", 46);
    assert_non_null(r);
    assert_field(r->group, "Negative biopsy");
    r = find(&l, "count_total_pct", 6);
    assert_non_null(r);
    assert_field(r->group, "Suspicious biopsy");
    r = find(&l, "count_total_pct", 12);
    assert_non_null(r);
    assert_field(r->group, "Positive biopsy");
    r = find(&l, "estimate_ci", 4.81);
    assert_non_null(r);
    assert_field(r->group, "Positive vs Negative or suspicious biopsy");
    rec_list_destroy(&l);
}

/* The phrase right before the figure's "(" names it, not an outcome later in the sentence. */
static void test_phrase_before_paren(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = {
        "Multivariate analyses in the 621 patients showed that 2-yr PSA was associated with subsequent PSA "
        "failures (HR = 2.71, 95% CI: 1.98\xE2\x80\x93" "3.71), bPFS events (HR = 2.45, 95% CI: 1.81\xE2\x80\x93"
        "3.32), and prostate cancer-specific survival (HR = 2.87, 95% CI: 1.08\xE2\x80\x93" "7.64) compared with "
        "PSA of at most 1.0 ng/ml." };
    run("paren.txt", p, 1, &l);
    const rec_t *a = find(&l, "estimate_ci", 2.71), *b = find(&l, "estimate_ci", 2.45);
    assert_non_null(a);
    assert_non_null(b);
    assert_field(a->variable, "subsequent PSA failures");
    assert_field(b->variable, "bPFS events");
    rec_list_destroy(&l);
}

/* Arms the article abbreviates. */
static void test_abbreviated_arms(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = {
        "In the remaining 242 patients (local histopathology review 2-yr biopsy group [LBG]), biopsy "
        "outcomes were: negative 198/242 (82%), suspicious 19/242 (8%), and positive 25/242 (10%).",
        "The per-protocol group (PPG) was defined as the patients whose biopsies were reviewed centrally.",
        "The PPG consists of 177 patients whose biopsy outcomes were negative 145/177 (82%), suspicious "
        "18/177 (10%), and positive 14/177 (8%)." };
    run("lbg.txt", p, 3, &l);
    const rec_t *r = find(&l, "count_total_pct", 198);
    assert_non_null(r);
    assert_field(r->group, "2-yr biopsy group (LBG)");
    r = find(&l, "count_total_pct", 145);
    assert_non_null(r);
    assert_field(r->group, "Per-protocol group (PPG)");
    rec_list_destroy(&l);
}

/* A p for a change within one arm belongs to that arm. */
static void test_within_arm(void **state)
{
    (void)state;
    rec_list_t l;
    const char *p[] = { "Maximal heart rate increased, p = 0.02 vs baseline in the exercise group and "
                        "p = 0.03 vs baseline in the relaxation group." };
    run("within.txt", p, 1, &l);
    const rec_t *r = find(&l, "p_value", 0.02);
    assert_non_null(r);
    assert_field(r->group, "exercise group");
    r = find(&l, "p_value", 0.03);
    assert_non_null(r);
    assert_field(r->group, "relaxation group");
    rec_list_destroy(&l);
}

static void cell(doc_table_t *t, int r, int c, const char *s, int header)
{
    doc_cell_t *x = doc_table_add_cell(t, r, c, 1, 1);
    assert_non_null(x);
    x->header = header;
    assert_int_equal(doc_text_append(&x->text, s, strlen(s), 1000 + r * 100 + c * 10, 10 + r), 0);
}

/* Table cells: a count under "n" and its percentage under "%" of the same arm are one
 * count_pct; the "%" half is not read alone. */
static void test_split_count_pct(void **state)
{
    (void)state;
    rec_list_t l;
    doc_t *d = doc_new("pct.txt");
    doc_block_t *b = doc_add_block(d, DOC_PARA);
    const char *w = "Characteristics of the 1,240 schoolchildren who took part in the survey.";
    assert_int_equal(doc_text_append(&b->text, w, strlen(w), 0, 1), 0);
    b = doc_add_block(d, DOC_TABLE);
    doc_table_t *t = doc_block_table(b);
    assert_non_null(t);
    t->nhead = 1;
    t->label = strdup("Table 1");
    cell(t, 0, 0, "Variables", 1); cell(t, 0, 1, "n", 1); cell(t, 0, 2, "%", 1);
    cell(t, 1, 0, "Girls", 0); cell(t, 1, 1, "644", 0); cell(t, 1, 2, "51.9", 0);
    cell(t, 2, 0, "Boys", 0); cell(t, 2, 1, "596", 0); cell(t, 2, 2, "48.1", 0);
    assert_int_equal(doc_table_build_grid(t), 0);
    rec_list_init(&l);
    assert_int_equal(ex_doc(EX, d, &l), 0);
    const rec_t *r = find(&l, "count_pct", 644);
    assert_non_null(r);
    assert_int_equal(r->nvalues, 2);
    assert_true(fabs(r->values[1] - 51.9) < 1e-9);
    assert_field(r->variable, "Girls");
    r = find(&l, "count_pct", 596);
    assert_non_null(r);
    assert_true(fabs(r->values[1] - 48.1) < 1e-9);
    for (size_t i = 0; i < l.n; i++) assert_false(fabs(l.v[i].values[0] - 51.9) < 1e-9);
    rec_list_destroy(&l);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semicolon_in_parens),
        cmocka_unit_test(test_group_word_kept),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_kind_arms),
        cmocka_unit_test(test_phrase_before_paren),
        cmocka_unit_test(test_abbreviated_arms),
        cmocka_unit_test(test_within_arm),
        cmocka_unit_test(test_split_count_pct),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
