/* utf8.c - strict UTF-8 validation (RFC 3629). */
#include "utf8.h"

size_t utf8_len(const unsigned char *u, size_t n)
{
    unsigned c = u[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && u[1] < 0xA0) return 0;     /* overlong */
        if (c == 0xED && u[1] >= 0xA0) return 0;    /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && u[1] < 0x90) return 0;     /* overlong */
        if (c == 0xF4 && u[1] >= 0x90) return 0;    /* above U+10FFFF */
        return 4;
    }
    return 0;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; ) {
        size_t k = utf8_len(u + i, n - i);
        if (!k) return 0;
        i += k;
    }
    return 1;
}
