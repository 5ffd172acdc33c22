/*
 * dns_query.c: the queries (RFC 1035 section 4): checking what a client
 * asks, the error answers, the query we send upstream, and the OPT record
 * of EDNS(0) (RFC 6891).
 *
 * Every length and offset taken from a message is checked against the
 * message's size before it is used, so a hostile query can neither make the
 * resolver read out of bounds nor loop.
 */
#include "dns_wire.h"

int dns_parse_query(const uint8_t *m, size_t len, struct dns_query *q)
{
    size_t o = DNS_HLEN;
    uint16_t qd, an, ns, ar;

    q->qlen = 0;
    q->edns = 0;
    q->udp_size = 512;
    if (len < DNS_HLEN)
        return DNS_DROP;
    q->id = ns_rd16(m + H_ID);
    q->flags[0] = m[H_FLAGS];
    q->flags[1] = m[H_FLAGS + 1];
    if (m[H_FLAGS] & F0_QR)
        return DNS_DROP;                    /* a response: never answer it */
    if (m[H_FLAGS] & F0_OPCODE)
        return DNS_NOTIMP;                  /* only standard queries */
    qd = ns_rd16(m + H_QDCOUNT);
    an = ns_rd16(m + H_ANCOUNT);
    ns = ns_rd16(m + H_NSCOUNT);
    ar = ns_rd16(m + H_ARCOUNT);
    if (qd != 1 || an != 0 || ns != 0 || ar > 1)
        return DNS_FORMERR;

    /* The name: plain labels only, at most 255 octets in all. */
    for (;;) {
        uint8_t l;

        if (o >= len || o - DNS_HLEN >= DNS_NAME_MAX)
            return DNS_FORMERR;
        l = m[o];
        if (l == 0)
            break;
        if (l > 63)
            return DNS_FORMERR;             /* pointers have no place here */
        o += 1 + (size_t)l;
    }
    o++;
    q->name_len = o - DNS_HLEN;
    if (q->name_len > DNS_NAME_MAX || o + 4 > len)
        return DNS_FORMERR;
    q->qtype = ns_rd16(m + o);
    q->qclass = ns_rd16(m + o + 2);
    o += 4;
    q->qlen = o - DNS_HLEN;
    copy_bytes(q->question, m + DNS_HLEN, q->qlen);

    if (ar == 1) {
        size_t rdlen;
        uint8_t version;

        /* The only additional record we accept: OPT, owned by the root. */
        if (o + DNS_OPT_LEN > len || m[o] != 0 ||
                ns_rd16(m + o + 1) != DNS_TYPE_OPT)
            return DNS_FORMERR;
        q->edns = 1;
        q->udp_size = ns_rd16(m + o + 3) < 512 ? 512 : ns_rd16(m + o + 3);
        version = m[o + 6];
        rdlen = ns_rd16(m + o + 9);
        o += DNS_OPT_LEN;
        if (o + rdlen > len)
            return DNS_FORMERR;
        /* Options: code, length, data; they must fill the RDATA exactly. */
        for (size_t end = o + rdlen; o < end; ) {
            if (o + 4 > end || o + 4 + ns_rd16(m + o + 2) > end)
                return DNS_FORMERR;
            o += 4 + ns_rd16(m + o + 2);
        }
        if (version != 0)
            return DNS_BADVERS;
    }
    if (o != len)
        return DNS_FORMERR;                 /* trailing bytes */
    if (q->qtype == TYPE_IXFR || q->qtype == TYPE_AXFR ||
            q->qtype == TYPE_MAILB || q->qtype == TYPE_MAILA)
        return DNS_NOTIMP;                  /* zone transfers need TCP */
    return DNS_NOERROR;
}

size_t dns_put_opt(uint8_t *p, int ext_rcode)
{
    p[0] = 0;                               /* root */
    ns_wr16(p + 1, DNS_TYPE_OPT);
    ns_wr16(p + 3, DNS_EDNS_SIZE);
    p[5] = (uint8_t)ext_rcode;
    p[6] = 0;                               /* version */
    ns_wr16(p + 7, 0);                         /* flags (DO clear) */
    ns_wr16(p + 9, 0);                         /* no options */
    return DNS_OPT_LEN;
}

size_t dns_error_reply(uint8_t *out, const struct dns_query *q, int rcode)
{
    size_t n = DNS_HLEN;

    ns_wr16(out + H_ID, q->id);
    out[H_FLAGS] = F0_QR | (q->flags[0] & (F0_OPCODE | F0_RD));
    out[H_FLAGS + 1] = F1_RA | (q->flags[1] & F1_CD) | (rcode & F1_RCODE);
    ns_wr16(out + H_QDCOUNT, q->qlen != 0);
    ns_wr16(out + H_ANCOUNT, 0);
    ns_wr16(out + H_NSCOUNT, 0);
    ns_wr16(out + H_ARCOUNT, q->edns != 0);
    if (q->qlen != 0) {
        copy_bytes(out + n, q->question, q->qlen);
        n += q->qlen;
    }
    if (q->edns)
        n += dns_put_opt(out + n, rcode >> 4);
    return n;
}

size_t dns_build_query(uint8_t *out, const struct dns_query *q, uint16_t id,
        uint16_t udp_size)
{
    size_t n = DNS_HLEN;

    ns_wr16(out + H_ID, id);
    out[H_FLAGS] = F0_RD;
    out[H_FLAGS + 1] = 0;
    ns_wr16(out + H_QDCOUNT, 1);
    ns_wr16(out + H_ANCOUNT, 0);
    ns_wr16(out + H_NSCOUNT, 0);
    ns_wr16(out + H_ARCOUNT, 1);
    copy_bytes(out + n, q->question, q->qlen);
    n += q->qlen;
    n += dns_put_opt(out + n, 0);
    ns_wr16(out + n - DNS_OPT_LEN + 3, udp_size);
    return n;
}

void dns_name_to_text(char *buf, size_t size, const struct dns_query *q)
{
    size_t o = 0, n = 0;

    if (size == 0)
        return;
    while (o < q->name_len && q->question[o] != 0) {
        size_t l = q->question[o++];

        for (size_t i = 0; i < l && o < q->name_len; i++, o++) {
            uint8_t c = q->question[o];
            if (n + 2 >= size)
                break;
            buf[n++] = (c > 0x20 && c < 0x7f && c != '.') ? (char)c : '?';
        }
        if (n + 2 < size)
            buf[n++] = '.';
    }
    if (n == 0 && size > 1)
        buf[n++] = '.';
    buf[n] = '\0';
}
