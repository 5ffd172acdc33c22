/*
 * ns_wire.h: header layouts and the calls between the stack's layers.
 * Private to netstack/; applications use netstack.h.
 */
#ifndef NS_WIRE_H
#define NS_WIRE_H

#include "netstack.h"
#include "guestlib.h"

#define ETH_DST         0
#define ETH_SRC         6
#define ETH_TYPE        12
#define ETHERTYPE_IPV4  0x0800
#define ETHERTYPE_ARP   0x0806

#define ARP_LEN         28
#define ARP_OP          6
#define ARP_SHA         8
#define ARP_SPA         14
#define ARP_THA         18
#define ARP_TPA         24
#define ARP_REQUEST     1
#define ARP_REPLY       2

#define IP_VHL          0
#define IP_TOTLEN       2
#define IP_ID           4
#define IP_FRAG         6
#define IP_TTL          8
#define IP_PROTO        9
#define IP_CSUM         10
#define IP_SRC          12
#define IP_DST          16
#define IP_FRAG_MASK    0x3fff  /* MF and the fragment offset */
#define IP_DF           0x4000
#define PROTO_ICMP      1
#define PROTO_UDP       17
#define PROTO_TCP       6

#define TCP_SPORT       0
#define TCP_DPORT       2
#define TCP_SEQ         4
#define TCP_ACK         8
#define TCP_OFF         12
#define TCP_FLAGS       13
#define TCP_WIN         14
#define TCP_CSUM        16
#define TCP_URP         18
#define TCP_HLEN        20
#define TCP_FIN         0x01
#define TCP_SYN         0x02
#define TCP_RST         0x04
#define TCP_PSH         0x08
#define TCP_ACKF        0x10

/* Sequence number comparisons, modulo 2^32. */
#define SEQ_LT(a, b)    ((int32_t)((a) - (b)) < 0)
#define SEQ_LEQ(a, b)   ((int32_t)((a) - (b)) <= 0)

/* A received IPv4 packet that passed the checks, pointing into its frame. */
struct ns_ip_in {
    uint8_t *frame;
    uint8_t *ip;
    size_t hlen;                    /* header length, options included */
    size_t totlen;                  /* header and payload */
    uint32_t src;
};

extern const uint8_t ns_mac_broadcast[NS_ETH_ALEN];

static inline int ns_mac_equal(const uint8_t *a, const uint8_t *b)
{
    return __builtin_memcmp(a, b, NS_ETH_ALEN) == 0;
}

static inline void ns_mac_copy(uint8_t *dst, const uint8_t *src)
{
    __builtin_memcpy(dst, src, NS_ETH_ALEN);
}

/* Fills the Ethernet header of (f): to (dst), from us, of (type). */
void ns_eth_header(const struct ns_iface *nif, uint8_t *f, const uint8_t *dst,
        uint16_t type);
/* Fills an option-less IPv4 header at (ip) for (payload_len) bytes of (proto). */
void ns_ip_header(struct ns_iface *nif, uint8_t *ip, uint32_t dst,
        uint8_t proto, size_t payload_len);
/* Whether (addr) must never be answered: unspecified, broadcast, multicast, loopback, ours. */
int ns_ip_unanswerable(const struct ns_iface *nif, uint32_t addr);

/* The pseudo-header's part of a UDP or TCP checksum (host-order fields). */
uint64_t ns_pseudo_sum(uint32_t src, uint32_t dst, uint8_t proto, size_t len);

enum ns_event ns_tcp_input(struct ns_iface *nif, const struct ns_ip_in *in,
        solo5_time_t now);
/* Sends one segment of (c): flags, and (len) queued bytes from offset (off) past snd_una. */
void ns_tcp_segment(struct ns_iface *nif, struct ns_tcp_conn *c, uint32_t seq,
        uint8_t flags, size_t off, size_t len);
/* A RST answering a segment that has no connection (RFC 9293 3.10.7.1). */
void ns_tcp_reset_reply(struct ns_iface *nif, const struct ns_ip_in *in,
        uint32_t seq, uint32_t ack, uint8_t flags);
/* Sends what the windows allow, and the FIN once everything is out. */
void ns_tcp_output(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now);
/* Drops (n) acknowledged bytes from the queue. */
void ns_tcp_dequeue(struct ns_tcp_conn *c, size_t n);
void ns_tcp_free(struct ns_iface *nif, struct ns_tcp_conn *c);
void ns_tcp_rtt_sample(struct ns_tcp_conn *c, solo5_time_t r);
/* The slow-start threshold after a loss (RFC 5681, eq. 4): half the flight, at least two segments. */
static inline uint32_t ns_tcp_loss_ssthresh(const struct ns_tcp_conn *c)
{
    uint32_t half = (c->snd_max - c->snd_una) / 2;

    return half > 2u * c->mss ? half : 2u * c->mss;
}
void ns_tcp_init_conn(struct ns_iface *nif, struct ns_tcp_conn *c);

enum ns_event ns_arp_input(struct ns_iface *nif, const uint8_t *f, size_t len,
        solo5_time_t now);
enum ns_event ns_ipv4_input(struct ns_iface *nif, uint8_t *f, size_t len,
        struct ns_udp *u, solo5_time_t now);
enum ns_event ns_udp_input(struct ns_iface *nif, const struct ns_ip_in *in,
        struct ns_udp *u);

#endif /* NS_WIRE_H */
