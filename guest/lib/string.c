/*
 * string.c: freestanding memory and string functions.
 *
 * Build with -fno-tree-loop-distribute-patterns so that the compiler does not
 * turn these loops back into calls to themselves.
 */
#include "guestlib.h"

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dst;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (; n > 0; n--, p++, q++) {
        if (*p != *q)
            return *p < *q ? -1 : 1;
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    while (*p != '\0' && *p == *q) {
        p++;
        q++;
    }
    return (int)*p - (int)*q;
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for (; n > 0; n--, p++, q++) {
        if (*p != *q)
            return (int)*p - (int)*q;
        if (*p == '\0')
            break;
    }
    return 0;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
    char *d = dst;

    while ((*d++ = *src++) != '\0')
        ;
    return dst;
}

size_t strlen(const char *s)
{
    const char *e = s;

    while (*e != '\0')
        e++;
    return (size_t)(e - s);
}

int isspace(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

const char *parse_decimal(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (*s < '0' || *s > '9')
        return NULL;
    while (*s >= '0' && *s <= '9') {
        unsigned long d = (unsigned long)(*s++ - '0');
        if (d > max || v > (max - d) / 10)
            return NULL;
        v = v * 10 + d;
    }
    *out = v;
    return s;
}
