/*
 * udp.c: UDP datagrams to us (RFC 768), and sending them.
 */
#include "ns_wire.h"

#define UDP_SPORT       0
#define UDP_DPORT       2
#define UDP_LEN         4
#define UDP_CSUM        6

enum ns_event ns_udp_input(struct ns_iface *nif, const struct ns_ip_in *in,
        struct ns_udp *u)
{
    uint8_t *udp = in->ip + in->hlen;
    size_t ulen;

    if (in->totlen - in->hlen < NS_UDP_HLEN)
        return NS_NONE;
    ulen = ns_rd16(udp + UDP_LEN);
    if (ulen < NS_UDP_HLEN || ulen > in->totlen - in->hlen)
        return NS_NONE;
    /* Sources that must never get an answer: no reflections. */
    if (ns_ip_unanswerable(nif, in->src) || ns_rd16(udp + UDP_SPORT) == 0)
        return NS_NONE;
    if (ns_rd16(udp + UDP_CSUM) != 0 && ns_csum_finish(ns_csum_add(
            ns_pseudo_sum(in->src, nif->ip, PROTO_UDP, ulen), udp, ulen)) != 0)
        return NS_NONE;
    u->src_mac = in->frame + ETH_SRC;
    u->src_ip = in->src;
    u->src_port = ns_rd16(udp + UDP_SPORT);
    u->dst_port = ns_rd16(udp + UDP_DPORT);
    u->data = udp + NS_UDP_HLEN;
    u->len = ulen - NS_UDP_HLEN;
    return NS_UDP;
}

int ns_udp_send(struct ns_iface *nif, uint8_t *f, const uint8_t *dst_mac,
        uint32_t dst_ip, uint16_t src_port, uint16_t dst_port,
        size_t payload_len)
{
    uint8_t *ip = f + NS_ETH_HLEN, *udp = ip + NS_IP_HLEN;
    size_t ulen = NS_UDP_HLEN + payload_len;
    uint16_t csum;

    if (payload_len > ns_udp_max(nif))
        return -1;
    ns_eth_header(nif, f, dst_mac, ETHERTYPE_IPV4);
    ns_ip_header(nif, ip, dst_ip, PROTO_UDP, ulen);
    ns_wr16(udp + UDP_SPORT, src_port);
    ns_wr16(udp + UDP_DPORT, dst_port);
    ns_wr16(udp + UDP_LEN, (uint16_t)ulen);
    ns_csum_store(udp + UDP_CSUM, 0);
    csum = ns_csum_finish(ns_csum_add(ns_pseudo_sum(nif->ip, dst_ip, PROTO_UDP, ulen), udp,
            ulen));
    if (csum == 0)
        csum = 0xffff;                      /* 0 would mean "no checksum" */
    ns_csum_store(udp + UDP_CSUM, csum);
    return solo5_net_write(nif->handle, f, NS_ETH_HLEN + NS_IP_HLEN + ulen)
        == SOLO5_R_OK ? 0 : -1;
}
