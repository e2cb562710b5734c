/* num.c - strict number parsing and shortest round-trip printing. */
#include "num.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int num_parse(const char *s, size_t n, double *out)
{
    char buf[64], *end;
    size_t i = 0;
    if (n == 0 || n >= sizeof buf) return -1;
    /* strtod accepts more than a decimal number (hex, inf, nan, leading space): refuse those. */
    if (s[0] == '+' || s[0] == '-') i = 1;
    if (i >= n || !((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i + 1 < n && s[i+1] >= '0' && s[i+1] <= '9')))
        return -1;
    for (size_t j = i; j < n; j++)
        if (s[j] == 'x' || s[j] == 'X') return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    double v = strtod(buf, &end);
    if (end != buf + n || errno == ERANGE || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

/* The reference form: %.15g if it reads back as x, else %.17g. */
static char *num_fmt_ref(char *buf, double x)
{
    if (!isfinite(x)) { strcpy(buf, "null"); return buf; }
    if (x == 0) { strcpy(buf, "0"); return buf; }   /* also -0 */
    snprintf(buf, NUM_BUFSZ, "%.15g", x);
    if (strtod(buf, NULL) != x) snprintf(buf, NUM_BUFSZ, "%.17g", x);
    return buf;
}

/* The same bytes without printf or strtod for most doubles of statistics (2^-16 <= |x| < 2^53):
 * exact integer arithmetic on x = f * 2^e (f < 2^53, -68 <= e < 0). For p significant digits
 * the scaled value x * 10^s (s = p - 1 - E, E the decimal exponent) is N / 2^-e with
 * N = f * 10^s < 2^128; its rounding to an integer gives the digits, and the distance of the
 * 15-digit value to x against half the gap to x's neighbours says whether it reads back.
 * Exact halves (where rounding rules would matter) go to the reference form. */
typedef unsigned __int128 u128;

static const uint64_t P10[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u };

static u128 pow10_u128(int k)               /* 0 <= k <= 38 */
{
    return k <= 19 ? (u128)P10[k] : (u128)P10[19] * P10[k - 19];
}

/* Digits of x (> 0, = f * 2^e) rounded to p significant: *d and the decimal exponent *ex.
 * 0 if done, -1 when out of range or an exact half. */
static int digits_p(uint64_t f, int e, int p, u128 *d, int *ex, u128 *N, int *sp)
{
    /* x is in [2^(e+52), 2^(e+53)): this guess is E or E - 1; the loop corrects it */
    int E = (int)floor((e + 52) * 0.30102999566398120);
    for (int tries = 0; tries < 3; tries++) {
        int s = p - 1 - E;
        if (s < 0 || s > 22) return -1;
        u128 n = (u128)f * pow10_u128(s);
        u128 q = n >> (-e), r = n - (q << (-e)), half = (u128)1 << (-e - 1);
        u128 lo = pow10_u128(p - 1), hi = lo * 10;
        if (q < lo) { E--; continue; }
        if (q >= hi) { E++; continue; }
        if (r == half) return -1;
        if (r > half) q++;
        if (q == hi) { q = lo; E++; }
        *d = q; *ex = E; *N = n; *sp = s;
        return 0;
    }
    return -1;
}

/* Print digits d (p of them, decimal exponent X) as %.{p}g does. */
static void put_g(char *buf, int neg, u128 d, int p, int X)
{
    char dig[40];
    int k = p;
    static const char D2[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                             "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                             "8081828384858687888990919293949596979899";
    uint64_t d64 = (uint64_t)d;                             /* d < 10^17 */
    int i = p;
    while (i >= 2) { unsigned r = (unsigned)(d64 % 100); d64 /= 100; i -= 2; memcpy(dig + i, D2 + 2 * r, 2); }
    if (i) dig[0] = (char)('0' + (int)d64);
    while (k > 1 && dig[k - 1] == '0') k--;                 /* %g drops trailing zeros */
    char *o = buf;
    if (neg) *o++ = '-';
    if (X < -4 || X >= p) {
        *o++ = dig[0];
        if (k > 1) { *o++ = '.'; memcpy(o, dig + 1, (size_t)(k - 1)); o += k - 1; }
        int a = X < 0 ? -X : X;
        *o++ = 'e';
        *o++ = X < 0 ? '-' : '+';
        if (a >= 100) *o++ = (char)('0' + a / 100);
        *o++ = (char)('0' + a / 10 % 10);
        *o++ = (char)('0' + a % 10);
    } else if (X >= 0) {
        for (int i = 0; i <= X; i++) *o++ = i < k ? dig[i] : '0';
        if (k > X + 1) { *o++ = '.'; memcpy(o, dig + X + 1, (size_t)(k - X - 1)); o += k - X - 1; }
    } else {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -X - 1; i++) *o++ = '0';
        memcpy(o, dig, (size_t)k);
        o += k;
    }
    *o = '\0';
}

char *num_fmt(char *buf, double x)
{
    if (!isfinite(x) || x == 0) return num_fmt_ref(buf, x);
    double a = fabs(x);
    int ex2;
    double m = frexp(a, &ex2);                               /* a = m * 2^ex2, 0.5 <= m < 1 */
    int e = ex2 - 53;
    if (e < -68 || e >= 0) return num_fmt_ref(buf, x);
    uint64_t f = (uint64_t)ldexp(m, 53);                     /* exact: a has 53 bits */
    u128 d, N;
    int X, s;
    if (digits_p(f, e, 15, &d, &X, &N, &s)) return num_fmt_ref(buf, x);
    /* does d * 10^(X-14) read back as x? In units of 2^e / 10^s: x is N, the 15-digit value is
     * d * 2^-e (when X = E), half the gap to the next double is 10^s / 2 (to the one below
     * 10^s / 4 when f is a power of two). */
    int E = 14 - s;
    if (X == E) {
        u128 v = d << (-e), gap2 = pow10_u128(s);           /* twice the half gap */
        int below = v < N;
        u128 dist2 = 2 * (below ? N - v : v - N);
        if (below && f == (uint64_t)1 << 52) dist2 *= 2;
        if (dist2 == gap2) return num_fmt_ref(buf, x);      /* a tie: strtod's rule decides */
        if (dist2 < gap2) { put_g(buf, x < 0, d, 15, X); return buf; }
    }
    /* X != E: rounded up to a power of ten, 10^(E+1); then compare exactly as well */
    else {
        u128 v = pow10_u128(15) << (-e);                    /* 10^(E+1) in units of 10^s... */
        int below = v < N;
        u128 dist2 = 2 * (below ? N - v : v - N);
        u128 gap2 = pow10_u128(s);
        if (below && f == (uint64_t)1 << 52) dist2 *= 2;
        if (dist2 == gap2) return num_fmt_ref(buf, x);
        if (dist2 < gap2) { put_g(buf, x < 0, d, 15, X); return buf; }
    }
    if (digits_p(f, e, 17, &d, &X, &N, &s)) return num_fmt_ref(buf, x);
    put_g(buf, x < 0, d, 17, X);
    return buf;
}

size_t num_sign_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && u[0] == '-') return 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) return 3;          /* U+2212 */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x92 && u[2] <= 0x94) return 3; /* U+2012-2014 */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xB9 && u[2] == 0xA3) return 3;          /* U+FE63 */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D) return 3;          /* U+FF0D */
    return 0;
}

/* Bytes of one horizontal space (ASCII, U+00A0, U+2009, U+202F, U+2002-U+200A) at s. */
static size_t space_len(const unsigned char *u, size_t n)
{
    if (n >= 1 && (u[0] == ' ' || u[0] == '\t')) return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x82 && u[2] <= 0x8A) || u[2] == 0xAF))
        return 3;
    return 0;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

int num_parse_fig(const char *s, size_t n, double *out, size_t *used)
{
    const unsigned char *u = (const unsigned char *)s;
    char buf[64];
    size_t i = 0, k = 0, sl, run = 0, dl = 0;
    if ((sl = num_sign_len(s, n)) > 0) {
        i = sl + space_len(u + sl, n - sl);
        buf[k++] = '-';
    }
    while (i < n && is_digit(u[i]) && k < 40) { buf[k++] = (char)u[i++]; run++; }
    if (i < n && is_digit(u[i])) return -1;                  /* absurdly long */
    /* thousands groups: 1-3 digits, then ",ddd" (no fourth digit), repeated; the separator may
     * also be a thin space (U+2009), a narrow no-break space (U+202F) or a no-break space */
    if (run >= 1 && run <= 3)
        for (;;) {
            size_t g = 0;
            if (i < n && u[i] == ',') g = 1;
            else if (i + 1 < n && u[i] == 0xC2 && u[i+1] == 0xA0) g = 2;
            else if (i + 2 < n && u[i] == 0xE2 && u[i+1] == 0x80 && (u[i+2] == 0x89 || u[i+2] == 0xAF)) g = 3;
            if (!g || i + g + 3 > n || !is_digit(u[i+g]) || !is_digit(u[i+g+1]) || !is_digit(u[i+g+2]) ||
                (i + g + 3 < n && is_digit(u[i+g+3])) || k >= 40)
                break;
            memcpy(buf + k, u + i + g, 3);
            k += 3;
            i += g + 3;
        }
    if (i < n && u[i] == '.') dl = 1;
    else if (i + 1 < n && u[i] == 0xC2 && u[i+1] == 0xB7) dl = 2;
    if (dl && i + dl < n && is_digit(u[i + dl])) {
        if (run == 0) buf[k++] = '0';
        buf[k++] = '.';
        i += dl;
        while (i < n && is_digit(u[i]) && k < 60) { buf[k++] = (char)u[i++]; run++; }
        if (i < n && is_digit(u[i])) return -1;
    }
    if (run == 0) return -1;
    if (num_parse(buf, k, out) != 0) return -1;
    *used = i;
    return 0;
}

int num_write(FILE *fp, double x)
{
    char b[NUM_BUFSZ];
    return fputs(num_fmt(b, x), fp) < 0 ? -1 : 0;
}
