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
#include "ex_fixture.h"

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

/* Ordinary result sentences of the kinds trial reports use, each alone in its own document:
 * the figure (k-th of its kind and first value), the variable and the arm it must get (NULL:
 * none). The variable comes from the figure's own sentence; the arm named right after a figure
 * is its arm; a p-value in a sentence naming two arms compares them. */
typedef struct {
    const char *text, *kind;
    double v0;
    int k;
    const char *variable, *group;
} prose_case_t;

#define PM "\xC2\xB1"
#define ND "\xE2\x80\x93"

static const prose_case_t CASES[] = {
    /* /tmp/syn/s2.txt: an estimate's variable does not carry into the next sentence */
    { "The hazard ratio was 1.73 (1.30;2.29) for death. Age was 30.5(12 ~ 52) years in both arms.",
      "estimate_ci", 1.73, 0, "Death", NULL },
    { "The hazard ratio was 1.73 (1.30;2.29) for death. Age was 30.5(12 ~ 52) years in both arms.",
      "median_iqr", 30.5, 0, "Age", NULL },
    { "The mean age was 45.2 " PM " 3.1 years in the treatment group and 44.0 " PM " 2.9 years in the "
      "control group (P = 0.41).", "mean_sd", 45.2, 0, "age", "treatment group" },
    { "The mean age was 45.2 " PM " 3.1 years in the treatment group and 44.0 " PM " 2.9 years in the "
      "control group (P = 0.41).", "mean_sd", 44.0, 0, "age", "Control" },
    { "The mean age was 45.2 " PM " 3.1 years in the treatment group and 44.0 " PM " 2.9 years in the "
      "control group (P = 0.41).", "p_value", 0.41, 0, "age", "treatment group vs Control" },
    { "Body weight was 72.4 " PM " 10.1 kg in the exercise group and 70.9 " PM " 9.8 kg in the relaxation "
      "group (p = 0.62).", "mean_sd", 70.9, 0, "Body weight", "relaxation group" },
    { "Body weight was 72.4 " PM " 10.1 kg in the exercise group and 70.9 " PM " 9.8 kg in the relaxation "
      "group (p = 0.62).", "p_value", 0.62, 0, "Body weight", "exercise group vs relaxation group" },
    /* "In the A group, X decreased from a to b": the subject after the introductory phrase */
    { "In the exercise group, the 6-minute walk distance increased from 410 " PM " 55 m to 452 " PM
      " 60 m (p = 0.01).", "mean_sd", 410, 0, "6-minute walk distance", "exercise group" },
    { "In the exercise group, the 6-minute walk distance increased from 410 " PM " 55 m to 452 " PM
      " 60 m (p = 0.01).", "p_value", 0.01, 0, "6-minute walk distance", "exercise group" },
    { "After 12 weeks, fatigue scores decreased from 5.4 " PM " 1.2 to 4.1 " PM " 1.3 in the exercise "
      "group (p = 0.003).", "mean_sd", 4.1, 0, "fatigue scores", "exercise group" },
    { "Among patients in the control group, the mean MELD score was 18.2 " PM " 4.3.",
      "mean_sd", 18.2, 0, "MELD score", "Control" },
    { "At week 12, the ALT level was 42.1 " PM " 10.3 U/L in the UC-MSC group.",
      "mean_sd", 42.1, 0, "ALT", "UC-MSC" },
    /* "The median X was a (b-c) in A vs d (e-f) in B" */
    { "The median length of stay was 8 (6" ND "11) days in the intervention group vs 10 (7" ND "14) days "
      "in the control group (P = 0.03).", "median_iqr", 10, 0, "length of stay", "Control" },
    { "The median length of stay was 8 (6" ND "11) days in the intervention group vs 10 (7" ND "14) days "
      "in the control group (P = 0.03).", "p_value", 0.03, 0, "length of stay",
      "intervention group vs Control" },
    { "The median survival was 14.2 (10.1" ND "18.3) months in the treatment group and 9.8 (7.2" ND
      "12.4) months in the control group (P = 0.006).", "median_iqr", 14.2, 0, "Survival", "treatment group" },
    /* estimates: the outcome, not the measure's name */
    { "HR for death, 0.62 (95% CI, 0.45" ND "0.86; P = 0.004).", "estimate_ci", 0.62, 0, "Death", NULL },
    { "The hazard ratio for death was 0.62 (95% CI 0.45 to 0.86) in the intervention group compared "
      "with the control group.", "estimate_ci", 0.62, 0, "Death", "intervention group vs Control" },
    { "The odds ratio for readmission was 1.79 (95% CI 1.12 to 2.86).", "estimate_ci", 1.79, 0,
      "readmission", NULL },
    { "The risk ratio of infection was 0.80 (95% CI 0.65 to 0.98).", "estimate_ci", 0.80, 0, "infection", NULL },
    { "The relative risk of stroke was 0.75 (95% CI 0.60" ND "0.94; P = 0.01) in the treatment group "
      "compared with the control group.", "p_value", 0.01, 0, "stroke", "treatment group vs Control" },
    { "The mean difference in weight loss was 2.3 kg (95% CI 1.1 to 3.5).", "estimate_ci", 2.3, 0,
      "weight loss", NULL },
    /* arms by letter, by drug, with an abbreviation */
    { "Serum albumin was 35.1 " PM " 4.2 g/L in group A and 33.8 " PM " 4.5 g/L in group B (P = 0.18).",
      "mean_sd", 33.8, 0, "Serum albumin", "Group B" },
    { "Serum albumin was 35.1 " PM " 4.2 g/L in group A and 33.8 " PM " 4.5 g/L in group B (P = 0.18).",
      "p_value", 0.18, 0, "Serum albumin", "A vs B" },
    { "Total bilirubin (TBIL) was 45.3 " PM " 12.1 \xCE\xBCmol/L in the UC-MSC group and 52.7 " PM
      " 15.4 \xCE\xBCmol/L in the control group (P = 0.02).", "mean_sd", 52.7, 0, "TBIL", "Control" },
    { "Heart rate was 78 " PM " 9 beats per minute in the treatment group and 80 " PM " 10 beats per "
      "minute in the placebo group (P = 0.35).", "p_value", 0.35, 0, "Heart rate",
      "treatment group vs placebo" },
    { "Mortality at 28 days was 12/108 (11.1%) in the UC-MSC group and 25/111 (22.5%) in the control "
      "group.", "count_total_pct", 25, 0, "Mortality", "Control" },
    { "Quality of life scores improved by 12.4 " PM " 5.6 points in the treatment group (P < 0.001).",
      "mean_sd", 12.4, 0, "Quality of life scores", "treatment group" },
    { "Creatinine did not differ between the treatment group and the control group (P = 0.74).",
      "p_value", 0.74, 0, "Creatinine", "treatment group vs Control" },
    /* "A had a lower X than B (a vs b)": in order of the arms */
    { "Patients in the treatment group had a lower mean pain score than those in the control group "
      "(3.2 " PM " 1.1 vs 4.5 " PM " 1.3, P < 0.001).", "mean_sd", 3.2, 0, "pain score", "treatment group" },
    { "Patients in the treatment group had a lower mean pain score than those in the control group "
      "(3.2 " PM " 1.1 vs 4.5 " PM " 1.3, P < 0.001).", "mean_sd", 4.5, 0, "pain score", "Control" },
    { "The primary outcome occurred in 24 of 120 patients (20.0%) in the dapagliflozin group and 38 of "
      "118 patients (32.2%) in the placebo group (hazard ratio, 0.58; 95% CI, 0.35 to 0.97; P = 0.04).",
      "estimate_ci", 0.58, 0, "primary outcome", "dapagliflozin group vs placebo" },
    /* each arm with its own p-value; a change compared between arms */
    { "ALT decreased significantly in the UC-MSC group (P = 0.01) but not in the control group (P = 0.45).",
      "p_value", 0.01, 0, "ALT", "UC-MSC" },
    { "ALT decreased significantly in the UC-MSC group (P = 0.01) but not in the control group (P = 0.45).",
      "p_value", 0.45, 0, "ALT", "Control" },
    { "Albumin rose in group A (P = 0.02) but not in group B (P = 0.51).", "p_value", 0.51, 0, "Albumin",
      "Group B" },
    { "The mean change in FEV1 from baseline was 0.21 " PM " 0.05 L in the tiotropium group and 0.03 " PM
      " 0.05 L in the placebo group (P < 0.001).", "p_value", 0.001, 0, "FEV1", "tiotropium group vs placebo" },
    { "Forty-two patients (35%) in group A and 51 patients (43%) in group B had at least one adverse event.",
      "count_pct", 51, 0, NULL, "Group B" },
    /* arms called "arm"; a figure before "compared with" the other arm is not that arm's */
    { "Serious adverse events occurred in 14 patients (11.7%) in the intervention arm and 9 patients "
      "(7.6%) in the control arm.", "count_pct", 14, 0, "Serious adverse events", "intervention arm" },
    { "Serious adverse events occurred in 14 patients (11.7%) in the intervention arm and 9 patients "
      "(7.6%) in the control arm.", "count_pct", 9, 0, "Serious adverse events", "Control" },
    { "Twenty-two participants per arm were needed to detect a difference of 300 mL (SD 60).", "n", 22, 0,
      NULL, NULL },
    { "A total of 12 (52.2%) participants had a drop in eGFR category by day 3 of the drug compared with "
      "7 in the placebo arm (P=0.13).", "count_pct", 12, 0, "eGFR category", NULL },
    /* what was measured, not who or when */
    { "The mean age of the participants was 62.4 " PM " 8.7 years, and 58% were men.", "mean_sd", 62.4, 0,
      "age", NULL },
    { "C-reactive protein levels fell from 48.2 " PM " 20.1 mg/L to 12.5 " PM " 8.4 mg/L after treatment "
      "(P < 0.001).", "p_value", 0.001, 0, "C-reactive protein levels", NULL },
    { "Compared with placebo, semaglutide reduced body weight by 12.4% (95% CI, 11.5 to 13.4).",
      "estimate_ci", 12.4, 0, "body weight", NULL },
    { "Patients who received the vaccine had fewer infections than those who did not (12.1% vs. 20.3%; "
      "P = 0.02).", "p_value", 0.02, 0, "infections", NULL },
    /* "a versus b in the B group": the arm goes with the figure after the "versus" */
    { "Mean systolic pressure at 6 months was 128.4 " PM " 14.2 mmHg versus 135.1 " PM " 15.0 mmHg in the "
      "control group.", "mean_sd", 128.4, 0, "systolic pressure", NULL },
    { "Mean systolic pressure at 6 months was 128.4 " PM " 14.2 mmHg versus 135.1 " PM " 15.0 mmHg in the "
      "control group.", "mean_sd", 135.1, 0, "systolic pressure", "Control" },
    /* the other side of a comparison named without "group" */
    { "Systolic blood pressure was reduced by 5.2 mmHg (95% CI 3.1 to 7.3) in the intervention group "
      "compared with usual care.", "estimate_ci", 5.2, 0, "Systolic blood pressure",
      "intervention group vs usual care" },
    { "Pain scores at week 4 were lower with acupuncture than with sham (mean difference \xE2\x88\x92" "1.2, "
      "95% CI \xE2\x88\x92" "1.8 to \xE2\x88\x92" "0.6).", "estimate_ci", -1.2, 0, "Pain scores", "acupuncture vs sham" },
    { "The proportion of patients achieving remission was 42/100 (42%) in the infliximab group and 18/98 "
      "(18.4%) in the placebo group.", "count_total_pct", 42, 0, "remission", "infliximab group" },
    { "In both groups, serum sodium remained stable (138.2 " PM " 3.1 vs 137.9 " PM " 2.8 mmol/L).",
      "mean_sd", 137.9, 0, "serum sodium", NULL },
    /* a sample size measures nothing */
    { "Methods This prospective study enrolled 219 patients with liver failure.", "n", 219, 0, NULL, NULL },
    { "A total of 219 patients were enrolled.", "n", 219, 0, NULL, NULL },
    { "Methods This prospective, open-labeled, randomized controlled study enrolled 219 patients with "
      "HBV-related DLC who were divided into control group ($n = 111$) and umbilical cord-derived MSC "
      "(UC-MSC)-treated group ($n = 108$).", "n", 219, 0, NULL, NULL },
    { "Methods This prospective, open-labeled, randomized controlled study enrolled 219 patients with "
      "HBV-related DLC who were divided into control group ($n = 111$) and umbilical cord-derived MSC "
      "(UC-MSC)-treated group ($n = 108$).", "n", 111, 0, NULL, "Control" },
};

static void test_ordinary_sentences(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const prose_case_t *c = &CASES[i];
        rec_list_t l;
        const char *p[] = { c->text };
        run("ordinary.txt", p, 1, &l);
        const rec_t *r = nth(&l, c->kind, c->v0, c->k);
        const char *why = NULL;
        if (!r) why = "no record";
        else if ((c->variable == NULL) != (r->variable == NULL) ||
                 (c->variable && strcmp(c->variable, r->variable))) why = "variable";
        else if ((c->group == NULL) != (r->group == NULL) || (c->group && strcmp(c->group, r->group)))
            why = "group";
        if (why) {
            print_error("case %zu (%s %g): %s: got variable \"%s\" group \"%s\", want \"%s\" / \"%s\"\n", i,
                        c->kind, c->v0, why, r && r->variable ? r->variable : "(null)",
                        r && r->group ? r->group : "(null)", c->variable ? c->variable : "(null)",
                        c->group ? c->group : "(null)");
            bad++;
        }
        rec_list_destroy(&l);
    }
    assert_int_equal(bad, 0);
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
        cmocka_unit_test(test_ordinary_sentences),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
