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
 * The command line is config.c's, the query handling forward.c's; this file
 * starts the resolver and runs its loop.
 *
 * Console: a few start-up lines ending in "resolver: ready, ...", one line
 * per query with --verbose, and a statistics line every five minutes when
 * there was traffic.
 */
#include "forward.h"
#include "cache.h"

#define MAX_BURST       256             /* frames per wake-up */
#define STATS_INTERVAL  (300 * NSEC_PER_SEC)

static struct config cfg;
static struct ns_iface nif = { .name = "service" };
static uint8_t rx[65536 + NS_ETH_HLEN];

static int serve(void)
{
    solo5_time_t now = solo5_clock_monotonic(), next_stats = now + STATS_INTERVAL;
    size_t rx_size = nif.info.mtu + NS_ETH_HLEN;

    if (rx_size > sizeof rx)
        rx_size = sizeof rx;
    for (;;) {
        solo5_handle_set_t ready = 0;
        solo5_time_t deadline = forward_timers(now);

        solo5_yield(deadline, &ready);
        now = solo5_clock_monotonic();
        if (ready & (1ULL << nif.handle)) {
            for (int i = 0; i < MAX_BURST; i++) {
                struct ns_udp u;
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
                switch (ns_input(&nif, rx, len, &u, now)) {
                case NS_UDP:
                    forward_udp(&u, now);
                    break;
                case NS_ARP_LEARNED:
                    forward_nexthop_known(now);
                    break;
                default:
                    break;
                }
            }
        }
        if (now >= next_stats) {
            log_stats(forward_stats(), now);
            next_stats = now + STATS_INTERVAL;
        }
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    char mac[18], ip[16], gw[16], up[16], hop[16];

    if (config_parse(si->cmdline, &cfg) != 0)
        return SOLO5_EXIT_FAILURE;
    console_set_verbose(cfg.verbose);
    forward_init(&cfg, &nif);
    if (ns_acquire(&nif) != 0) {
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

    ns_mac_text(mac, nif.info.mac_address);
    ns_ip_text(ip, cfg.ip);
    ns_ip_text(up, cfg.upstream);
    ns_ip_text(hop, cfg.nexthop);
    if (cfg.gateway != 0)
        ns_ip_text(gw, cfg.gateway);
    else
        strcpy(gw, "none");
    printf("resolver: service: MAC %s, MTU %lu\n", mac,
            (unsigned long)nif.info.mtu);
    printf("resolver: address %s/%d, gateway %s\n", ip, cfg.prefix, gw);
    printf("resolver: upstream %s:%u via %s, cache %u entries, max TTL %lus\n",
            up, cfg.upstream_port, hop, CACHE_SLOTS,
            (unsigned long)cfg.max_ttl);
    if (ns_arp_announce(&nif) != 0) {
        putstr("resolver: could not send on the NET device\n");
        return SOLO5_EXIT_FAILURE;
    }
    forward_ask_nexthop(solo5_clock_monotonic());
    printf("resolver: ready, serving DNS on %s:%u\n", ip, DNS_PORT);
    serve();
    return SOLO5_EXIT_FAILURE;
}
