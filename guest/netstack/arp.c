/*
 * arp.c: ARP (RFC 826) over the interface's small cache.
 *
 * An entry is made for an address the application asks for
 * (ns_arp_request) and, while there is room, for a host that asks for ours.
 * Any ARP packet from an address in the cache updates its entry; packets
 * from other senders change nothing, so unsolicited replies cannot fill or
 * poison the cache. When the cache is full, asking for a new address
 * replaces the entry used longest ago.
 */
#include "ns_wire.h"

/* htype 1 (Ethernet), ptype IPv4, hlen 6, plen 4 */
static const uint8_t arp_head[6] = { 0, 1, 8, 0, 6, 4 };
static const uint8_t mac_zero[NS_ETH_ALEN];

#define ASK_INTERVAL        (NS_NSEC_PER_SEC / 2)
#define REFRESH_INTERVAL    (10 * NS_NSEC_PER_SEC)

static int send_arp(struct ns_iface *nif, int op, const uint8_t *dst_mac,
        const uint8_t *target_mac, uint32_t target_ip)
{
    uint8_t f[NS_ETH_HLEN + ARP_LEN];
    uint8_t *a = f + NS_ETH_HLEN;

    ns_eth_header(nif, f, dst_mac, ETHERTYPE_ARP);
    __builtin_memcpy(a, arp_head, sizeof arp_head);
    ns_wr16(a + ARP_OP, (uint16_t)op);
    ns_mac_copy(a + ARP_SHA, nif->info.mac_address);
    ns_wr32(a + ARP_SPA, nif->ip);
    ns_mac_copy(a + ARP_THA, target_mac);
    ns_wr32(a + ARP_TPA, target_ip);
    return solo5_net_write(nif->handle, f, sizeof f) == SOLO5_R_OK ? 0 : -1;
}

int ns_arp_announce(struct ns_iface *nif)
{
    return send_arp(nif, ARP_REQUEST, ns_mac_broadcast, mac_zero, nif->ip);
}

static struct ns_arp_entry *find(const struct ns_iface *nif, uint32_t ip)
{
    for (int i = 0; i < NS_ARP_ENTRIES; i++) {
        if (nif->arp[i].ip == ip && ip != 0)
            return (struct ns_arp_entry *)&nif->arp[i];
    }
    return NULL;
}

static solo5_time_t last_use(const struct ns_arp_entry *e)
{
    return e->learned > e->asked ? e->learned : e->asked;
}

/* A free entry for (ip), or with (evict) the one used longest ago. */
static struct ns_arp_entry *make(struct ns_iface *nif, uint32_t ip, int evict)
{
    struct ns_arp_entry *oldest = &nif->arp[0];

    for (int i = 0; i < NS_ARP_ENTRIES; i++) {
        struct ns_arp_entry *e = &nif->arp[i];
        if (e->ip == 0) {
            oldest = e;
            break;
        }
        if (last_use(e) < last_use(oldest))
            oldest = e;
    }
    if (oldest->ip != 0 && !evict)
        return NULL;
    __builtin_memset(oldest, 0, sizeof *oldest);
    oldest->ip = ip;
    return oldest;
}

const uint8_t *ns_arp_lookup(const struct ns_iface *nif, uint32_t ip,
        solo5_time_t now)
{
    const struct ns_arp_entry *e = find(nif, ip);

    if (e == NULL || !e->valid || now - e->learned >= NS_ARP_LIFETIME)
        return NULL;
    return e->mac;
}

int ns_arp_request(struct ns_iface *nif, uint32_t ip, solo5_time_t now)
{
    struct ns_arp_entry *e = find(nif, ip);

    if (ip == 0)
        return -1;
    if (e == NULL)
        e = make(nif, ip, 1);
    if (e->asked != 0 && now - e->asked < ASK_INTERVAL)
        return 0;
    e->asked = now;
    return send_arp(nif, ARP_REQUEST, ns_mac_broadcast, mac_zero, ip);
}

void ns_arp_refresh(struct ns_iface *nif, solo5_time_t now)
{
    for (int i = 0; i < NS_ARP_ENTRIES; i++) {
        struct ns_arp_entry *e = &nif->arp[i];
        if (e->ip != 0 && e->valid && now - e->learned > NS_ARP_LIFETIME / 2
                && now - e->asked > REFRESH_INTERVAL) {
            e->asked = now;
            send_arp(nif, ARP_REQUEST, ns_mac_broadcast, mac_zero, e->ip);
        }
    }
}

enum ns_event ns_arp_input(struct ns_iface *nif, const uint8_t *f, size_t len,
        solo5_time_t now)
{
    const uint8_t *a = f + NS_ETH_HLEN;
    struct ns_arp_entry *e;
    uint32_t spa, tpa;
    uint16_t op;
    enum ns_event ev = NS_NONE;

    if (len < NS_ETH_HLEN + ARP_LEN || __builtin_memcmp(a, arp_head, 6) != 0)
        return NS_NONE;
    op = ns_rd16(a + ARP_OP);
    spa = ns_rd32(a + ARP_SPA);
    tpa = ns_rd32(a + ARP_TPA);
    if ((a[ARP_SHA] & 1) != 0 || spa == nif->ip)
        return NS_NONE;                     /* a bogus sender */
    /* A probe (sender 0.0.0.0, RFC 5227) is answered but teaches nothing. */
    e = spa == 0 ? NULL : find(nif, spa);
    if (e == NULL && spa != 0 && op == ARP_REQUEST && tpa == nif->ip)
        e = make(nif, spa, 0);
    if (e != NULL) {
        if (!e->valid)
            ev = NS_ARP_LEARNED;
        ns_mac_copy(e->mac, a + ARP_SHA);
        e->valid = 1;
        e->learned = now;
    }
    if (op == ARP_REQUEST && tpa == nif->ip)
        send_arp(nif, ARP_REPLY, a + ARP_SHA, a + ARP_SHA, spa);
    return ev;
}
