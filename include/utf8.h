/* utf8.h - strict UTF-8 validation, shared by the text readers and pool's review files. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at u (1..4; n bytes available), or 0 if invalid:
 * overlongs, surrogates, code points above U+10FFFF and truncated sequences are invalid. */
size_t utf8_len(const unsigned char *u, size_t n);
/* 1 if the n bytes at s are entirely valid UTF-8, else 0. */
int    utf8_valid(const char *s, size_t n);

#endif
