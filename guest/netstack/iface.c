/*
 * iface.c: the interface: acquiring the NET device, Ethernet input, the
 * next-hop choice, and printing addresses.
 */
#include "ns_wire.h"

const uint8_t ns_mac_broadcast[NS_ETH_ALEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

int ns_acquire(struct ns_iface *nif)
{
    return solo5_net_acquire(nif->name, &nif->handle, &nif->info)
        == SOLO5_R_OK ? 0 : -1;
}

void ns_eth_header(const struct ns_iface *nif, uint8_t *f, const uint8_t *dst,
        uint16_t type)
{
    ns_mac_copy(f + ETH_DST, dst);
    ns_mac_copy(f + ETH_SRC, nif->info.mac_address);
    ns_wr16(f + ETH_TYPE, type);
}

enum ns_event ns_input(struct ns_iface *nif, uint8_t *frame, size_t len,
        struct ns_udp *u, solo5_time_t now)
{
    uint16_t type;

    if (len < NS_ETH_HLEN)
        return NS_NONE;
    if (!ns_mac_equal(frame + ETH_DST, nif->info.mac_address) &&
            !ns_mac_equal(frame + ETH_DST, ns_mac_broadcast))
        return NS_NONE;
    if ((frame[ETH_SRC] & 1) != 0)
        return NS_NONE;                     /* never answer a group address */
    type = ns_rd16(frame + ETH_TYPE);
    if (type == ETHERTYPE_IPV4)
        return ns_ipv4_input(nif, frame, len, u, now);
    if (type == ETHERTYPE_ARP)
        return ns_arp_input(nif, frame, len, now);
    return NS_NONE;
}

void ns_ip_text(char *buf, uint32_t ip)
{
    snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24),
            (unsigned)(ip >> 16) & 0xff, (unsigned)(ip >> 8) & 0xff,
            (unsigned)ip & 0xff);
}

void ns_mac_text(char *buf, const uint8_t *mac)
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
            mac[2], mac[3], mac[4], mac[5]);
}

const char *ns_ip_parse(const char *s, uint32_t *ip)
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
