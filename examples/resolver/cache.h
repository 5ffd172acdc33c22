/*
 * cache.h: the answer cache. Keyed by question (name without regard to
 * case, type, class); each entry holds a checked answer body and expires
 * after the answer's TTL. A fixed table of CACHE_SLOTS entries, hashed,
 * CACHE_PROBE slots per key; when all are taken, the entry closest to
 * expiry makes room.
 */
#ifndef RESOLVER_CACHE_H
#define RESOLVER_CACHE_H

#include "dns.h"

#define CACHE_SLOTS     512         /* a power of two */
#define CACHE_PROBE     8
#define CACHE_MSG_MAX   1472        /* larger answers are not cached */

struct cache_entry {
    int used;
    uint32_t hash;
    uint16_t qtype;
    uint16_t qclass;
    size_t name_len;
    uint8_t name[DNS_NAME_MAX];     /* lower case */
    solo5_time_t stored;
    solo5_time_t expires;
    struct dns_resp resp;
    uint8_t body[CACHE_MSG_MAX];
};

/* The live entry for (q)'s question, or NULL. */
const struct cache_entry *cache_lookup(const struct dns_query *q,
        solo5_time_t now);

/* Keep (body) for resp->ttl seconds; returns 0 if it was stored. */
int cache_store(const struct dns_query *q, const uint8_t *body,
        const struct dns_resp *resp, solo5_time_t now);

/* Number of live entries (for the statistics line). */
unsigned cache_count(solo5_time_t now);

#endif /* RESOLVER_CACHE_H */
