/*
 * net.h: the resolver's link and network layers on one Solo5 NET device:
 * Ethernet, ARP (answering for our address, resolving the next hop), IPv4
 * without fragments, ICMP echo, UDP. ARP is arp.c's, the rest net.c's.
 *
 * Frames are built in place: a UDP payload is written at
 * NET_UDP_PAYLOAD bytes into the frame buffer and net_udp_send() fills in
 * the headers in front of it.
 */
#ifndef RESOLVER_NET_H
#define RESOLVER_NET_H

#include "util.h"

#define ETH_ALEN        6
#define ETH_HLEN        14
#define IP_HLEN         20      /* the headers we send carry no options */
#define UDP_HLEN        8
#define NET_UDP_PAYLOAD (ETH_HLEN + IP_HLEN + UDP_HLEN)

/* Addresses are kept in host byte order. */
struct netif {
    const char *name;               /* manifest name of the NET device */
    solo5_handle_t handle;
    struct solo5_net_info info;
    uint32_t ip;
    uint32_t mask;
    uint32_t gateway;               /* 0: none */
    uint16_t ip_id;                 /* IPv4 identification counter */
};

/* The one destination we send to on our own initiative: the upstream's next hop. */
struct nexthop {
    uint32_t ip;
    uint8_t mac[ETH_ALEN];
    int known;
    solo5_time_t learned;           /* when the MAC was last confirmed */
};

/* A UDP datagram addressed to us, pointing into the received frame. */
struct udp_in {
    const uint8_t *src_mac;
    uint32_t src_ip;
    uint16_t src_port;
    uint16_t dst_port;
    uint8_t *data;                  /* may be changed in place */
    size_t len;
};

enum net_event {
    NET_NONE = 0,                   /* handled here, or dropped */
    NET_UDP,                        /* a UDP datagram for us, see struct udp_in */
    NET_NEXTHOP                     /* the next hop's MAC address became known */
};

/* How long a learned next-hop MAC address is trusted without new ARP traffic. */
#define NEXTHOP_LIFETIME (600 * NSEC_PER_SEC)

int net_acquire(struct netif *nif);
int net_send_garp(struct netif *nif);
int net_send_arp_request(struct netif *nif, uint32_t target);
enum net_event net_input(struct netif *nif, struct nexthop *nh, uint8_t *frame,
        size_t len, struct udp_in *u, solo5_time_t now);
int net_udp_send(struct netif *nif, uint8_t *frame, const uint8_t *dst_mac,
        uint32_t dst_ip, uint16_t src_port, uint16_t dst_port,
        size_t payload_len);

/* Largest UDP payload that fits into one unfragmented frame. */
static inline size_t net_udp_max(const struct netif *nif)
{
    return nif->info.mtu - IP_HLEN - UDP_HLEN;
}

/* "10.0.0.2" into (buf), which holds at least 16 bytes. */
void ip_to_text(char *buf, uint32_t ip);
/* "aa:bb:cc:dd:ee:ff" into (buf), which holds at least 18 bytes. */
void mac_to_text(char *buf, const uint8_t *mac);

#endif /* RESOLVER_NET_H */
