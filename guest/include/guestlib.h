/*
 * guestlib.h: the small freestanding C library shared by the runtime and the
 * test images (string functions, isspace, vsnprintf) plus console printing
 * helpers for the tests (printf, putstr).
 */
#ifndef GUESTLIB_H
#define GUESTLIB_H

#include <stdarg.h>
#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
size_t strlen(const char *s);
int isspace(int c);
/*
 * The decimal number at (s), at most (max), into (*out); returns the
 * character after it, or NULL when there are no digits or it is too large.
 */
const char *parse_decimal(const char *s, unsigned long max, unsigned long *out);

/*
 * Supported conversions: %d %i %u %x %X %o %c %s %p %%, with the flags '-'
 * and '0', a field width (number or '*'), a precision for %s, and the
 * length modifiers hh h l ll z t j.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Test-side helpers: format into a 1 KiB buffer, one console write. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void putstr(const char *s);

#endif /* GUESTLIB_H */
