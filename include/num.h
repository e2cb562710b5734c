/* num.h - one strict number parser and one printer, shared by extract and pool.
 *
 *   double x; char buf[NUM_BUFSZ];
 *   if (num_parse("46.5", 4, &x) == 0) puts(num_fmt(buf, x));   // "46.5"
 *
 * No allocation; never depends on the locale (LC_NUMERIC is never changed). */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

#define NUM_BUFSZ 32

/* Parse exactly n bytes of s as a finite decimal number (optional sign, digits, optional
 * '.' and digits, optional exponent). Returns 0, or -1 if any byte is left over, the text
 * is empty, or the value overflows. */
int num_parse(const char *s, size_t n, double *out);

/* Shortest decimal form that reads back to the same double: %.15g, else %.17g.
 * NaN and infinities give "null". Returns buf. */
char *num_fmt(char *buf, double x);

#endif
