/*
 * util.h: what the resolver's files share besides the network stack
 * (netstack.h, which also gives the byte-order and checksum helpers): a
 * copy loop, ASCII case folding, a small random number generator and the
 * clock constant.
 */
#ifndef RESOLVER_UTIL_H
#define RESOLVER_UTIL_H

#include "solo5.h"
#include "guestlib.h"
#include "cycles.h"
#include "netstack.h"

#define NSEC_PER_SEC NS_NSEC_PER_SEC

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

/*
 * Random numbers for DNS query IDs and source ports (splitmix64). The state
 * is stirred with the cycle counter whenever a frame arrives, so the sequence depends
 * on the timing of the traffic as well as on the seed.
 */
void rng_seed(uint64_t seed);
void rng_stir(uint64_t x);
uint64_t rng_next(void);

#endif /* RESOLVER_UTIL_H */
