/* test_study.c - study keys (DOI, title, text hash) and duplicate articles across files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ex_priv.h"

static const char *const PDF[] = {
    "Background: Umbilical cord mesenchymal stem cells (UCMSCs) have been demonstrated to have good\n"
    "therapeutic effects in the treatment of HBV-related liver diseases. However, the therapeutic effect of UCMSCs on\n"
    "HBV-related liver failure and liver cirrhosis and the variations in the efficacy of UCMSCs after different treat-\n"
    "ment courses remain poorly understood. Therefore, this study was designed to answer these two questions.",
    "The patients were followed up for 24 weeks. The demographics, clinical characteristics, biochemical factors, and "
    "model for end-stage liver disease (MELD) scores were recorded and compared among different groups. "
    "A total of 64 patients met the criteria for liver failure, and 59 patients met the criteria for liver cirrhosis.",
};
static const char *const WEB[] = {
    "Umbilical cord mesenchymal stem cells (UCMSCs) have been demonstrated to have good therapeutic effects in the "
    "treatment of HBV-related liver diseases. However, the therapeutic effect of UCMSCs on HBV-related liver failure "
    "and liver cirrhosis and the variations in the efficacy of UCMSCs after different treatment courses remain poorly "
    "understood. Therefore, this study was designed to answer these two questions.",
    "The patients were followed up for 24 weeks. The demographics, clinical characteristics, biochemical factors, and "
    "model for end-stage liver disease (MELD) scores were recorded and compared among different groups.",
    "A total of 64 patients met the criteria for liver failure, and 59 patients met the criteria for liver cirrhosis.",
};
static const char *const OTHER[] = {
    "Mesenchymal stem cell infusion was reported to improve liver function in patients with decompensated liver "
    "cirrhosis; however, whether the medication can improve outcome of these patients is poorly understood.",
};

static void test_keys(void **state)
{
    (void)state;
    char *k = study_key("10.1186/S13287-020-01787-4", "A title", PDF, 2);
    assert_string_equal(k, "doi:10.1186/s13287-020-01787-4");
    free(k);
    k = study_key(NULL, "Human Mesenchymal Stem Cell Transfusion Is Safe", PDF, 2);
    assert_string_equal(k, "title:humanmesenchymalstemcelltransfusionissafe");
    free(k);
    char *a = study_key(NULL, NULL, PDF, 2), *b = study_key(NULL, NULL, PDF, 2), *c = study_key(NULL, NULL, OTHER, 1);
    assert_true(!strncmp(a, "text:", 5));
    assert_int_equal(strlen(a), 21);
    assert_string_equal(a, b);                       /* stable */
    assert_string_not_equal(a, c);
    free(a); free(b); free(c);
}

static void test_duplicates(void **state)
{
    (void)state;
    study_set_t *ss = study_set_new();
    char *s1 = study_key(NULL, NULL, PDF, 2), *dup = NULL;
    assert_int_equal(study_register(ss, "corpus/000.txt", &s1, NULL, NULL, PDF, 2, &dup), 0);
    assert_null(dup);
    /* the web page of the same article: has a DOI, but gets the first file's key */
    char *s2 = study_key("10.1186/s13287-020-01787-4", NULL, WEB, 3);
    assert_int_equal(study_register(ss, "corpus/001.txt", &s2, "10.1186/s13287-020-01787-4", NULL, WEB, 3, &dup), 0);
    assert_non_null(dup);
    assert_string_equal(dup, "corpus/000.txt");
    assert_string_equal(s2, s1);
    free(dup);
    /* another article */
    char *s3 = study_key(NULL, "Mesenchymal stem cell therapy in decompensated liver cirrhosis", OTHER, 1);
    assert_int_equal(study_register(ss, "corpus/002.txt", &s3, NULL,
                                    "Mesenchymal stem cell therapy in decompensated liver cirrhosis", OTHER, 1, &dup), 0);
    assert_null(dup);
    /* the same DOI again, no shared text */
    char *s4 = study_key("10.1186/S13287-020-01787-4", NULL, OTHER, 0);
    assert_int_equal(study_register(ss, "corpus/005.txt", &s4, "10.1186/S13287-020-01787-4", NULL, OTHER, 0, &dup), 0);
    assert_non_null(dup);
    assert_string_equal(dup, "corpus/000.txt");
    free(dup);
    free(s1); free(s2); free(s3); free(s4);
    study_set_free(ss);
    study_set_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
