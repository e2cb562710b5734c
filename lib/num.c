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
