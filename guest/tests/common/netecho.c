/*
 * netecho.c: the ARP and ICMP echo responder of the network test images
 * (see netecho.h for how a test uses it).
 *
 * The Internet checksum is summed over native-order words; stored back in
 * native order it gives the right bytes (RFC 1071, "byte order
 * independence").
 *
 * The per-packet path is kept short on purpose: on some hosts (nested KVM
 * that emulates the guest) every guest instruction costs about half a
 * microsecond, and the flood ping test must answer 100000 requests within
 * 60 seconds.
 *
 * Each network test's tender.json builds it with -mgeneral-regs-only on
 * hvt: otherwise the compiler merges some of the 4- and 6-byte moves below
 * into SSE shuffles, which a nested KVM that emulates the guest ("PVM")
 * cannot run ("KVM: internal error exit: suberror=0x1"); see
 * guest/README.md.
 */
#include "netecho.h"

/* Ethernet */
#define ETH_DST         0
#define ETH_SRC         6
#define ETH_TYPE        12

/* ARP for IPv4 over Ethernet, offsets from the start of the ARP header
 * (the fixed fields up to the opcode are arp_request_head below) */
#define ARP_LEN         28
#define ARP_OP          6
#define ARP_SHA         8
#define ARP_SPA         14
#define ARP_THA         18
#define ARP_TPA         24
#define ARP_OP_REPLY    2

/* IPv4, offsets from the start of the IP header */
#define IP_MIN_HLEN     20
#define IP_VHL          0
#define IP_TOTLEN       2
#define IP_FRAG         6
#define IP_TTL          8
#define IP_PROTO        9
#define IP_CSUM         10
#define IP_SRC          12
#define IP_DST          16
#define IP_PROTO_ICMP   1
#define IP_FRAG_MASK    0x3fff  /* MF flag and fragment offset */

/* ICMP, offsets from the start of the ICMP message */
#define ICMP_TYPE       0
#define ICMP_CODE       1
#define ICMP_CSUM       2
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQ   8

/* Network-order constants, as they appear in a frame. */
static const uint8_t ethertype_ipv4[2] = { 0x08, 0x00 };
static const uint8_t ethertype_arp[2] = { 0x08, 0x06 };
/* ARP: htype 1, ptype 0x0800, hlen 6, plen 4, op 1 */
static const uint8_t arp_request_head[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
static const uint8_t ip_all_ones[4] = { 255, 255, 255, 255 };
static const uint8_t eth_broadcast[ETH_ALEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

static inline int eq16(const uint8_t *a, const uint8_t *b)
{
    return ld16(a) == ld16(b);
}

static inline int eq32(const uint8_t *a, const uint8_t *b)
{
    return ld32(a) == ld32(b);
}

static inline int mac_eq(const uint8_t *a, const uint8_t *b)
{
    return eq32(a, b) && eq16(a + 4, b + 4);
}

static inline void mac_copy(uint8_t *dst, const uint8_t *src)
{
    st32(dst, ld32(src));
    st16(dst + 4, ld16(src + 4));
}

static inline uint16_t get_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

/* Fold a 64-bit one's complement sum to 16 bits. */
static inline uint16_t csum_fold(uint64_t sum)
{
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffffffffU) + (sum >> 32);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

uint16_t inet_checksum(const uint8_t *p, size_t len)
{
    uint64_t sum = 0;

    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w = ld64(p);
        sum += (w & 0xffffffffU) + (w >> 32);
    }
    if (len >= 4) {
        sum += ld32(p);
        p += 4;
        len -= 4;
    }
    if (len >= 2) {
        sum += ld16(p);
        p += 2;
        len -= 2;
    }
    if (len == 1) {
        uint8_t last[2] = { p[0], 0 };
        sum += ld16(last);
    }
    return (uint16_t)~csum_fold(sum);
}

/* "0a1b2c3d4e5f" */
static void mac_to_text(char out[2 * ETH_ALEN + 1], const uint8_t *mac)
{
    static const char digits[] = "0123456789abcdef";

    for (int i = 0; i < ETH_ALEN; i++) {
        out[2 * i] = digits[mac[i] >> 4];
        out[2 * i + 1] = digits[mac[i] & 0xf];
    }
    out[2 * ETH_ALEN] = '\0';
}

void if_log(const struct echo_if *nif, const char *msg)
{
    printf("[%s] %s\n", nif->name, msg);
}

int echo_acquire(struct echo_if *nif)
{
    if (solo5_net_acquire(nif->name, &nif->handle, &nif->info)
            != SOLO5_R_OK) {
        printf("Could not acquire '%s' network\n", nif->name);
        return -1;
    }
    return 0;
}

size_t echo_frame_size(const struct echo_if *nif)
{
    return nif->info.mtu + ETH_HLEN;
}

/* Fill in a gratuitous ARP (a request for our own address), 42 bytes. */
static size_t echo_build_garp(const struct echo_if *nif, uint8_t *f)
{
    uint8_t *a = f + ETH_HLEN;

    mac_copy(f + ETH_DST, eth_broadcast);
    mac_copy(f + ETH_SRC, nif->info.mac_address);
    memcpy(f + ETH_TYPE, ethertype_arp, 2);
    memcpy(a, arp_request_head, sizeof arp_request_head);
    mac_copy(a + ARP_SHA, nif->info.mac_address);
    memcpy(a + ARP_SPA, nif->ip, 4);
    memset(a + ARP_THA, 0, ETH_ALEN);
    memcpy(a + ARP_TPA, nif->ip, 4);
    return ETH_HLEN + ARP_LEN;
}

int echo_announce(const struct echo_if *nif)
{
    uint8_t garp[ETH_HLEN + ARP_LEN];
    char mac[2 * ETH_ALEN + 1];
    size_t len;

    mac_to_text(mac, nif->info.mac_address);
    printf("[%s] Serving ping on %s, with MAC: %s\n", nif->name, nif->ip_text,
            mac);
    len = echo_build_garp(nif, garp);
    if (solo5_net_write(nif->handle, garp, len) != SOLO5_R_OK) {
        if_log(nif, "Could not send GARP packet");
        return -1;
    }
    return 0;
}

void ping_view(uint8_t *f, struct ping_view *v)
{
    v->ip = f + ETH_HLEN;
    v->ip_hlen = (size_t)(v->ip[IP_VHL] & 0xf) * 4;
    v->ip_len = get_be16(v->ip + IP_TOTLEN);
    v->icmp = v->ip + v->ip_hlen;
    v->icmp_len = v->ip_len - v->ip_hlen;
}

static inline int ip_is_ours(const struct echo_if *nif, const uint8_t *addr)
{
    return eq32(addr, nif->ip) || eq32(addr, nif->bcast) ||
        eq32(addr, ip_all_ones);
}

static inline enum echo_kind classify_arp(const struct echo_if *nif,
        const uint8_t *f, size_t len)
{
    const uint8_t *a = f + ETH_HLEN;

    if (len < ETH_HLEN + ARP_LEN)
        return ECHO_IGNORE;
    if (ld64(a) != ld64(arp_request_head) || !eq32(a + ARP_TPA, nif->ip))
        return ECHO_IGNORE;
    return ECHO_ARP_REQUEST;
}

static inline enum echo_kind classify_ipv4(const struct echo_if *nif,
        const uint8_t *f, size_t len)
{
    const uint8_t *ip = f + ETH_HLEN;
    size_t hlen, totlen;

    if (len < ETH_HLEN + IP_MIN_HLEN || (ip[IP_VHL] >> 4) != 4)
        return ECHO_IGNORE;
    hlen = (size_t)(ip[IP_VHL] & 0xf) * 4;
    totlen = get_be16(ip + IP_TOTLEN);
    if (hlen < IP_MIN_HLEN || totlen < hlen + ICMP_HLEN ||
            totlen > len - ETH_HLEN)
        return ECHO_IGNORE;
    if (ip[IP_PROTO] != IP_PROTO_ICMP || !ip_is_ours(nif, ip + IP_DST))
        return ECHO_IGNORE;
    if ((get_be16(ip + IP_FRAG) & IP_FRAG_MASK) != 0)
        return ECHO_IGNORE;                 /* fragments are not reassembled */
    if (ip[hlen + ICMP_TYPE] != ICMP_ECHO_REQ || ip[hlen + ICMP_CODE] != 0)
        return ECHO_IGNORE;
    if (inet_checksum(ip, hlen) != 0)
        return ECHO_IGNORE;                 /* damaged header */
    return ECHO_PING_REQUEST;
}

enum echo_kind echo_classify(const struct echo_if *nif,
        const uint8_t *f, size_t len)
{
    if (len < ETH_HLEN)
        return ECHO_IGNORE;
    if (!mac_eq(f + ETH_DST, nif->info.mac_address) &&
            !mac_eq(f + ETH_DST, eth_broadcast))
        return ECHO_IGNORE;
    if (eq16(f + ETH_TYPE, ethertype_ipv4))
        return classify_ipv4(nif, f, len);
    if (eq16(f + ETH_TYPE, ethertype_arp))
        return classify_arp(nif, f, len);
    return ECHO_IGNORE;
}

size_t echo_arp_reply(const struct echo_if *nif, uint8_t *f)
{
    uint8_t *a = f + ETH_HLEN;

    mac_copy(f + ETH_DST, f + ETH_SRC);
    mac_copy(f + ETH_SRC, nif->info.mac_address);
    a[ARP_OP + 1] = ARP_OP_REPLY;           /* high byte is 0 already */
    mac_copy(a + ARP_THA, a + ARP_SHA);
    st32(a + ARP_TPA, ld32(a + ARP_SPA));
    mac_copy(a + ARP_SHA, nif->info.mac_address);
    st32(a + ARP_SPA, ld32(nif->ip));
    return ETH_HLEN + ARP_LEN;
}

/*
 * Addresses swapped (the reply comes from our unicast address, also for
 * broadcast requests), TTL 64, new IP header checksum; the ICMP checksum
 * updated for the changed type (RFC 1624), exact whenever the request's
 * was. Ethernet padding after the IP packet is dropped.
 */
size_t echo_ping_reply(const struct echo_if *nif, uint8_t *f)
{
    uint8_t *ip = f + ETH_HLEN;
    size_t hlen = (size_t)(ip[IP_VHL] & 0xf) * 4;
    uint8_t *icmp = ip + hlen;
    uint16_t old_word, new_word, old_sum;

    mac_copy(f + ETH_DST, f + ETH_SRC);
    mac_copy(f + ETH_SRC, nif->info.mac_address);

    st32(ip + IP_DST, ld32(ip + IP_SRC));
    st32(ip + IP_SRC, ld32(nif->ip));
    ip[IP_TTL] = 64;
    st16(ip + IP_CSUM, 0);
    st16(ip + IP_CSUM, inet_checksum(ip, hlen));

    /* HC' = ~(~HC + ~m + m') over the word holding type and code. */
    old_word = ld16(icmp + ICMP_TYPE);
    icmp[ICMP_TYPE] = ICMP_ECHO_REPLY;
    new_word = ld16(icmp + ICMP_TYPE);
    old_sum = ld16(icmp + ICMP_CSUM);
    st16(icmp + ICMP_CSUM, (uint16_t)~csum_fold((uint64_t)(uint16_t)~old_sum
            + (uint16_t)~old_word + new_word));
    return ETH_HLEN + get_be16(ip + IP_TOTLEN);
}
