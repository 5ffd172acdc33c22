/*
 * arp.c: ARP for the resolver (RFC 826): answering requests for our
 * address, asking for the next hop's, and the gratuitous ARP at start-up.
 */
#include "net_wire.h"

const uint8_t mac_broadcast[ETH_ALEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* htype 1 (Ethernet), ptype IPv4, hlen 6, plen 4 */
static const uint8_t arp_head[6] = { 0, 1, 8, 0, 6, 4 };

static uint8_t arp_frame[ETH_HLEN + ARP_LEN];

static int send_arp(struct netif *nif, int op, const uint8_t *dst_mac,
        const uint8_t *target_mac, uint32_t target_ip)
{
    uint8_t *f = arp_frame, *a = f + ETH_HLEN;

    mac_copy(f + ETH_DST, dst_mac);
    mac_copy(f + ETH_SRC, nif->info.mac_address);
    wr16(f + ETH_TYPE, ETHERTYPE_ARP);
    __builtin_memcpy(a, arp_head, sizeof arp_head);
    wr16(a + ARP_OP, (uint16_t)op);
    mac_copy(a + ARP_SHA, nif->info.mac_address);
    wr32(a + ARP_SPA, nif->ip);
    mac_copy(a + ARP_THA, target_mac);
    wr32(a + ARP_TPA, target_ip);
    return solo5_net_write(nif->handle, f, sizeof arp_frame) == SOLO5_R_OK
        ? 0 : -1;
}

static const uint8_t mac_zero[ETH_ALEN];

/* A gratuitous ARP: a broadcast request for our own address. */
int net_send_garp(struct netif *nif)
{
    return send_arp(nif, ARP_REQUEST, mac_broadcast, mac_zero, nif->ip);
}

int net_send_arp_request(struct netif *nif, uint32_t target)
{
    return send_arp(nif, ARP_REQUEST, mac_broadcast, mac_zero, target);
}

enum net_event net_arp_input(struct netif *nif, struct nexthop *nh,
        const uint8_t *f, size_t len, solo5_time_t now)
{
    const uint8_t *a = f + ETH_HLEN;
    uint32_t spa, tpa;
    uint16_t op;
    enum net_event ev = NET_NONE;

    if (len < ETH_HLEN + ARP_LEN || __builtin_memcmp(a, arp_head, 6) != 0)
        return NET_NONE;
    op = rd16(a + ARP_OP);
    spa = rd32(a + ARP_SPA);
    tpa = rd32(a + ARP_TPA);
    if ((a[ARP_SHA] & 1) != 0)
        return NET_NONE;                    /* multicast sender: bogus */
    /* Any ARP packet from the next hop tells us its current address. */
    if (spa == nh->ip && spa != 0) {
        ev = nh->known ? NET_NONE : NET_NEXTHOP;
        mac_copy(nh->mac, a + ARP_SHA);
        nh->known = 1;
        nh->learned = now;
    }
    if (op == ARP_REQUEST && tpa == nif->ip && spa != nif->ip)
        send_arp(nif, ARP_REPLY, a + ARP_SHA, a + ARP_SHA, spa);
    return ev;
}
