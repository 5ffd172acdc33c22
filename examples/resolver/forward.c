/*
 * forward.c: client queries, upstream answers and the table of queries in
 * flight (see forward.h).
 */
#include "forward.h"
#include "cache.h"

#define PENDING_MAX     64
#define MAX_TRIES       3

enum pstate { P_FREE = 0, P_ARP, P_SENT };

/* A forwarded query waiting for its upstream answer. */
struct pending {
    enum pstate state;
    struct dns_query q;
    uint32_t client_ip;
    uint16_t client_port;
    uint8_t client_mac[NS_ETH_ALEN];
    uint16_t up_id;
    uint16_t up_port;
    int tries;
    solo5_time_t deadline;
};

static const struct config *cfg;
static struct ns_iface *nif;
static struct pending pending[PENDING_MAX];
static struct dns_query query;          /* the query being handled */
static struct stats st;
static uint8_t tx[NS_UDP_PAYLOAD + DNS_MSG_MAX];

void forward_init(const struct config *c, struct ns_iface *n)
{
    cfg = c;
    nif = n;
}

const struct stats *forward_stats(void)
{
    return &st;
}

static uint8_t *tx_payload(void)
{
    return tx + NS_UDP_PAYLOAD;
}

/* Largest DNS message we send in one datagram. */
static size_t reply_cap(void)
{
    size_t cap = ns_udp_max(nif);

    return cap < DNS_MSG_MAX ? cap : DNS_MSG_MAX;
}

static void reply(const uint8_t *mac, uint32_t ip, uint16_t port, size_t len)
{
    ns_udp_send(nif, tx, mac, ip, DNS_PORT, port, len);
}

void forward_ask_nexthop(solo5_time_t now)
{
    ns_arp_request(nif, cfg->nexthop, now);
}

/* Send (or, while the next hop's MAC is unknown, prepare) one try. */
static void send_upstream(struct pending *p, solo5_time_t now)
{
    size_t n;
    uint16_t size = DNS_EDNS_SIZE;
    const uint8_t *mac;

    p->tries++;
    p->deadline = now + (p->tries == 1 ? 1 : 2) * NSEC_PER_SEC;
    mac = ns_arp_lookup(nif, cfg->nexthop, now);
    if (mac == NULL) {
        p->state = P_ARP;
        forward_ask_nexthop(now);
        return;
    }
    if (ns_udp_max(nif) < size)
        size = (uint16_t)ns_udp_max(nif);
    n = dns_build_query(tx_payload(), &p->q, p->up_id, size);
    ns_udp_send(nif, tx, mac, cfg->upstream, p->up_port,
            cfg->upstream_port, n);
    p->state = P_SENT;
}

static void fail_pending(struct pending *p)
{
    size_t n = dns_error_reply(tx_payload(), &p->q, DNS_SERVFAIL);

    reply(p->client_mac, p->client_ip, p->client_port, n);
    log_query(p->client_ip, &p->q, "SERVFAIL (no answer from upstream)");
    p->state = P_FREE;
}

static void client_query(const struct ns_udp *u, solo5_time_t now)
{
    struct dns_query *q = &query;
    const struct cache_entry *e;
    struct pending *p = NULL;
    int rc;

    rc = dns_parse_query(u->data, u->len, q);
    if (rc == DNS_DROP) {
        st.ignored++;
        return;
    }
    st.queries++;
    if (rc != DNS_NOERROR) {
        size_t n = dns_error_reply(tx_payload(), q, rc);

        st.errors++;
        reply(u->src_mac, u->src_ip, u->src_port, n);
        log_query(u->src_ip, q, rc == DNS_FORMERR ? "FORMERR" :
                rc == DNS_NOTIMP ? "NOTIMP" : "BADVERS");
        return;
    }
    e = cache_lookup(q, now);
    if (e != NULL) {
        uint32_t age = (uint32_t)((now - e->stored) / NSEC_PER_SEC);
        size_t n = dns_answer(tx_payload(), reply_cap(), q, e->body, &e->resp,
                age);

        st.hits++;
        reply(u->src_mac, u->src_ip, u->src_port, n);
        log_query(u->src_ip, q, "cached");
        return;
    }
    for (int i = 0; i < PENDING_MAX; i++) {
        struct pending *c = &pending[i];

        if (c->state == P_FREE) {
            if (p == NULL)
                p = c;
        } else if (c->client_ip == u->src_ip && c->client_port == u->src_port
                && c->q.id == q->id) {
            return;                         /* a retry: already on it */
        }
    }
    if (p == NULL) {
        size_t n = dns_error_reply(tx_payload(), q, DNS_SERVFAIL);

        st.errors++;
        reply(u->src_mac, u->src_ip, u->src_port, n);
        log_query(u->src_ip, q, "SERVFAIL (too many queries in flight)");
        return;
    }
    p->q = *q;
    p->client_ip = u->src_ip;
    p->client_port = u->src_port;
    __builtin_memcpy(p->client_mac, u->src_mac, NS_ETH_ALEN);
    p->up_id = (uint16_t)rng_next();
    p->up_port = (uint16_t)(1024 + rng_next() % (65536 - 1024));
    p->tries = 0;
    st.forwarded++;
    log_query(u->src_ip, q, "forwarded");
    send_upstream(p, now);
}

static void upstream_answer(const struct ns_udp *u, solo5_time_t now)
{
    struct pending *p = NULL;
    struct dns_resp r;
    size_t n;

    if (u->len < DNS_HLEN)
        goto ignore;
    for (int i = 0; i < PENDING_MAX; i++) {
        struct pending *c = &pending[i];

        if (c->state == P_SENT && c->up_port == u->dst_port &&
                c->up_id == ns_rd16(u->data)) {
            p = c;
            break;
        }
    }
    /* Unknown, late, or malformed answers are ignored: the query is retried
     * and ends in SERVFAIL if no good answer comes. */
    if (p == NULL || dns_check_response(u->data, u->len, &p->q, cfg->max_ttl,
                &r) != 0)
        goto ignore;
    if (r.ttl != 0)
        cache_store(&p->q, u->data, &r, now);
    n = dns_answer(tx_payload(), reply_cap(), &p->q, u->data, &r, 0);
    reply(p->client_mac, p->client_ip, p->client_port, n);
    if (r.rcode != DNS_NOERROR && r.rcode != DNS_NXDOMAIN)
        st.errors++;
    p->state = P_FREE;
    return;
ignore:
    st.ignored++;
}

void forward_udp(const struct ns_udp *u, solo5_time_t now)
{
    if (u->src_ip == cfg->upstream && u->src_port == cfg->upstream_port &&
            u->dst_port != DNS_PORT)
        upstream_answer(u, now);
    else if (u->dst_port == DNS_PORT)
        client_query(u, now);
    else
        st.ignored++;
}

void forward_nexthop_known(solo5_time_t now)
{
    for (int i = 0; i < PENDING_MAX; i++) {
        if (pending[i].state == P_ARP) {
            pending[i].tries--;             /* the wait was not a try */
            send_upstream(&pending[i], now);
        }
    }
}

solo5_time_t forward_timers(solo5_time_t now)
{
    solo5_time_t next = now + NSEC_PER_SEC;

    for (int i = 0; i < PENDING_MAX; i++) {
        struct pending *p = &pending[i];

        if (p->state == P_FREE)
            continue;
        if (now >= p->deadline) {
            if (p->tries >= MAX_TRIES) {
                st.timeouts++;
                fail_pending(p);
                continue;
            }
            send_upstream(p, now);
        }
        if (p->deadline < next)
            next = p->deadline;
    }
    /* Refresh the next hop's address before it goes stale. */
    ns_arp_refresh(nif, now);
    return next;
}
