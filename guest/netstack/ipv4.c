/*
 * ipv4.c: IPv4 input and headers, and ICMP echo (answered in place).
 */
#include "ns_wire.h"

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQ   8

void ns_ip_header(struct ns_iface *nif, uint8_t *ip, uint32_t dst,
        uint8_t proto, size_t payload_len)
{
    ip[IP_VHL] = 0x45;
    ip[1] = 0;
    ns_wr16(ip + IP_TOTLEN, (uint16_t)(NS_IP_HLEN + payload_len));
    ns_wr16(ip + IP_ID, nif->ip_id++);
    ns_wr16(ip + IP_FRAG, IP_DF);
    ip[IP_TTL] = 64;
    ip[IP_PROTO] = proto;
    ns_wr32(ip + IP_SRC, nif->ip);
    ns_wr32(ip + IP_DST, dst);
    ns_csum_store(ip + IP_CSUM, 0);
    ns_csum_store(ip + IP_CSUM, ns_csum_finish(ns_csum_add(0, ip, NS_IP_HLEN)));
}

uint64_t ns_pseudo_sum(uint32_t src, uint32_t dst, uint8_t proto, size_t len)
{
    uint8_t ph[12];

    ns_wr32(ph, src);
    ns_wr32(ph + 4, dst);
    ph[8] = 0;
    ph[9] = proto;
    ns_wr16(ph + 10, (uint16_t)len);
    return ns_csum_add(0, ph, sizeof ph);
}

/* The broadcast address of our subnet (subnets of /30 and larger have one). */
static int is_subnet_broadcast(const struct ns_iface *nif, uint32_t addr)
{
    uint32_t host = ~nif->mask;

    return host > 1 && ((addr ^ nif->ip) & nif->mask) == 0 &&
        (addr & host) == host;
}

int ns_ip_unanswerable(const struct ns_iface *nif, uint32_t addr)
{
    return addr == 0 || addr == 0xffffffffU || (addr >> 28) == 0xe ||
        addr == nif->ip || is_subnet_broadcast(nif, addr) ||
        (addr >> 24) == 127;
}

/* Answers an echo request in place, without the request's IP options. */
static void icmp_input(struct ns_iface *nif, const struct ns_ip_in *in)
{
    uint8_t *f = in->frame, *ip = in->ip, *icmp = ip + in->hlen;
    size_t icmp_len = in->totlen - in->hlen;

    if (icmp_len < 8 || icmp[0] != ICMP_ECHO_REQ || icmp[1] != 0)
        return;
    if (ns_csum_finish(ns_csum_add(0, icmp, icmp_len)) != 0)
        return;                             /* damaged */
    if (ns_ip_unanswerable(nif, in->src))
        return;
    icmp[0] = ICMP_ECHO_REPLY;
    ns_csum_store(icmp + 2, 0);
    ns_csum_store(icmp + 2, ns_csum_finish(ns_csum_add(0, icmp, icmp_len)));
    if (in->hlen != NS_IP_HLEN) {
        __builtin_memmove(ip + NS_IP_HLEN, icmp, icmp_len);
    }
    ns_eth_header(nif, f, f + ETH_SRC, ETHERTYPE_IPV4);
    ns_ip_header(nif, ip, in->src, PROTO_ICMP, icmp_len);
    solo5_net_write(nif->handle, f, NS_ETH_HLEN + NS_IP_HLEN + icmp_len);
}

enum ns_event ns_ipv4_input(struct ns_iface *nif, uint8_t *f, size_t len,
        struct ns_udp *u, solo5_time_t now)
{
    struct ns_ip_in in = { .frame = f, .ip = f + NS_ETH_HLEN };
    uint8_t *ip = in.ip;

    if (len < NS_ETH_HLEN + NS_IP_HLEN || (ip[IP_VHL] >> 4) != 4)
        return NS_NONE;
    in.hlen = (size_t)(ip[IP_VHL] & 0xf) * 4;
    in.totlen = ns_rd16(ip + IP_TOTLEN);
    if (in.hlen < NS_IP_HLEN || in.totlen < in.hlen ||
            in.totlen > len - NS_ETH_HLEN)
        return NS_NONE;
    if (ns_rd32(ip + IP_DST) != nif->ip)
        return NS_NONE;
    if ((ns_rd16(ip + IP_FRAG) & IP_FRAG_MASK) != 0)
        return NS_NONE;                     /* fragments are not reassembled */
    if (ns_csum_finish(ns_csum_add(0, ip, in.hlen)) != 0)
        return NS_NONE;
    in.src = ns_rd32(ip + IP_SRC);
    if (ip[IP_PROTO] == PROTO_UDP)
        return ns_udp_input(nif, &in, u);
    if (ip[IP_PROTO] == PROTO_TCP)
        return ns_tcp_input(nif, &in, now);
    if (ip[IP_PROTO] == PROTO_ICMP)
        icmp_input(nif, &in);
    return NS_NONE;
}
