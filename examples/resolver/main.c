/*
 * resolver: a caching DNS forwarder as a Solo5 hvt unikernel.
 *
 *   resolver.hvt --ipv4=10.0.0.2/24 [--ipv4-gateway=10.0.0.1]
 *                --upstream=IP[:PORT] [--max-ttl=SECONDS] [--verbose]
 *
 * Serves DNS over UDP on port 53 of its address on the NET device
 * "service". Each query is answered from the cache or forwarded (with a
 * random ID and source port) to the upstream server; the answer goes back
 * to the client and, if it is cacheable (NOERROR or NXDOMAIN, not
 * truncated, with a TTL), into the cache for that TTL. Malformed queries get
 * FORMERR, other opcodes NOTIMP, unknown EDNS versions BADVERS; an upstream
 * that does not answer within about five seconds (three tries) gives
 * SERVFAIL. It also answers ARP and ICMP echo (ping) for its address.
 *
 * Console: a few start-up lines ending in "resolver: ready, ...", one line
 * per query with --verbose, and a statistics line every five minutes when
 * there was traffic.
 */
#include "net.h"
#include "dns.h"
#include "cache.h"

#define DNS_PORT        53
#define PENDING_MAX     64
#define MAX_BURST       256             /* frames per wake-up */
#define MAX_TRIES       3
#define DEFAULT_MAX_TTL 86400
#define STATS_INTERVAL  (300 * NSEC_PER_SEC)

struct config {
    uint32_t ip;
    uint32_t mask;
    int prefix;
    uint32_t gateway;
    uint32_t upstream;
    uint16_t upstream_port;
    uint32_t max_ttl;
    int verbose;
};

enum pstate { P_FREE = 0, P_ARP, P_SENT };

/* A forwarded query waiting for its upstream answer. */
struct pending {
    enum pstate state;
    struct dns_query q;
    uint32_t client_ip;
    uint16_t client_port;
    uint8_t client_mac[ETH_ALEN];
    uint16_t up_id;
    uint16_t up_port;
    int tries;
    solo5_time_t deadline;
};

struct stats {
    unsigned long queries, hits, forwarded, errors, timeouts, ignored;
};

static struct config cfg;
static struct netif nif = { .name = "service" };
static struct nexthop nh;
static solo5_time_t nh_asked;           /* last ARP request for the next hop */
static int nh_asked_ever;
static struct pending pending[PENDING_MAX];
static struct dns_query query;          /* the query being handled */
static struct stats st, st_logged;
static uint8_t rx[65536 + ETH_HLEN];
static uint8_t tx[NET_UDP_PAYLOAD + DNS_MSG_MAX];

static uint8_t *tx_payload(void)
{
    return tx + NET_UDP_PAYLOAD;
}

/* Largest DNS message we send in one datagram. */
static size_t reply_cap(void)
{
    size_t cap = net_udp_max(&nif);

    return cap < DNS_MSG_MAX ? cap : DNS_MSG_MAX;
}

/* --- command line --------------------------------------------------------- */

/* "a.b.c.d"; returns the first character after it, or NULL. */
static const char *parse_ip(const char *s, uint32_t *ip)
{
    uint32_t v = 0;

    for (int part = 0; part < 4; part++) {
        unsigned n = 0;
        int digits = 0;

        if (part > 0 && *s++ != '.')
            return NULL;
        while (*s >= '0' && *s <= '9' && digits < 4) {
            n = n * 10 + (unsigned)(*s++ - '0');
            digits++;
        }
        if (digits == 0 || digits > 3 || n > 255)
            return NULL;
        v = (v << 8) | n;
    }
    *ip = v;
    return s;
}

static const char *parse_uint(const char *s, unsigned long max,
        unsigned long *out)
{
    unsigned long v = 0;

    if (*s < '0' || *s > '9')
        return NULL;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned long)(*s++ - '0');
        if (v > max)
            return NULL;
    }
    *out = v;
    return s;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void usage(void)
{
    putstr("usage: resolver --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS]\n"
            "                --upstream=ADDRESS[:PORT] [--max-ttl=SECONDS]"
            " [--verbose]\n");
}

static int bad_arg(const char *arg, const char *why)
{
    printf("resolver: %s: %s\n", arg, why);
    usage();
    return -1;
}

static int parse_arg(const char *a)
{
    const char *v;
    unsigned long n;

    if (starts_with(a, "--ipv4=")) {
        v = parse_ip(a + 7, &cfg.ip);
        if (v == NULL || *v++ != '/' || (v = parse_uint(v, 32, &n)) == NULL ||
                *v != '\0' || n == 0)
            return bad_arg(a, "expected ADDRESS/PREFIX, e.g. 10.0.0.2/24");
        cfg.prefix = (int)n;
        cfg.mask = n == 32 ? 0xffffffffU : ~(0xffffffffU >> n);
    } else if (starts_with(a, "--ipv4-gateway=")) {
        v = parse_ip(a + 15, &cfg.gateway);
        if (v == NULL || *v != '\0')
            return bad_arg(a, "expected an IPv4 address");
    } else if (starts_with(a, "--upstream=")) {
        v = parse_ip(a + 11, &cfg.upstream);
        cfg.upstream_port = DNS_PORT;
        if (v != NULL && *v == ':') {
            v = parse_uint(v + 1, 65535, &n);
            if (v != NULL && n == 0)
                v = NULL;
            cfg.upstream_port = (uint16_t)n;
        }
        if (v == NULL || *v != '\0')
            return bad_arg(a, "expected ADDRESS or ADDRESS:PORT");
    } else if (starts_with(a, "--max-ttl=")) {
        v = parse_uint(a + 10, 604800, &n);
        if (v == NULL || *v != '\0' || n == 0)
            return bad_arg(a, "expected 1 to 604800 seconds");
        cfg.max_ttl = (uint32_t)n;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
        cfg.verbose = 1;
    } else {
        return bad_arg(a, "unknown argument");
    }
    return 0;
}

static int parse_cmdline(const char *s)
{
    char arg[128];

    cfg.max_ttl = DEFAULT_MAX_TTL;
    for (;;) {
        size_t n = 0;

        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0')
            break;
        while (*s != '\0' && !isspace((unsigned char)*s)) {
            if (n + 1 >= sizeof arg)
                return bad_arg("(argument)", "too long");
            arg[n++] = *s++;
        }
        arg[n] = '\0';
        if (parse_arg(arg) != 0)
            return -1;
    }
    if (cfg.ip == 0 || cfg.upstream == 0) {
        putstr("resolver: --ipv4 and --upstream are required\n");
        usage();
        return -1;
    }
    if (cfg.gateway != 0 && ((cfg.gateway ^ cfg.ip) & cfg.mask) != 0) {
        putstr("resolver: the gateway is not in the --ipv4 subnet\n");
        return -1;
    }
    if (cfg.upstream == cfg.ip || (cfg.gateway != 0 && cfg.gateway == cfg.ip)) {
        putstr("resolver: the upstream and gateway must be other hosts\n");
        return -1;
    }
    if (((cfg.upstream ^ cfg.ip) & cfg.mask) == 0)
        nh.ip = cfg.upstream;               /* on the link */
    else if (cfg.gateway != 0)
        nh.ip = cfg.gateway;
    else {
        putstr("resolver: the upstream is not on the link: "
                "--ipv4-gateway is needed\n");
        return -1;
    }
    return 0;
}

/* --- logging -------------------------------------------------------------- */

static const char *type_name(uint16_t t, char *buf)
{
    switch (t) {
    case 1: return "A";
    case 2: return "NS";
    case 5: return "CNAME";
    case 6: return "SOA";
    case 12: return "PTR";
    case 15: return "MX";
    case 16: return "TXT";
    case 28: return "AAAA";
    case 33: return "SRV";
    case 255: return "ANY";
    default:
        snprintf(buf, 12, "TYPE%u", t);
        return buf;
    }
}

static void log_query(uint32_t client, const struct dns_query *q,
        const char *what)
{
    char ip[16], name[128], tbuf[12];

    if (!cfg.verbose)
        return;
    ip_to_text(ip, client);
    if (q->qlen != 0)
        dns_name_to_text(name, sizeof name, q);
    else
        strcpy(name, "-");
    printf("resolver: %s %s %s: %s\n", ip, name,
            q->qlen != 0 ? type_name(q->qtype, tbuf) : "-", what);
}

static void log_stats(solo5_time_t now)
{
    if (st.queries == st_logged.queries && st.timeouts == st_logged.timeouts)
        return;
    printf("resolver: %lu queries, %lu from cache, %lu forwarded, "
            "%lu errors, %lu timeouts, %lu packets ignored, %u cached\n",
            st.queries, st.hits, st.forwarded, st.errors, st.timeouts,
            st.ignored, cache_count(now));
    st_logged = st;
}

/* --- forwarding ----------------------------------------------------------- */

static void reply(const uint8_t *mac, uint32_t ip, uint16_t port, size_t len)
{
    net_udp_send(&nif, tx, mac, ip, DNS_PORT, port, len);
}

static int nexthop_usable(solo5_time_t now)
{
    return nh.known && now - nh.learned < NEXTHOP_LIFETIME;
}

static void ask_nexthop(solo5_time_t now)
{
    if (nh_asked_ever && now - nh_asked < NSEC_PER_SEC / 2)
        return;
    nh_asked = now;
    nh_asked_ever = 1;
    net_send_arp_request(&nif, nh.ip);
}

/* Send (or, while the next hop's MAC is unknown, prepare) one try. */
static void send_upstream(struct pending *p, solo5_time_t now)
{
    size_t n;
    uint16_t size = DNS_EDNS_SIZE;

    p->tries++;
    p->deadline = now + (p->tries == 1 ? 1 : 2) * NSEC_PER_SEC;
    if (!nexthop_usable(now)) {
        nh.known = 0;
        p->state = P_ARP;
        ask_nexthop(now);
        return;
    }
    if (net_udp_max(&nif) < size)
        size = (uint16_t)net_udp_max(&nif);
    n = dns_build_query(tx_payload(), &p->q, p->up_id, size);
    net_udp_send(&nif, tx, nh.mac, cfg.upstream, p->up_port,
            cfg.upstream_port, n);
    p->state = P_SENT;
}

static void fail_pending(struct pending *p)
{
    size_t n = dns_error_reply(tx_payload(), &p->q, DNS_SERVFAIL);

    reply(p->client_mac, p->client_ip, p->client_port, n);
    log_query(p->client_ip, &p->q, "SERVFAIL (no answer from upstream)");
    p->state = P_FREE;
}

static void client_query(const struct udp_in *u, solo5_time_t now)
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
    __builtin_memcpy(p->client_mac, u->src_mac, ETH_ALEN);
    p->up_id = (uint16_t)rng_next();
    p->up_port = (uint16_t)(1024 + rng_next() % (65536 - 1024));
    p->tries = 0;
    st.forwarded++;
    log_query(u->src_ip, q, "forwarded");
    send_upstream(p, now);
}

static void upstream_answer(const struct udp_in *u, solo5_time_t now)
{
    struct pending *p = NULL;
    struct dns_resp r;
    size_t n;

    if (u->len < DNS_HLEN)
        goto ignore;
    for (int i = 0; i < PENDING_MAX; i++) {
        struct pending *c = &pending[i];

        if (c->state == P_SENT && c->up_port == u->dst_port &&
                c->up_id == rd16(u->data)) {
            p = c;
            break;
        }
    }
    /* Unknown, late, or malformed answers are ignored: the query is retried
     * and ends in SERVFAIL if no good answer comes. */
    if (p == NULL || dns_check_response(u->data, u->len, &p->q, cfg.max_ttl,
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

static void udp_input(const struct udp_in *u, solo5_time_t now)
{
    if (u->src_ip == cfg.upstream && u->src_port == cfg.upstream_port &&
            u->dst_port != DNS_PORT)
        upstream_answer(u, now);
    else if (u->dst_port == DNS_PORT)
        client_query(u, now);
    else
        st.ignored++;
}

/* The next hop answered: send everything that waited for it. */
static void nexthop_known(solo5_time_t now)
{
    for (int i = 0; i < PENDING_MAX; i++) {
        if (pending[i].state == P_ARP) {
            pending[i].tries--;             /* the wait was not a try */
            send_upstream(&pending[i], now);
        }
    }
}

/* Retries, time-outs, ARP refresh; returns the next deadline. */
static solo5_time_t timers(solo5_time_t now)
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
    if (nh.known && now - nh.learned > NEXTHOP_LIFETIME / 2 &&
            now - nh_asked > 10 * NSEC_PER_SEC) {
        nh_asked = now;
        net_send_arp_request(&nif, nh.ip);
    }
    return next;
}

/* --- main loop ------------------------------------------------------------ */

static int serve(void)
{
    solo5_time_t now = solo5_clock_monotonic(), next_stats = now + STATS_INTERVAL;
    size_t rx_size = nif.info.mtu + ETH_HLEN;

    if (rx_size > sizeof rx)
        rx_size = sizeof rx;
    for (;;) {
        solo5_handle_set_t ready = 0;
        solo5_time_t deadline = timers(now);

        solo5_yield(deadline, &ready);
        now = solo5_clock_monotonic();
        if (ready & (1ULL << nif.handle)) {
            for (int i = 0; i < MAX_BURST; i++) {
                struct udp_in u;
                size_t len = 0;
                solo5_result_t res;

                res = solo5_net_read(nif.handle, rx, rx_size, &len);
                if (res == SOLO5_R_AGAIN)
                    break;
                if (res != SOLO5_R_OK) {
                    putstr("resolver: network read error\n");
                    return -1;
                }
                rng_stir(cycles_read());
                switch (net_input(&nif, &nh, rx, len, &u, now)) {
                case NET_UDP:
                    udp_input(&u, now);
                    break;
                case NET_NEXTHOP:
                    nexthop_known(now);
                    break;
                default:
                    break;
                }
            }
        }
        if (now >= next_stats) {
            log_stats(now);
            next_stats = now + STATS_INTERVAL;
        }
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    char mac[18], ip[16], gw[16], up[16], hop[16];

    if (parse_cmdline(si->cmdline) != 0)
        return SOLO5_EXIT_FAILURE;
    if (net_acquire(&nif) != 0) {
        putstr("resolver: could not acquire the NET device 'service'\n");
        return SOLO5_EXIT_FAILURE;
    }
    if (nif.info.mtu < 576) {
        printf("resolver: MTU %lu is too small\n", (unsigned long)nif.info.mtu);
        return SOLO5_EXIT_FAILURE;
    }
    nif.ip = cfg.ip;
    nif.mask = cfg.mask;
    nif.gateway = cfg.gateway;
    rng_seed(cycles_read() ^ solo5_clock_wall() ^
            ((uint64_t)nif.info.mac_address[5] << 40));
    nif.ip_id = (uint16_t)rng_next();

    mac_to_text(mac, nif.info.mac_address);
    ip_to_text(ip, cfg.ip);
    ip_to_text(up, cfg.upstream);
    ip_to_text(hop, nh.ip);
    if (cfg.gateway != 0)
        ip_to_text(gw, cfg.gateway);
    else
        strcpy(gw, "none");
    printf("resolver: service: MAC %s, MTU %lu\n", mac,
            (unsigned long)nif.info.mtu);
    printf("resolver: address %s/%d, gateway %s\n", ip, cfg.prefix, gw);
    printf("resolver: upstream %s:%u via %s, cache %u entries, max TTL %lus\n",
            up, cfg.upstream_port, hop, CACHE_SLOTS,
            (unsigned long)cfg.max_ttl);
    if (net_send_garp(&nif) != 0) {
        putstr("resolver: could not send on the NET device\n");
        return SOLO5_EXIT_FAILURE;
    }
    ask_nexthop(solo5_clock_monotonic());
    printf("resolver: ready, serving DNS on %s:%u\n", ip, DNS_PORT);
    serve();
    return SOLO5_EXIT_FAILURE;
}
