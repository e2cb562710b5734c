/* num.c - strict number parsing and shortest round-trip printing. */
#include "num.h"

#include <errno.h>
#include <math.h>
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

char *num_fmt(char *buf, double x)
{
    if (!isfinite(x)) { strcpy(buf, "null"); return buf; }
    if (x == 0) { strcpy(buf, "0"); return buf; }   /* also -0 */
    snprintf(buf, NUM_BUFSZ, "%.15g", x);
    if (strtod(buf, NULL) != x) snprintf(buf, NUM_BUFSZ, "%.17g", x);
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
    /* thousands groups: 1-3 digits, then ",ddd" (no fourth digit), repeated */
    if (run >= 1 && run <= 3)
        while (i + 4 <= n && u[i] == ',' && is_digit(u[i+1]) && is_digit(u[i+2]) &&
               is_digit(u[i+3]) && (i + 4 == n || !is_digit(u[i+4])) && k < 40) {
            memcpy(buf + k, u + i + 1, 3);
            k += 3;
            i += 4;
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
