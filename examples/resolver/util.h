/*
 * util.h: byte-order helpers, the Internet checksum, a small random number
 * generator and the clock constants shared by the resolver's files.
 *
 * Protocol fields are read and written big-endian, one byte at a time
 * (rd16/wr16...). The checksum is summed over native-order words and stored
 * back in native order, which gives the right bytes on the wire (RFC 1071,
 * "byte order independence"); that keeps it at one 8-byte load per 8 bytes,
 * which matters on hosts where the guest runs at about a microsecond per
 * instruction.
 */
#ifndef RESOLVER_UTIL_H
#define RESOLVER_UTIL_H

#include "solo5.h"
#include "guestlib.h"
#include "cycles.h"

#define NSEC_PER_SEC 1000000000ULL

static inline uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t rd32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
        ((uint32_t)p[2] << 8) | p[3];
}

static inline void wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* memcpy for non-overlapping buffers, eight bytes per step. */
static inline void copy_bytes(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (; n >= 8; dst += 8, src += 8, n -= 8) {
        uint64_t w;
        __builtin_memcpy(&w, src, 8);
        __builtin_memcpy(dst, &w, 8);
    }
    for (; n > 0; n--)
        *dst++ = *src++;
}

static inline uint8_t ascii_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* Partial one's complement sum of (len) bytes, native order; chainable. */
static inline uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t len)
{
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        __builtin_memcpy(&w, p, 8);
        sum += (w & 0xffffffffU) + (w >> 32);
    }
    if (len >= 4) {
        uint32_t w;
        __builtin_memcpy(&w, p, 4);
        sum += w;
        p += 4;
        len -= 4;
    }
    if (len >= 2) {
        uint16_t w;
        __builtin_memcpy(&w, p, 2);
        sum += w;
        p += 2;
        len -= 2;
    }
    if (len == 1) {
        uint8_t last[2] = { p[0], 0 };
        uint16_t w;
        __builtin_memcpy(&w, last, 2);
        sum += w;
    }
    return sum;
}

/* Final checksum of a partial sum, to be stored with csum_store(). */
static inline uint16_t csum_finish(uint64_t sum)
{
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static inline void csum_store(uint8_t *p, uint16_t csum)
{
    __builtin_memcpy(p, &csum, 2);
}

/*
 * Random numbers for DNS query IDs and source ports (splitmix64). The state
 * is stirred with the cycle counter whenever a frame arrives, so the sequence depends
 * on the timing of the traffic as well as on the seed.
 */
void rng_seed(uint64_t seed);
void rng_stir(uint64_t x);
uint64_t rng_next(void);

#endif /* RESOLVER_UTIL_H */
