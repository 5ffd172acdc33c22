/*
 * dns_response.c: the upstream's answers (RFC 1035 section 4): checking
 * them, their TTLs and the TTL of negative answers (RFC 2308 section 5),
 * and the answer the client gets, fresh or from the cache.
 *
 * Every length and offset taken from a message is checked against the
 * message's size before it is used; names are walked, never followed
 * (compression pointers are skipped, not dereferenced), so a hostile
 * message can neither make the resolver read out of bounds nor loop.
 */
#include "dns_wire.h"

/* TTLs with the top bit set count as zero (RFC 2181 section 8). */
static inline uint32_t ttl_value(uint32_t ttl)
{
    return (ttl & 0x80000000U) ? 0 : ttl;
}

/* Step over a name at (*off); the end must lie inside (len). */
static int skip_name(const uint8_t *m, size_t len, size_t *off)
{
    size_t o = *off;

    for (;;) {
        uint8_t l;

        if (o >= len)
            return -1;
        l = m[o];
        if (l == 0) {
            *off = o + 1;
            return 0;
        }
        if ((l & 0xc0) == 0xc0) {           /* compression pointer */
            if (o + 2 > len)
                return -1;
            *off = o + 2;
            return 0;
        }
        if ((l & 0xc0) != 0)                /* obsolete label types */
            return -1;
        o += 1 + (size_t)l;
    }
}

/* Same name, ignoring ASCII case (length octets are < 64, never letters). */
static int name_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return 0;
    }
    return 1;
}

int dns_check_response(uint8_t *m, size_t len, const struct dns_query *q,
        uint32_t max_ttl, struct dns_resp *r)
{
    size_t o = DNS_HLEN, ar_start = 0, opt_start = 0, opt_end = 0;
    unsigned counts[3], total, i;
    uint32_t min_ttl = 0xffffffffU, neg_ttl = 0;
    int have_soa = 0, n_opt = 0, overflow = 0;

    r->n_ttls = 0;
    r->ttl = 0;
    if (len < DNS_HLEN || (m[H_FLAGS] & F0_QR) == 0 ||
            (m[H_FLAGS] & F0_OPCODE) != 0 || ns_rd16(m + H_QDCOUNT) != 1)
        return -1;
    r->rcode = m[H_FLAGS + 1] & F1_RCODE;
    r->tc = (m[H_FLAGS] & F0_TC) != 0;
    if (len < DNS_HLEN + q->qlen ||
            !name_equal(m + DNS_HLEN, q->question, q->name_len) ||
            ns_rd32(m + DNS_HLEN + q->name_len) != ns_rd32(q->question + q->name_len))
        return -1;
    o += q->qlen;
    counts[0] = ns_rd16(m + H_ANCOUNT);
    counts[1] = ns_rd16(m + H_NSCOUNT);
    counts[2] = ns_rd16(m + H_ARCOUNT);
    total = counts[0] + counts[1] + counts[2];

    for (i = 0; i < total; i++) {
        size_t start = o, rdlen;
        uint16_t type;
        uint32_t ttl;

        if (i == counts[0] + counts[1])
            ar_start = o;
        if (skip_name(m, len, &o) != 0 || o + 10 > len)
            return -1;
        type = ns_rd16(m + o);
        rdlen = ns_rd16(m + o + 8);
        if (o + 10 + rdlen > len)
            return -1;
        if (type == DNS_TYPE_OPT) {
            /* Only one, only in the additional section. */
            if (i < counts[0] + counts[1] || n_opt++ > 0)
                return -1;
            opt_start = start;
            opt_end = o + 10 + rdlen;
        } else {
            ttl = ttl_value(ns_rd32(m + o + 4));
            if (ttl > max_ttl) {
                ttl = max_ttl;
                ns_wr32(m + o + 4, ttl);
            }
            if (ttl < min_ttl)
                min_ttl = ttl;
            if (r->n_ttls < DNS_MAX_TTLS)
                r->ttl_off[r->n_ttls++] = (uint16_t)(o + 4);
            else
                overflow = 1;               /* answerable, not cacheable */
            /* SOA in the authority section: the negative TTL. */
            if (type == TYPE_SOA && i >= counts[0] && i < counts[0] + counts[1]
                    && rdlen >= 22) {
                uint32_t minimum = ttl_value(ns_rd32(m + o + 10 + rdlen - 4));
                neg_ttl = minimum < ttl ? minimum : ttl;
                have_soa = 1;
            }
        }
        o += 10 + rdlen;
    }
    r->body_len = o;                        /* trailing bytes are dropped */

    if (n_opt != 0) {
        if (opt_end == o) {
            r->body_len = opt_start;        /* the usual case: OPT is last */
            ns_wr16(m + H_ARCOUNT, (uint16_t)(counts[2] - 1));
        } else {
            /* Cutting it out would break compression pointers behind it:
             * drop the (optional) additional section instead. */
            r->body_len = ar_start;
            ns_wr16(m + H_ARCOUNT, 0);
            while (r->n_ttls > 0 && r->ttl_off[r->n_ttls - 1] >= ar_start)
                r->n_ttls--;
        }
    }

    /* What may be cached, and for how long (RFC 2308 for negative answers). */
    if (r->tc || (r->rcode != DNS_NOERROR && r->rcode != DNS_NXDOMAIN) ||
            overflow)
        r->ttl = 0;
    else if (counts[0] == 0 || r->rcode == DNS_NXDOMAIN)
        r->ttl = have_soa ? (neg_ttl < min_ttl ? neg_ttl : min_ttl) : 0;
    else
        r->ttl = min_ttl;
    return 0;
}

size_t dns_answer(uint8_t *out, size_t cap, const struct dns_query *q,
        const uint8_t *body, const struct dns_resp *r, uint32_t age)
{
    size_t limit = q->edns ? q->udp_size : 512, n;
    size_t opt = q->edns ? DNS_OPT_LEN : 0;
    int tc = r->tc;                         /* the upstream's own truncation */

    if (limit > cap)
        limit = cap;
    if (r->body_len + opt <= limit) {
        copy_bytes(out, body, r->body_len);
        n = r->body_len;
        for (int i = 0; i < r->n_ttls; i++) {
            uint8_t *t = out + r->ttl_off[i];
            uint32_t ttl = ns_rd32(t);
            ns_wr32(t, ttl > age ? ttl - age : 0);
        }
    } else {
        /* Does not fit: header and question only, TC set (RFC 2181 9). */
        tc = 1;
        n = DNS_HLEN + q->qlen;
        ns_wr16(out + H_ANCOUNT, 0);
        ns_wr16(out + H_NSCOUNT, 0);
        ns_wr16(out + H_ARCOUNT, 0);
    }
    ns_wr16(out + H_ID, q->id);
    out[H_FLAGS] = F0_QR | (q->flags[0] & F0_RD) | (tc ? F0_TC : 0);
    out[H_FLAGS + 1] = F1_RA | (q->flags[1] & F1_CD) | (r->rcode & F1_RCODE);
    ns_wr16(out + H_QDCOUNT, 1);
    copy_bytes(out + DNS_HLEN, q->question, q->qlen);  /* the client's case */
    if (opt) {
        n += dns_put_opt(out + n, 0);
        ns_wr16(out + H_ARCOUNT, (uint16_t)(ns_rd16(out + H_ARCOUNT) + 1));
    }
    return n;
}
