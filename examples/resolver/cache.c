/*
 * cache.c: the answer cache (see cache.h).
 */
#include "cache.h"

static struct cache_entry table[CACHE_SLOTS];

/* FNV-1a over the lower-cased name, type and class. */
static uint32_t key_hash(const struct dns_query *q)
{
    uint32_t h = 2166136261U;

    for (size_t i = 0; i < q->name_len; i++)
        h = (h ^ ascii_lower(q->question[i])) * 16777619U;
    h = (h ^ (q->qtype >> 8)) * 16777619U;
    h = (h ^ (q->qtype & 0xff)) * 16777619U;
    h = (h ^ (q->qclass >> 8)) * 16777619U;
    h = (h ^ (q->qclass & 0xff)) * 16777619U;
    return h;
}

static int key_equal(const struct cache_entry *e, const struct dns_query *q,
        uint32_t hash)
{
    if (!e->used || e->hash != hash || e->qtype != q->qtype ||
            e->qclass != q->qclass || e->name_len != q->name_len)
        return 0;
    for (size_t i = 0; i < q->name_len; i++) {
        if (e->name[i] != ascii_lower(q->question[i]))
            return 0;
    }
    return 1;
}

const struct cache_entry *cache_lookup(const struct dns_query *q,
        solo5_time_t now)
{
    uint32_t h = key_hash(q);

    for (unsigned i = 0; i < CACHE_PROBE; i++) {
        struct cache_entry *e = &table[(h + i) & (CACHE_SLOTS - 1)];

        if (key_equal(e, q, h)) {
            if (now >= e->expires) {
                e->used = 0;
                return NULL;
            }
            return e;
        }
    }
    return NULL;
}

int cache_store(const struct dns_query *q, const uint8_t *body,
        const struct dns_resp *resp, solo5_time_t now)
{
    uint32_t h = key_hash(q);
    struct cache_entry *slot = NULL;

    if (resp->ttl == 0 || resp->body_len > CACHE_MSG_MAX)
        return -1;
    for (unsigned i = 0; i < CACHE_PROBE; i++) {
        struct cache_entry *e = &table[(h + i) & (CACHE_SLOTS - 1)];

        if (key_equal(e, q, h) || !e->used || now >= e->expires) {
            slot = e;
            break;
        }
        if (slot == NULL || e->expires < slot->expires)
            slot = e;                       /* evict the soonest to expire */
    }
    slot->used = 1;
    slot->hash = h;
    slot->qtype = q->qtype;
    slot->qclass = q->qclass;
    slot->name_len = q->name_len;
    for (size_t i = 0; i < q->name_len; i++)
        slot->name[i] = ascii_lower(q->question[i]);
    slot->stored = now;
    slot->expires = now + (solo5_time_t)resp->ttl * NSEC_PER_SEC;
    slot->resp = *resp;
    copy_bytes(slot->body, body, resp->body_len);
    return 0;
}

unsigned cache_count(solo5_time_t now)
{
    unsigned n = 0;

    for (unsigned i = 0; i < CACHE_SLOTS; i++)
        n += table[i].used && now < table[i].expires;
    return n;
}
