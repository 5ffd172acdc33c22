/*
 * netstack.h: the guest runtime's network stack, a library for unikernels
 * with one Solo5 NET device: Ethernet, ARP (a small cache, replies, the
 * gratuitous announcement), IPv4, ICMP echo and UDP. A project links it with
 * "netstack": true in its tender.json.
 *
 * The stack keeps no threads and no timers of its own: the application
 * reads frames, hands each to ns_input() and acts on what it returns; it
 * passes the current time (solo5_clock_monotonic()) wherever one is asked.
 * Frames are built in place: a UDP payload is written NS_UDP_PAYLOAD bytes
 * into a frame buffer and ns_udp_send() fills in the headers before it.
 *
 * What arrives is checked before it is used: the frame length against every
 * header, the IPv4 version, header length, total length and header
 * checksum, the UDP length and checksum (when the sender set one), the ICMP
 * checksum. IPv4 fragments are dropped, never reassembled; IP options are
 * skipped. Addresses are kept in host byte order.
 */
#ifndef NETSTACK_H
#define NETSTACK_H

#include "solo5.h"

#define NS_NSEC_PER_SEC 1000000000ULL

#define NS_ETH_ALEN     6
#define NS_ETH_HLEN     14
#define NS_IP_HLEN      20      /* the headers the stack sends carry no options */
#define NS_UDP_HLEN     8
#define NS_UDP_PAYLOAD  (NS_ETH_HLEN + NS_IP_HLEN + NS_UDP_HLEN)

/* ARP: how many addresses are kept, and how long one is trusted. */
#define NS_ARP_ENTRIES  16
#define NS_ARP_LIFETIME (600 * NS_NSEC_PER_SEC)

struct ns_arp_entry {
    uint32_t ip;                    /* 0: free */
    uint8_t mac[NS_ETH_ALEN];
    uint8_t valid;                  /* mac is an answer, learned at (learned) */
    solo5_time_t learned;
    solo5_time_t asked;             /* last request sent for it (0: none) */
};

struct ns_tcp;

/* One interface: the NET device and its IPv4 configuration. */
struct ns_iface {
    const char *name;               /* manifest name of the NET device */
    solo5_handle_t handle;
    struct solo5_net_info info;
    uint32_t ip;
    uint32_t mask;
    uint32_t gateway;               /* 0: none */
    uint16_t ip_id;                 /* IPv4 identification counter */
    struct ns_arp_entry arp[NS_ARP_ENTRIES];
    struct ns_tcp *tcp;             /* set by ns_tcp_listen(); NULL: TCP is dropped */
};

/* A UDP datagram addressed to us, pointing into the received frame. */
struct ns_udp {
    const uint8_t *src_mac;
    uint32_t src_ip;
    uint16_t src_port;
    uint16_t dst_port;
    uint8_t *data;                  /* may be changed in place */
    size_t len;
};

enum ns_event {
    NS_NONE = 0,                    /* handled by the stack, or dropped */
    NS_UDP,                         /* a UDP datagram for us: see struct ns_udp */
    NS_ARP_LEARNED                  /* an address asked for became known */
};

/* Acquires the NET device nif->name; 0 on success. */
int ns_acquire(struct ns_iface *nif);

/* One received frame; fills (*u) for NS_UDP. Answers ARP and ICMP echo. */
enum ns_event ns_input(struct ns_iface *nif, uint8_t *frame, size_t len,
        struct ns_udp *u, solo5_time_t now);

/* A gratuitous ARP: our address, to everyone on the link. */
int ns_arp_announce(struct ns_iface *nif);
/* The MAC address of (ip) if it is known and fresh, else NULL. */
const uint8_t *ns_arp_lookup(const struct ns_iface *nif, uint32_t ip,
        solo5_time_t now);
/* Asks for (ip) (at most twice a second); its answer gives NS_ARP_LEARNED. */
int ns_arp_request(struct ns_iface *nif, uint32_t ip, solo5_time_t now);
/* Asks again for addresses past half their lifetime (at most every 10 s each). */
void ns_arp_refresh(struct ns_iface *nif, solo5_time_t now);

/* Largest UDP payload that fits into one unfragmented frame. */
static inline size_t ns_udp_max(const struct ns_iface *nif)
{
    return nif->info.mtu - NS_IP_HLEN - NS_UDP_HLEN;
}

/*
 * Sends the (payload_len) bytes at frame + NS_UDP_PAYLOAD as one datagram to
 * (dst_ip) through the link address (dst_mac); 0 on success.
 */
int ns_udp_send(struct ns_iface *nif, uint8_t *frame, const uint8_t *dst_mac,
        uint32_t dst_ip, uint16_t src_port, uint16_t dst_port,
        size_t payload_len);

/* "10.0.0.2" into (buf), which holds at least 16 bytes. */
void ns_ip_text(char *buf, uint32_t ip);
/* "aa:bb:cc:dd:ee:ff" into (buf), which holds at least 18 bytes. */
void ns_mac_text(char *buf, const uint8_t *mac);
/* "a.b.c.d" at (s) into (*ip); returns the character after it, or NULL. */
const char *ns_ip_parse(const char *s, uint32_t *ip);

/*
 * Protocol fields are read and written big-endian, a byte at a time. The
 * checksum is summed over native-order words and stored back in native
 * order, which puts the right bytes on the wire (RFC 1071's byte order
 * independence) at one 8-byte load per 8 bytes.
 */
static inline uint16_t ns_rd16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t ns_rd32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
        ((uint32_t)p[2] << 8) | p[3];
}

static inline void ns_wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void ns_wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Partial one's complement sum of (len) bytes, native order; chainable. */
static inline uint64_t ns_csum_add(uint64_t sum, const uint8_t *p, size_t len)
{
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        __builtin_memcpy(&w, p, 8);
        sum += (w & 0xffffffffU) + (w >> 32);
    }
    if (len >= 4) {
        uint32_t w;
        __builtin_memcpy(&w, p, 4);
        sum += w;
        p += 4;
        len -= 4;
    }
    if (len >= 2) {
        uint16_t w;
        __builtin_memcpy(&w, p, 2);
        sum += w;
        p += 2;
        len -= 2;
    }
    if (len == 1) {
        uint8_t last[2] = { p[0], 0 };
        uint16_t w;
        __builtin_memcpy(&w, last, 2);
        sum += w;
    }
    return sum;
}

/* The checksum of a partial sum, to be stored with ns_csum_store(). */
static inline uint16_t ns_csum_finish(uint64_t sum)
{
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static inline void ns_csum_store(uint8_t *p, uint16_t csum)
{
    __builtin_memcpy(p, &csum, 2);
}

#include "ns_tcp.h"

#endif /* NETSTACK_H */
