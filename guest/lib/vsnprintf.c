/*
 * vsnprintf.c: a small vsnprintf()/snprintf() for freestanding code.
 * Semantics follow C11 for the supported subset (see guestlib.h): output is
 * truncated to fit (size) bytes including the NUL, and the return value is the
 * length the full output would have had.
 */
#include <stdint.h>
#include "guestlib.h"

struct sink {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

struct spec {
    int left;           /* '-' flag */
    int zero;           /* '0' flag */
    int width;
    int prec;           /* -1 if none */
};

static void put_str(struct sink *s, const struct spec *sp, const char *str)
{
    int n = 0;

    if (str == NULL)
        str = "(null)";
    while (str[n] != '\0' && (sp->prec < 0 || n < sp->prec))
        n++;
    if (!sp->left)
        pad(s, ' ', sp->width - n);
    for (int i = 0; i < n; i++)
        put(s, str[i]);
    if (sp->left)
        pad(s, ' ', sp->width - n);
}

static void put_num(struct sink *s, const struct spec *sp, uint64_t v,
        unsigned base, int upper, int neg, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, plen = 0, total;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v != 0);
    if (neg)
        prefix = "-";
    while (prefix != NULL && prefix[plen] != '\0')
        plen++;
    total = n + plen;
    if (!sp->left && !sp->zero)
        pad(s, ' ', sp->width - total);
    for (int i = 0; i < plen; i++)
        put(s, prefix[i]);
    if (!sp->left && sp->zero)
        pad(s, '0', sp->width - total);
    while (n > 0)
        put(s, tmp[--n]);
    if (sp->left)
        pad(s, ' ', sp->width - total);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static int64_t get_signed(va_list *ap, enum length l)
{
    switch (l) {
    case LEN_CHAR:  return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG:  return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE:  return va_arg(*ap, long);
    default:        return va_arg(*ap, int);
    }
}

static uint64_t get_unsigned(va_list *ap, enum length l)
{
    switch (l) {
    case LEN_CHAR:  return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG:  return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE:  return va_arg(*ap, size_t);
    default:        return va_arg(*ap, unsigned int);
    }
}

static enum length parse_length(const char **fmt)
{
    const char *f = *fmt;
    enum length l = LEN_INT;

    if (f[0] == 'h' && f[1] == 'h') { l = LEN_CHAR; f += 2; }
    else if (f[0] == 'h') { l = LEN_SHORT; f++; }
    else if (f[0] == 'l' && f[1] == 'l') { l = LEN_LLONG; f += 2; }
    else if (f[0] == 'l') { l = LEN_LONG; f++; }
    else if (f[0] == 'z' || f[0] == 't' || f[0] == 'j') { l = LEN_SIZE; f++; }
    *fmt = f;
    return l;
}

static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
    const char *f = *fmt;

    sp->left = sp->zero = sp->width = 0;
    sp->prec = -1;
    for (;; f++) {
        if (*f == '-') sp->left = 1;
        else if (*f == '0') sp->zero = 1;
        else break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = -sp->width;
        }
        f++;
    }
    while (*f >= '0' && *f <= '9')
        sp->width = sp->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        sp->prec = 0;
        while (*f >= '0' && *f <= '9')
            sp->prec = sp->prec * 10 + (*f++ - '0');
    }
    *fmt = f;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct sink s = { buf, size, 0 };
    struct spec sp;
    va_list ap;

    va_copy(ap, ap_in);
    while (*fmt != '\0') {
        if (*fmt != '%') {
            put(&s, *fmt++);
            continue;
        }
        fmt++;
        parse_spec(&fmt, &sp, &ap);
        enum length l = parse_length(&fmt);
        char conv = *fmt;
        if (conv == '\0')
            break;
        fmt++;
        switch (conv) {
        case 'd':
        case 'i': {
            int64_t v = get_signed(&ap, l);
            uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
            put_num(&s, &sp, mag, 10, 0, v < 0, NULL);
            break;
        }
        case 'u': put_num(&s, &sp, get_unsigned(&ap, l), 10, 0, 0, NULL); break;
        case 'x': put_num(&s, &sp, get_unsigned(&ap, l), 16, 0, 0, NULL); break;
        case 'X': put_num(&s, &sp, get_unsigned(&ap, l), 16, 1, 0, NULL); break;
        case 'o': put_num(&s, &sp, get_unsigned(&ap, l), 8, 0, 0, NULL); break;
        case 'p':
            put_num(&s, &sp, (uintptr_t)va_arg(ap, void *), 16, 0, 0, "0x");
            break;
        case 'c': {
            char c[2] = { (char)va_arg(ap, int), '\0' };
            sp.prec = 1;
            put_str(&s, &sp, c);
            break;
        }
        case 's': put_str(&s, &sp, va_arg(ap, const char *)); break;
        default: /* '%' and unknown conversions are copied through */
            put(&s, conv);
            break;
        }
    }
    va_end(ap);
    if (size > 0)
        buf[s.len < size ? s.len : size - 1] = '\0';
    return (int)s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
