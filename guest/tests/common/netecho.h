/*
 * netecho.h: the ARP and ICMP echo responder shared by the network test
 * images (test_net, test_net_2if, test_net_ring). The responder itself is
 * netecho.c, which each of those images compiles as one of its sources
 * (the "sources" of its tender.json).
 *
 * Frames are handled in place, as byte arrays. A test acquires and
 * announces its interfaces, then for each frame it reads asks
 * echo_classify() what it is and, for a request, turns it into the reply
 * with echo_arp_reply() or echo_ping_reply() and writes that back.
 */
#ifndef NETECHO_H
#define NETECHO_H

#include "solo5.h"
#include "guestlib.h"

#define NSEC_PER_SEC 1000000000ULL

#define ETH_ALEN        6
#define ETH_HLEN        14      /* Ethernet header */
#define ICMP_HLEN       8       /* ICMP echo header */

/* One network interface served by the responder. */
struct echo_if {
    const char *name;           /* manifest name */
    uint8_t ip[4];
    uint8_t bcast[4];           /* subnet broadcast address */
    const char *ip_text;
    solo5_handle_t handle;
    struct solo5_net_info info;
};

/* What echo_classify() found in a frame. */
enum echo_kind {
    ECHO_IGNORE = 0,            /* not for us, or not something we answer */
    ECHO_ARP_REQUEST,           /* ARP request for our address */
    ECHO_PING_REQUEST           /* ICMP echo request to one of our addresses */
};

/*
 * For an ECHO_PING_REQUEST frame: where the IP header and the ICMP message
 * are, and how long they are. Only valid after echo_classify() said so.
 */
struct ping_view {
    uint8_t *ip;
    size_t ip_hlen;
    size_t ip_len;              /* IP total length */
    uint8_t *icmp;
    size_t icmp_len;
};

/*
 * Unaligned access to frame fields in native byte order: a fixed-size
 * __builtin_memcpy is one load or store whatever the alignment (the IP
 * header sits 14 bytes into the frame).
 */
static inline uint16_t ld16(const uint8_t *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p, 2);
    return v;
}

static inline uint32_t ld32(const uint8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
}

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}

static inline void st16(uint8_t *p, uint16_t v)
{
    __builtin_memcpy(p, &v, 2);
}

static inline void st32(uint8_t *p, uint32_t v)
{
    __builtin_memcpy(p, &v, 4);
}

/*
 * Internet checksum of (len) bytes, in native byte order: store it with
 * st16(). Over data that includes a correct checksum it gives 0.
 */
uint16_t inet_checksum(const uint8_t *p, size_t len);

/* Log "[name] msg" for the interface. */
void if_log(const struct echo_if *nif, const char *msg);

/* Acquire the device; prints the reason on failure. */
int echo_acquire(struct echo_if *nif);

/* Size of the receive buffer that holds any frame the device can deliver. */
size_t echo_frame_size(const struct echo_if *nif);

/* Print the "Serving ping" line and announce ourselves with a GARP. */
int echo_announce(const struct echo_if *nif);

/* Decide whether (f), (len) bytes long, is something we answer. */
enum echo_kind echo_classify(const struct echo_if *nif, const uint8_t *f,
        size_t len);

/* Fill in (v) for an ECHO_PING_REQUEST frame (f). */
void ping_view(uint8_t *f, struct ping_view *v);

/* Turn an ARP request (classified as such) into our reply, in place. */
size_t echo_arp_reply(const struct echo_if *nif, uint8_t *f);

/*
 * Turn an echo request (classified as such) into the echo reply, in place;
 * returns the reply's length.
 */
size_t echo_ping_reply(const struct echo_if *nif, uint8_t *f);

#endif /* NETECHO_H */
