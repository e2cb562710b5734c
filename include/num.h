/* num.h - one strict number parser and one printer, shared by extract and pool.
 *
 *   double x; char buf[NUM_BUFSZ];
 *   if (num_parse("46.5", 4, &x) == 0) puts(num_fmt(buf, x));   // "46.5"
 *
 * No allocation; never depends on the locale (LC_NUMERIC is never changed). */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdio.h>

#define NUM_BUFSZ 32

/* Parse exactly n bytes of s as a finite decimal number (optional sign, digits, optional
 * '.' and digits, optional exponent). Returns 0, or -1 if any byte is left over, the text
 * is empty, or the value overflows. */
int num_parse(const char *s, size_t n, double *out);

/* Shortest decimal form that reads back to the same double: %.15g, else %.17g.
 * NaN and infinities give "null". Returns buf. */
char *num_fmt(char *buf, double x);
/* num_fmt's form written to fp. Returns 0, -1 on write error. */
int   num_write(FILE *fp, double x);

/* A number as articles print it, at the start of s (n bytes, UTF-8): an optional sign
 * ('-', U+2212 minus, U+2012/U+2013/U+2014 dashes, U+FE63, U+FF0D) optionally followed by one
 * space (ASCII, no-break or thin: "− 6"), then digits with optional thousands groups
 * ("12,345": a comma followed by exactly three digits and no fourth), an optional decimal
 * point '.' or the Lancet middle dot U+00B7 ("1·89") and digits; ".05" is accepted.
 * Sets *out and *used (bytes consumed). Returns 0, or -1 when s does not start with one. */
int num_parse_fig(const char *s, size_t n, double *out, size_t *used);

/* Bytes of a sign (as num_parse_fig accepts) at the start of s, 0 if none. */
size_t num_sign_len(const char *s, size_t n);

#endif
