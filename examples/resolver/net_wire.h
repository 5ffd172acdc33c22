/*
 * net_wire.h: the Ethernet and ARP layout that net.c and arp.c share, and
 * what each calls in the other. Private to the two; the rest of the resolver
 * uses net.h.
 */
#ifndef RESOLVER_NET_WIRE_H
#define RESOLVER_NET_WIRE_H

#include "net.h"

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

/* ff:ff:ff:ff:ff:ff */
extern const uint8_t mac_broadcast[ETH_ALEN];

static inline int mac_equal(const uint8_t *a, const uint8_t *b)
{
    uint32_t a4, b4;
    uint16_t a2, b2;

    __builtin_memcpy(&a4, a, 4);
    __builtin_memcpy(&b4, b, 4);
    __builtin_memcpy(&a2, a + 4, 2);
    __builtin_memcpy(&b2, b + 4, 2);
    return a4 == b4 && a2 == b2;
}

static inline void mac_copy(uint8_t *dst, const uint8_t *src)
{
    __builtin_memcpy(dst, src, ETH_ALEN);
}

/*
 * An ARP frame (f), (len) bytes long: learns the next hop's address from
 * it, answers requests for ours. NET_NEXTHOP when the next hop just became
 * known.
 */
enum net_event net_arp_input(struct netif *nif, struct nexthop *nh,
        const uint8_t *f, size_t len, solo5_time_t now);

#endif /* RESOLVER_NET_WIRE_H */
