/* test_ex.c - the pipeline on small documents: what "±" and "a (b–c)" mean from the
 * statistics statement, the words around a figure and table hints; prose attribution; order,
 * flags, duplicates; checks. */
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
#include "ex_fixture.h"

static void test_pm_meaning(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "Data were expressed as mean \xC2\xB1 standard error of the mean (SEM).",
                        "ALT was 42.4 \xC2\xB1 4.9 in the UC-MSC group." };
    run("a.txt", a, 2, &l);
    const rec_t *r = find(&l, "mean_se", 42.4);
    assert_non_null(r);
    assert_false(rec_has_flag(r, "read:ambiguous_dispersion"));
    rec_list_destroy(&l);

    const char *b[] = { "Nothing is said about dispersion here at all in this article text.",
                        "ALT was 42.4 \xC2\xB1 4.9 in the UC-MSC group." };
    run("b.txt", b, 2, &l);
    r = find(&l, "mean_sd", 42.4);
    assert_non_null(r);
    assert_true(rec_has_flag(r, "read:ambiguous_dispersion"));
    assert_true(r->confidence < 0.9);
    rec_list_destroy(&l);

    /* the words right before a figure win over nothing */
    const char *c[] = { "Another article with other words in it for the fingerprint.",
                        "The mean \xC2\xB1 SD age was 61.5 \xC2\xB1 7.4 years." };
    run("c.txt", c, 2, &l);
    r = find(&l, "mean_sd", 61.5);
    assert_non_null(r);
    assert_false(rec_has_flag(r, "read:ambiguous_dispersion"));
    rec_list_destroy(&l);
}

static void test_paren_meaning(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "Continuous variables were expressed as median (range) throughout the paper.",
                        "Age was 40 (24\xE2\x80\x93" "59) years in group A." };
    run("d.txt", a, 2, &l);
    assert_non_null(find(&l, "median_range", 40));
    rec_list_destroy(&l);

    const char *b[] = { "Values are median (interquartile range) unless stated otherwise in tables.",
                        "Age was 40 (35\xE2\x80\x93" "46.5) years; in the other arm 42 (range 33\xE2\x80\x93" "50)." };
    run("e.txt", b, 2, &l);
    const rec_t *r = find(&l, "median_iqr", 40);
    assert_non_null(r);
    assert_int_equal(r->nvalues, 3);
    assert_true(r->values[2] == 46.5);
    assert_non_null(find(&l, "median_range", 42));       /* the parenthesis says range */
    rec_list_destroy(&l);

    const char *c[] = { "Some entirely different article content without statements.",
                        "ALT change 5 (\xE2\x88\x92 6 to 42)" };
    run("f.txt", c, 2, &l);
    r = find(&l, "median_iqr", 5);
    assert_non_null(r);
    assert_true(r->values[1] == -6);
    assert_true(rec_has_flag(r, "read:ambiguous_dispersion"));
    rec_list_destroy(&l);
}

static void test_prose_attribution(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = {
        "Patients were randomly assigned to the control group ($n = 111$) and the UC-MSC treatment group ($n = 108$).",
        "At the 75-month follow-up, the overall survival rate did not differ significantly between the UC-MSC "
        "treatment group and control group (Fig. 3a) (HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58, $p = 0.051$).",
        "During the first 12 weeks of follow-up, 5 patients (20.8%) in UC-MSC treatment group and 11 patients "
        "(47.4%) in control group died.",
    };
    run("g.txt", a, 3, &l);
    const rec_t *r = find(&l, "estimate_ci", 1.89);
    assert_non_null(r);
    assert_string_equal(r->measure, "HR");
    assert_true(r->level == 95);
    assert_string_equal(r->variable, "Overall survival");
    assert_string_equal(r->group, "UC-MSC vs Control");
    assert_string_equal(r->timepoint, "75 months");
    r = find(&l, "p_value", 0.051);
    assert_non_null(r);
    assert_string_equal(r->op, "=");
    assert_string_equal(r->variable, "Overall survival");
    r = find(&l, "count_pct", 5);
    assert_non_null(r);
    assert_string_equal(r->group, "UC-MSC");
    assert_string_equal(r->variable, "Deaths");
    assert_int_equal(r->n, 108);
    r = find(&l, "count_pct", 11);
    assert_string_equal(r->group, "Control");
    assert_int_equal(r->n, 111);
    rec_list_destroy(&l);
    const char *b[] = { "Dual energy X-ray absorptiometry showed a decrease in fat body mass (-0.94 kg, 95%CI -0.48 to -1.41, "
                        "p = 0.003) and an increase in lean body mass (1.05 kg, 95%CI 0.27 to 1.82, p = 0.01), lean "
                        "appendicular mass (0.38 kg, 95%CI 0.06 to 0.69, p = 0.03) in the exercise group.",
                        "The baseline levels of total bilirubin (TBIL) ($p < 0.001$) and MELD score ($p = 0.040$) were higher." };
    run("g2.txt", b, 2, &l);
    r = find(&l, "estimate_ci", -0.94);
    assert_non_null(r);
    assert_string_equal(r->variable, "fat body mass");
    assert_true(rec_has_flag(r, "read:ci_reversed"));
    assert_string_equal(find(&l, "p_value", 0.003)->variable, "fat body mass");
    assert_string_equal(find(&l, "estimate_ci", 1.05)->variable, "lean body mass");
    assert_string_equal(find(&l, "estimate_ci", 0.38)->variable, "lean appendicular mass");
    assert_string_equal(find(&l, "p_value", 0.001)->variable, "TBIL");
    assert_string_equal(find(&l, "p_value", 0.04)->variable, "MELD score");
    rec_list_destroy(&l);
    const char *c[] = { "The Timed Up&Go test decreased at the end of the study compared to baseline (p = 0.02). "
                        "No changes were observed in the relaxation group: fat body mass 0.21 kg, 95%CI -1.05 to 1.47 (p = 0.67)." };
    run("g3.txt", c, 1, &l);
    assert_string_equal(find(&l, "p_value", 0.02)->variable, "Timed Up&Go test");
    assert_string_equal(find(&l, "estimate_ci", 0.21)->variable, "fat body mass");
    assert_string_equal(find(&l, "estimate_ci", 0.21)->group, "relaxation group");
    assert_string_equal(find(&l, "p_value", 0.67)->variable, "fat body mass");
    /* records in file order */
    for (size_t i = 1; i < l.n; i++) assert_true(l.v[i-1].offset <= l.v[i].offset);
    rec_list_destroy(&l);
}

static void test_placebo_arms(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "This trial was designed to compare the SGLT2 inhibitor empagliflozin with placebo in heart failure.",
                        "Participants received empagliflozin or placebo for six weeks in random order.",
                        "Compared with placebo, empagliflozin caused an increase in 24-hour urinary volume at day 3 "
                        "(mean difference, 535 mL [95% CI, 133\xE2\x80\x93" "936]; P=0.005)." };
    run("pl.txt", a, 3, &l);
    const rec_t *r = find(&l, "estimate_ci", 535);
    assert_non_null(r);
    assert_string_equal(r->group, "Empagliflozin vs Placebo");
    assert_string_equal(r->variable, "24-hour urinary volume");
    r = find(&l, "p_value", 0.005);
    assert_non_null(r);
    assert_string_equal(r->group, "Empagliflozin vs Placebo");
    rec_list_destroy(&l);
}

static void test_table_cells(void **state)
{
    (void)state;
    rec_list_t l;
    doc_t *d = doc_new("t.txt");
    doc_block_t *b = doc_add_block(d, DOC_PARA);
    doc_text_append(&b->text, "Some words of a methods section that say nothing.", 50, 0, 1);
    b = doc_add_block(d, DOC_TABLE);
    doc_table_t *t = doc_block_table(b);
    assert_non_null(t);
    t->nhead = 1;
    t->label = strdup("Table 3");
    cell(t, 0, 0, "Variables", 1); cell(t, 0, 1, "r (p-value)", 1); cell(t, 0, 2, "Range", 1);
    cell(t, 1, 0, "Age", 0); cell(t, 1, 1, "-0.07 (0.1569)", 0); cell(t, 1, 2, "19\xE2\x80\x93" "65", 0);
    cell(t, 2, 0, "Sex", 0); cell(t, 2, 1, "-0.15 (<0.0001)", 0); cell(t, 2, 2, "21\xE2\x80\x93" "64", 0);
    assert_int_equal(doc_table_build_grid(t), 0);
    rec_list_init(&l);
    assert_int_equal(ex_doc(EX, d, &l), 0);
    const rec_t *r = find(&l, "p_value", 0.1569);
    assert_non_null(r);
    assert_string_equal(r->text, "0.1569");
    assert_int_equal(r->offset, 1000 + 100 + 10 + 7);
    r = find(&l, "p_value", 0.0001);
    assert_non_null(r);
    assert_string_equal(r->op, "<");
    assert_null(find(&l, "p_value", -0.07));
    r = find(&l, "range", 19);
    assert_non_null(r);
    assert_true(r->values[1] == 65);
    /* every record of a cell is in offset order */
    for (size_t i = 1; i < l.n; i++) assert_true(l.v[i-1].line <= l.v[i].line);
    rec_list_destroy(&l);
    doc_free(d);
}

static void test_value_mismatch(void **state)
{
    (void)state;
    rec_list_t l;
    doc_t *d = doc_new("m.txt");
    for (int k = 0; k < 2; k++) {
        doc_block_t *b = doc_add_block(d, DOC_TABLE);
        doc_table_t *t = doc_block_table(b);
        t->nhead = 1;
        t->label = strdup(k ? "Table 2" : "Table 1");
        cell(t, 0, 0, "Factors", 1); cell(t, 0, 1, "Group C", 1);
        cell(t, 1, 0, "Sex (M/F)", 0); cell(t, 1, 1, k ? "23/5" : "26/5", 0);
        cell(t, 2, 0, "ALT (U/L)", 0); cell(t, 2, 1, "48 (23.25\xE2\x80\x93" "75.75)", 0);
        assert_int_equal(doc_table_build_grid(t), 0);
    }
    rec_list_init(&l);
    assert_int_equal(ex_doc(EX, d, &l), 0);
    int flagged = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (!strcmp(l.v[i].kind, "counts")) {
            assert_true(rec_has_flag(&l.v[i], "check:value_mismatch"));
            flagged++;
        }
        if (!strcmp(l.v[i].kind, "median_iqr")) assert_false(rec_has_flag(&l.v[i], "check:value_mismatch"));
    }
    assert_int_equal(flagged, 2);
    rec_list_destroy(&l);
    doc_free(d);
}

static void test_not_results(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "For all tests, two-sided p \xEF\xBF\xBD .05 was considered to be significant.",
                        "* $p < 0.05$, ** $p < 0.01$ compared with the baseline values",
                        "the MELD scores were similar (24.05 vs. 26.32, p \xEF\xBF\xBD .099); however" };
    run("h.txt", a, 3, &l);
    int np = 0;
    for (size_t i = 0; i < l.n; i++) np += !strcmp(l.v[i].kind, "p_value");
    assert_int_equal(np, 1);                  /* the threshold and the legend keys are not results */
    const rec_t *r = find(&l, "p_value", 0.099);
    assert_non_null(r);
    assert_true(rec_has_flag(r, "read:ufffd"));
    assert_true(r->confidence <= 0.5);
    assert_int_equal(r->line, 3);
    rec_list_destroy(&l);
    /* a threshold in the next sentence does not make this one's p a threshold */
    const char *b[] = { "The exercise group increased effort time (p = 0.009). A p value < 0.05 was set as the threshold for significance." };
    run("h2.txt", b, 1, &l);
    assert_int_equal(l.n, 1);
    assert_true(l.v[0].values[0] == 0.009);
    rec_list_destroy(&l);
}

static void test_secondary(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "All dosage groups achieved 100% 6-month survival; 2-year survival rates were 66.7% (low-dose).",
                        "We had more than 80% power and used 10% fetal bovine serum.",
                        "The MELD scores were similar between the UC-MSC group and the control group (24.05 vs. 26.32, p = .099)." };
    run("s.txt", a, 3, &l);
    assert_non_null(find(&l, "pct", 100));
    assert_non_null(find(&l, "pct", 66.7));
    assert_null(find(&l, "pct", 80));
    assert_null(find(&l, "pct", 10));
    const rec_t *r = find(&l, "mean", 24.05);
    assert_non_null(r);
    assert_string_equal(r->text, "24.05");
    assert_string_equal(r->group, "UC-MSC");
    r = find(&l, "mean", 26.32);
    assert_non_null(r);
    assert_string_equal(r->text, "26.32");
    assert_string_equal(r->group, "Control");
    assert_non_null(find(&l, "p_value", 0.099));
    rec_list_destroy(&l);
}

static void test_methods_ranges(void **state)
{
    (void)state;
    rec_list_t l;
    doc_t *d = doc_new("r.txt");
    const char *h1 = "Methods", *p1 = "Patients with an age range 18\xE2\x80\x93" "65 years were eligible.",
               *h2 = "Results", *p2 = "Ages were in the range 21\xE2\x80\x93" "64 years.";
    doc_block_t *b = doc_add_block(d, DOC_HEADING);
    doc_text_append(&b->text, h1, strlen(h1), 0, 1);
    b = doc_add_block(d, DOC_PARA);
    doc_text_append(&b->text, p1, strlen(p1), 10, 2);
    b = doc_add_block(d, DOC_HEADING);
    doc_text_append(&b->text, h2, strlen(h2), 100, 3);
    b = doc_add_block(d, DOC_PARA);
    doc_text_append(&b->text, p2, strlen(p2), 110, 4);
    rec_list_init(&l);
    assert_int_equal(ex_doc(EX, d, &l), 0);
    assert_null(find(&l, "range", 18));
    assert_non_null(find(&l, "range", 21));
    rec_list_destroy(&l);
    doc_free(d);
}

/* A paragraph of 200 KB without a full stop: every scan around a figure is bounded, so this
 * takes a fraction of a second (it took 40 s when sentences could reach the whole line). */
static void test_long_paragraph(void **state)
{
    (void)state;
    const char *unit = "in the treatment group the HR = 1.5, 95% CI 1.1\xE2\x80\x93" "2.0, p = 0.01; ";
    size_t m = strlen(unit), reps = 3000;
    char *big = malloc(m * reps + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++) memcpy(big + i * m, unit, m);
    big[m * reps] = '\0';
    const char *a[] = { big };
    rec_list_t l;
    run("long.txt", a, 1, &l);
    assert_int_equal(l.n, 2 * reps);
    assert_int_equal(l.v[l.n - 1].offset, (long)((reps - 1) * m + strlen("in the treatment group the HR = 1.5, 95% CI 1.1\xE2\x80\x93" "2.0, ")));
    rec_list_destroy(&l);
    free(big);
}

static void test_checks(void **state)
{
    (void)state;
    rec_list_t l;
    const char *a[] = { "HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58, p = 0.0001 and 20.7% (33/111) and OR 5.0 (1.1\xE2\x80\x93" "3.0)." };
    run("i.txt", a, 1, &l);
    assert_true(rec_has_flag(find(&l, "p_value", 0.0001), "check:p_vs_ci"));
    assert_true(rec_has_flag(find(&l, "count_total_pct", 33), "check:pct_vs_count"));
    assert_true(rec_has_flag(find(&l, "estimate_ci", 5.0), "check:estimate_outside_ci"));
    assert_false(rec_has_flag(find(&l, "estimate_ci", 1.89), "check:estimate_outside_ci"));
    assert_false(rec_has_flag(find(&l, "estimate_ci", 1.89), "check:ci_asymmetric"));
    rec_list_destroy(&l);
}

static void test_split_ci(void **state)
{
    (void)state;
    rec_list_t l;
    doc_t *d = doc_new("j.txt");
    doc_block_t *b = doc_add_block(d, DOC_PARA);
    const char *p1 = "no significant difference of HCC-free survival rate (HR = 1.77, 95%";
    doc_text_append(&b->text, p1, strlen(p1), 0, 1);
    b = doc_add_block(d, DOC_CAPTION);
    doc_text_append(&b->text, "Fig. 3 Survival", 15, 100, 3);
    b = doc_add_block(d, DOC_PARA);
    const char *p2 = "CI 0.91\xE2\x80\x93" "3.43, $p = 0.104$) (Fig. 5a).";
    doc_text_append(&b->text, p2, strlen(p2), 200, 5);
    rec_list_init(&l);
    assert_int_equal(ex_doc(EX, d, &l), 0);
    const rec_t *r = find(&l, "estimate_ci", 1.77);
    assert_non_null(r);
    assert_true(r->values[1] == 0.91 && r->values[2] == 3.43);
    assert_int_equal(r->line, 1);
    assert_true(rec_has_flag(r, "read:ci_split"));
    rec_list_destroy(&l);
    doc_free(d);
}

/* Spanish and Portuguese texts: decimal commas, "." as thousands separator, "IC 95%"; an
 * English text keeps "1,234" as a thousands group and "0,03" unread. The record's text is the
 * source's. */
static void test_decimal_commas(void **state)
{
    (void)state;
    rec_list_t l;
    const char *es[] = { "Se incluyeron 1.234 pacientes en el estudio, de los cuales 37.801 (45,2%) eran "
                         "mujeres y la edad fue de 61,5 \xC2\xB1 7,4 a\xC3\xB1os en el grupo control, con "
                         "OR 1,73 (IC 95%: 1,30-2,29) y p = 0,03." };
    run("es.txt", es, 1, &l);
    const rec_t *r = find(&l, "count_pct", 37801);
    assert_non_null(r);
    assert_true(r->values[1] == 45.2);
    assert_string_equal(r->text, "37.801 (45,2%)");
    assert_non_null(r = find(&l, "mean_sd", 61.5));
    assert_true(r->values[1] == 7.4);
    assert_string_equal(r->text, "61,5 \xC2\xB1 7,4");
    assert_non_null(r = find(&l, "estimate_ci", 1.73));
    assert_true(r->values[1] == 1.3 && r->values[2] == 2.29);
    assert_int_equal((int)r->level, 95);
    assert_non_null(find(&l, "p_value", 0.03));
    rec_list_destroy(&l);

    const char *en[] = { "A total of 1,234 patients were enrolled; the mean age was 61.5 \xC2\xB1 7.4 years "
                         "in the control group and the odds ratio was 1.73 (95% CI 1.30-2.29)." };
    run("en.txt", en, 1, &l);
    assert_non_null(r = find(&l, "mean_sd", 61.5));
    assert_non_null(find(&l, "estimate_ci", 1.73));
    assert_null(find(&l, "mean_sd", 61));
    rec_list_destroy(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_commas),
        cmocka_unit_test(test_pm_meaning),
        cmocka_unit_test(test_paren_meaning),
        cmocka_unit_test(test_prose_attribution),
        cmocka_unit_test(test_placebo_arms),
        cmocka_unit_test(test_table_cells),
        cmocka_unit_test(test_value_mismatch),
        cmocka_unit_test(test_not_results),
        cmocka_unit_test(test_secondary),
        cmocka_unit_test(test_methods_ranges),
        cmocka_unit_test(test_long_paragraph),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_split_ci),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
