/*
 * string.c: the two C library functions the launcher needs (it links no C
 * library, but the compiler may still emit calls to them).
 */
#include "launch.h"

void *memset(void *dst, int c, size_t n)
{
    volatile uint8_t *d = dst;

    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}
