/*
 * dns.h: the DNS message handling of the resolver (RFC 1035, EDNS(0) from
 * RFC 6891, negative caching from RFC 2308): checking client queries,
 * building the upstream query, checking upstream answers and building the
 * answer for the client. Queries are dns_query.c's, answers
 * dns_response.c's.
 *
 * Answers are kept as whole messages ("bodies"): the upstream answer with
 * its OPT record removed, plus where its TTL fields are, so that an answer
 * served from the cache carries the remaining time to live.
 */
#ifndef RESOLVER_DNS_H
#define RESOLVER_DNS_H

#include "util.h"

#define DNS_HLEN        12
#define DNS_NAME_MAX    255
#define DNS_QMAX        (DNS_NAME_MAX + 4)  /* name, type, class */
#define DNS_MSG_MAX     4096                /* largest message handled */
#define DNS_EDNS_SIZE   1232                /* payload size we advertise */
#define DNS_MAX_TTLS    64                  /* records per cacheable answer */
#define DNS_OPT_LEN     11                  /* an OPT record without options */
#define DNS_TYPE_OPT    41

#define DNS_NOERROR     0
#define DNS_FORMERR     1
#define DNS_SERVFAIL    2
#define DNS_NXDOMAIN    3
#define DNS_NOTIMP      4
#define DNS_REFUSED     5
#define DNS_BADVERS     16                  /* extended RCODE, needs EDNS */
#define DNS_DROP        (-1)                /* not a query: no answer at all */

/* A client query, copied out of the packet. */
struct dns_query {
    uint16_t id;
    uint8_t flags[2];               /* header bytes 2 and 3 */
    uint8_t question[DNS_QMAX];     /* wire format, the client's spelling */
    size_t qlen;                    /* 0: the question was not understood */
    size_t name_len;
    uint16_t qtype;
    uint16_t qclass;
    int edns;                       /* the query carried an OPT record */
    uint16_t udp_size;              /* the client's payload size, >= 512 */
};

/* What dns_check_response() found in (and did to) an upstream answer. */
struct dns_resp {
    uint8_t rcode;
    uint8_t tc;
    size_t body_len;                /* the answer without OPT record */
    uint32_t ttl;                   /* how long it may be cached; 0: not */
    int n_ttls;
    uint16_t ttl_off[DNS_MAX_TTLS]; /* offsets of the TTL fields */
};

/*
 * Check a client query. Returns DNS_NOERROR for a query to forward or answer
 * from the cache, DNS_DROP for something that gets no answer (too short to
 * have an ID, or a response), or the RCODE of the error answer
 * (dns_error_reply()).
 */
int dns_parse_query(const uint8_t *m, size_t len, struct dns_query *q);

/* Header, the question if it was understood, OPT if the query had one. */
size_t dns_error_reply(uint8_t *out, const struct dns_query *q, int rcode);

/* The query we send upstream: our ID, RD, the question, our OPT record. */
size_t dns_build_query(uint8_t *out, const struct dns_query *q, uint16_t id,
        uint16_t udp_size);

/*
 * Check an upstream answer to (q), whose ID the caller has matched. Walks
 * every record, removes the OPT record in place (or the whole additional
 * section if OPT is not last), caps TTLs at (max_ttl), and works out how
 * long the answer may be cached. Returns 0, or -1 if the message is
 * malformed or answers another question.
 */
int dns_check_response(uint8_t *m, size_t len, const struct dns_query *q,
        uint32_t max_ttl, struct dns_resp *r);

/*
 * The answer to (q) from a checked body (fresh or cached, (age) seconds
 * old), at most (cap) bytes: the client's ID, RD, CD and question, RA set,
 * TTLs lowered by (age), TC and no records if it does not fit.
 */
size_t dns_answer(uint8_t *out, size_t cap, const struct dns_query *q,
        const uint8_t *body, const struct dns_resp *r, uint32_t age);

/* The question's name as text ("www.example.com."), for logs. */
void dns_name_to_text(char *buf, size_t size, const struct dns_query *q);

#endif /* RESOLVER_DNS_H */
