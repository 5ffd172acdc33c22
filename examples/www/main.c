/*
 * main.c: the www example: a static web server for the files embedded from
 * site/ (see http.h), on the NET device "service".
 *
 *   www --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS] [--port=N] [--verbose]
 */
#include "config.h"
#include "http.h"
#include "embed.h"
#include "guestlib.h"
#include "cycles.h"

#define MAX_BURST 256

static struct config cfg;
static struct ns_iface nif = { .name = "service" };
static uint8_t rx[65536 + NS_ETH_HLEN];

static int serve(void)
{
    size_t rx_size = nif.info.mtu + NS_ETH_HLEN;

    if (rx_size > sizeof rx)
        rx_size = sizeof rx;
    for (;;) {
        solo5_handle_set_t ready = 0;
        solo5_time_t now = solo5_clock_monotonic();

        solo5_yield(ns_tcp_timers(&nif, now), &ready);
        if (!(ready & (1ULL << nif.handle)))
            continue;
        for (int i = 0; i < MAX_BURST; i++) {
            struct ns_udp u;
            size_t len = 0;
            solo5_result_t res = solo5_net_read(nif.handle, rx, rx_size, &len);

            if (res == SOLO5_R_AGAIN)
                break;
            if (res != SOLO5_R_OK) {
                putstr("www: network read error\n");
                return -1;
            }
            ns_input(&nif, rx, len, &u, solo5_clock_monotonic());
        }
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    char ip[16], mac[18];
    uint64_t bytes = 0;

    if (config_parse(si->cmdline, &cfg) != 0)
        return SOLO5_EXIT_FAILURE;
    if (ns_acquire(&nif) != 0) {
        putstr("www: could not acquire the NET device 'service'\n");
        return SOLO5_EXIT_FAILURE;
    }
    nif.ip = cfg.ip;
    nif.mask = cfg.mask;
    nif.gateway = cfg.gateway;
    nif.ip_id = (uint16_t)cycles_read();
    for (uint64_t i = 0; i < tender_embed_count; i++)
        bytes += tender_embed_files[i].size;
    ns_mac_text(mac, nif.info.mac_address);
    ns_ip_text(ip, cfg.ip);
    printf("www: service: MAC %s, MTU %lu\n", mac, (unsigned long)nif.info.mtu);
    printf("www: %llu files, %llu bytes embedded\n", (unsigned long long)tender_embed_count,
            (unsigned long long)bytes);
    http_start(&nif, cfg.port, cfg.verbose, cycles_read() ^ solo5_clock_wall());
    if (ns_arp_announce(&nif) != 0) {
        putstr("www: could not send on the NET device\n");
        return SOLO5_EXIT_FAILURE;
    }
    printf("www: ready, serving HTTP on %s:%u\n", ip, (unsigned)cfg.port);
    serve();
    return SOLO5_EXIT_FAILURE;
}
