/*
 * net.c: Ethernet, IPv4, ICMP echo and UDP for the resolver (ARP is
 * arp.c's).
 *
 * Everything that arrives is checked before it is used: frame length
 * against the headers, the IPv4 header checksum, the total length against
 * the frame, the UDP length against the IP payload and the UDP checksum
 * when the sender set one. Fragments are dropped (the resolver never asks
 * for answers larger than its MTU, so its upstream does not fragment).
 */
#include "net_wire.h"

#define IP_VHL          0
#define IP_TOTLEN       2
#define IP_ID           4
#define IP_FRAG         6
#define IP_TTL          8
#define IP_PROTO        9
#define IP_CSUM         10
#define IP_SRC          12
#define IP_DST          16
#define IP_FRAG_MASK    0x3fff  /* MF and fragment offset */
#define IP_DF           0x4000
#define PROTO_ICMP      1
#define PROTO_UDP       17

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQ   8

#define UDP_SPORT       0
#define UDP_DPORT       2
#define UDP_LEN         4
#define UDP_CSUM        6

void ip_to_text(char *buf, uint32_t ip)
{
    snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24),
            (unsigned)(ip >> 16) & 0xff, (unsigned)(ip >> 8) & 0xff,
            (unsigned)ip & 0xff);
}

void mac_to_text(char *buf, const uint8_t *mac)
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
            mac[2], mac[3], mac[4], mac[5]);
}

int net_acquire(struct netif *nif)
{
    return solo5_net_acquire(nif->name, &nif->handle, &nif->info)
        == SOLO5_R_OK ? 0 : -1;
}

/* Answer an ICMP echo request in place. (ip) points into (f). */
static void icmp_input(struct netif *nif, uint8_t *f, uint8_t *ip,
        size_t hlen, size_t totlen)
{
    uint8_t *icmp = ip + hlen;
    size_t icmp_len = totlen - hlen;

    if (icmp_len < 8 || icmp[0] != ICMP_ECHO_REQ || icmp[1] != 0)
        return;
    if (csum_finish(csum_add(0, icmp, icmp_len)) != 0)
        return;                             /* damaged */
    icmp[0] = ICMP_ECHO_REPLY;
    csum_store(icmp + 2, 0);
    csum_store(icmp + 2, csum_finish(csum_add(0, icmp, icmp_len)));

    mac_copy(f + ETH_DST, f + ETH_SRC);
    mac_copy(f + ETH_SRC, nif->info.mac_address);
    if (hlen != IP_HLEN) {                  /* drop options: rebuild header */
        __builtin_memmove(ip + IP_HLEN, icmp, icmp_len);
        ip[IP_VHL] = 0x45;
        totlen = IP_HLEN + icmp_len;
        wr16(ip + IP_TOTLEN, (uint16_t)totlen);
    }
    wr32(ip + IP_DST, rd32(ip + IP_SRC));
    wr32(ip + IP_SRC, nif->ip);
    ip[IP_TTL] = 64;
    wr16(ip + IP_FRAG, 0);
    csum_store(ip + IP_CSUM, 0);
    csum_store(ip + IP_CSUM, csum_finish(csum_add(0, ip, IP_HLEN)));
    solo5_net_write(nif->handle, f, ETH_HLEN + totlen);
}

/* The broadcast address of our subnet (subnets of /30 and larger have one). */
static int is_subnet_broadcast(const struct netif *nif, uint32_t addr)
{
    uint32_t host = ~nif->mask;

    return host > 1 && ((addr ^ nif->ip) & nif->mask) == 0 &&
        (addr & host) == host;
}

/* Pseudo-header sum for UDP over IPv4 (addresses and length in host order). */
static uint64_t udp_pseudo(uint32_t src, uint32_t dst, size_t udp_len)
{
    uint8_t ph[12];

    wr32(ph, src);
    wr32(ph + 4, dst);
    ph[8] = 0;
    ph[9] = PROTO_UDP;
    wr16(ph + 10, (uint16_t)udp_len);
    return csum_add(0, ph, sizeof ph);
}

static enum net_event udp_input(struct netif *nif, const uint8_t *f,
        uint8_t *ip, size_t hlen, size_t totlen, struct udp_in *u)
{
    uint8_t *udp = ip + hlen;
    size_t ulen;
    uint32_t src = rd32(ip + IP_SRC);

    if (totlen - hlen < UDP_HLEN)
        return NET_NONE;
    ulen = rd16(udp + UDP_LEN);
    if (ulen < UDP_HLEN || ulen > totlen - hlen)
        return NET_NONE;
    /* Sources that must never get an answer: avoid reflections. */
    if (src == 0 || src == 0xffffffffU || (src >> 28) == 0xe ||
            src == nif->ip || is_subnet_broadcast(nif, src) ||
            (src >> 24) == 127)
        return NET_NONE;
    if (rd16(udp + UDP_SPORT) == 0)
        return NET_NONE;
    if (rd16(udp + UDP_CSUM) != 0) {
        uint64_t sum = udp_pseudo(src, nif->ip, ulen);
        if (csum_finish(csum_add(sum, udp, ulen)) != 0)
            return NET_NONE;
    }
    u->src_mac = f + ETH_SRC;
    u->src_ip = src;
    u->src_port = rd16(udp + UDP_SPORT);
    u->dst_port = rd16(udp + UDP_DPORT);
    u->data = udp + UDP_HLEN;
    u->len = ulen - UDP_HLEN;
    return NET_UDP;
}

static enum net_event ipv4_input(struct netif *nif, uint8_t *f, size_t len,
        struct udp_in *u)
{
    uint8_t *ip = f + ETH_HLEN;
    size_t hlen, totlen;

    if (len < ETH_HLEN + IP_HLEN || (ip[IP_VHL] >> 4) != 4)
        return NET_NONE;
    hlen = (size_t)(ip[IP_VHL] & 0xf) * 4;
    totlen = rd16(ip + IP_TOTLEN);
    if (hlen < IP_HLEN || totlen < hlen || totlen > len - ETH_HLEN)
        return NET_NONE;
    if (rd32(ip + IP_DST) != nif->ip)
        return NET_NONE;
    if ((rd16(ip + IP_FRAG) & IP_FRAG_MASK) != 0)
        return NET_NONE;                    /* fragments are not reassembled */
    if (csum_finish(csum_add(0, ip, hlen)) != 0)
        return NET_NONE;
    if (ip[IP_PROTO] == PROTO_UDP)
        return udp_input(nif, f, ip, hlen, totlen, u);
    if (ip[IP_PROTO] == PROTO_ICMP)
        icmp_input(nif, f, ip, hlen, totlen);
    return NET_NONE;
}

enum net_event net_input(struct netif *nif, struct nexthop *nh, uint8_t *frame,
        size_t len, struct udp_in *u, solo5_time_t now)
{
    uint16_t type;

    if (len < ETH_HLEN)
        return NET_NONE;
    if (!mac_equal(frame + ETH_DST, nif->info.mac_address) &&
            !mac_equal(frame + ETH_DST, mac_broadcast))
        return NET_NONE;
    if ((frame[ETH_SRC] & 1) != 0)
        return NET_NONE;                    /* never answer a group address */
    type = rd16(frame + ETH_TYPE);
    if (type == ETHERTYPE_IPV4)
        return ipv4_input(nif, frame, len, u);
    if (type == ETHERTYPE_ARP)
        return net_arp_input(nif, nh, frame, len, now);
    return NET_NONE;
}

int net_udp_send(struct netif *nif, uint8_t *f, const uint8_t *dst_mac,
        uint32_t dst_ip, uint16_t src_port, uint16_t dst_port,
        size_t payload_len)
{
    uint8_t *ip = f + ETH_HLEN, *udp = ip + IP_HLEN;
    size_t ulen = UDP_HLEN + payload_len;
    uint16_t csum;

    if (payload_len > net_udp_max(nif))
        return -1;
    mac_copy(f + ETH_DST, dst_mac);
    mac_copy(f + ETH_SRC, nif->info.mac_address);
    wr16(f + ETH_TYPE, ETHERTYPE_IPV4);

    ip[IP_VHL] = 0x45;
    ip[1] = 0;
    wr16(ip + IP_TOTLEN, (uint16_t)(IP_HLEN + ulen));
    wr16(ip + IP_ID, nif->ip_id++);
    wr16(ip + IP_FRAG, IP_DF);
    ip[IP_TTL] = 64;
    ip[IP_PROTO] = PROTO_UDP;
    wr32(ip + IP_SRC, nif->ip);
    wr32(ip + IP_DST, dst_ip);
    csum_store(ip + IP_CSUM, 0);
    csum_store(ip + IP_CSUM, csum_finish(csum_add(0, ip, IP_HLEN)));

    wr16(udp + UDP_SPORT, src_port);
    wr16(udp + UDP_DPORT, dst_port);
    wr16(udp + UDP_LEN, (uint16_t)ulen);
    csum_store(udp + UDP_CSUM, 0);
    csum = csum_finish(csum_add(udp_pseudo(nif->ip, dst_ip, ulen), udp, ulen));
    if (csum == 0)
        csum = 0xffff;                      /* 0 means "no checksum" */
    csum_store(udp + UDP_CSUM, csum);
    return solo5_net_write(nif->handle, f, ETH_HLEN + IP_HLEN + ulen)
        == SOLO5_R_OK ? 0 : -1;
}
