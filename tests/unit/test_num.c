/* test_num.c - the fast num_fmt prints the bytes of its reference form (%.15g when that reads
 * back, else %.17g) for random doubles of every kind: uniform bits, the fast path's range,
 * few decimals, ties, powers of two and ten. NUM_FMT_LONG=N runs N million more per kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

static char *ref_fmt(char *buf, double x)
{
    if (!isfinite(x)) { strcpy(buf, "null"); return buf; }
    if (x == 0) { strcpy(buf, "0"); return buf; }
    snprintf(buf, NUM_BUFSZ, "%.15g", x);
    if (strtod(buf, NULL) != x) snprintf(buf, NUM_BUFSZ, "%.17g", x);
    return buf;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next_u64(void)                     /* splitmix64 */
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double from_bits(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* one random double of kind k */
static double gen(int k)
{
    uint64_t u = next_u64();
    switch (k) {
    case 0: return from_bits(u);                                   /* any bits */
    case 1: {                                                      /* 2^-18 .. 2^55, both signs */
        double m = 1.0 + (double)(u >> 12) / 4503599627370496.0;
        int e = (int)(next_u64() % 74) - 18;
        return ((u & 1) ? -1 : 1) * ldexp(m, e);
    }
    case 2: {                                                      /* few decimals: 123.45 */
        double v = (double)(u % 100000000u) / pow(10, (double)(next_u64() % 9));
        return (u >> 63) ? -v : v;
    }
    case 3: {                                                      /* halves and quarters of big integers */
        double v = (double)(u % 4503599627370496u) + (double)(next_u64() % 4) / 4;
        return v;
    }
    case 4: {                                                      /* near powers of two and ten */
        double b = (u & 1) ? ldexp(1, (int)(next_u64() % 80) - 20) : pow(10, (double)(next_u64() % 22) - 6);
        int steps = (int)(next_u64() % 5) - 2;
        for (; steps > 0; steps--) b = nextafter(b, INFINITY);
        for (; steps < 0; steps++) b = nextafter(b, 0);
        return b;
    }
    default: {                                                     /* statistics: ratios of sums */
        double a = (double)(u % 1000000u) / 1000.0, c = (double)(next_u64() % 999u + 1) / 7.0;
        return a / c - c / 3.0;
    }
    }
}

static void run(long per_kind)
{
    char a[NUM_BUFSZ], b[NUM_BUFSZ];
    for (int k = 0; k < 6; k++)
        for (long i = 0; i < per_kind; i++) {
            double x = gen(k);
            num_fmt(a, x);
            ref_fmt(b, x);
            if (strcmp(a, b) != 0) {
                fprintf(stderr, "num_fmt(%a) = %s, reference %s\n", x, a, b);
                fail();
            }
        }
}

static void test_fixed(void **state)
{
    (void)state;
    char b[NUM_BUFSZ], r[NUM_BUFSZ];
    static const double xs[] = { 7.4, 40, -0.0, 0.1 + 0.2, 1.2e-5, 1e-5, 1e-4, 0.0001234, 1e15, 1e16,
                                 9007199254740991.0, 9007199254740992.0, 4503599627370495.5,
                                 1125899906842624.25, 999999999999999.9, 9.9999999999999995,
                                 0.5, 1.0 / 3, 2.0 / 3, 100, 123456789012345.6, 1e22, 5e-324 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        assert_string_equal(num_fmt(b, xs[i]), ref_fmt(r, xs[i]));
    assert_string_equal(num_fmt(b, 7.4), "7.4");
    assert_string_equal(num_fmt(b, 0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(num_fmt(b, NAN), "null");
}

static void test_random(void **state)
{
    (void)state;
    run(40000);                                     /* 240,000 doubles: well under a second */
    const char *e = getenv("NUM_FMT_LONG");
    if (e) {
        char *end;
        long m = strtol(e, &end, 10);
        if (end != e && *end == '\0' && m > 0) run(m * 1000000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
