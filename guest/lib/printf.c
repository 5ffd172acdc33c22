/*
 * printf.c: console printing helpers for the test images. Each call is a
 * single solo5_console_write().
 */
#include "solo5.h"
#include "guestlib.h"

int printf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return n;
    if ((size_t)n >= sizeof buf) {
        static const char trunc[] = "(truncated)\n";
        solo5_console_write(buf, sizeof buf - 1);
        solo5_console_write(trunc, sizeof trunc - 1);
    } else {
        solo5_console_write(buf, (size_t)n);
    }
    return n;
}

void putstr(const char *s)
{
    solo5_console_write(s, strlen(s));
}
