/*
 * fuzz_net.c (test_fuzz_net only): random NET_WRITE and NET_READ hypercalls
 * on a guest with one NET_BASIC device (service0), each answer checked
 * against docs/abi.md §7.7. Handles are service0's or anything else (the
 * disks', the reserved entry 0, out of range, truncating to service0's);
 * lengths are those the TAP takes whole (an Ethernet header up to 64 KiB:
 * MTU, MTU + 1, the ring's 2048-byte limit and beyond) and, with handles the
 * ABI refuses first, anything at all with wild buffers. A few writes are ARP
 * requests for the TAP's address, so that reads also find frames.
 */
#if defined(FUZZ_HVT) && defined(FUZZ_NET)
#include "fuzz_hvt.h"

#define RET_UNSET   0x5A5A5A5AU
#define ETH_HDR     14
#define ARP_FRAME   42
#define TAP_MAX     65535ULL        /* the largest frame a TAP write takes everywhere */

uint64_t hv_net;
uint64_t hv_net_mtu;
static uint8_t mac[6];

static struct {
    uint64_t w_ok, w_einval, r_ok, r_again, r_einval, arp_sent, arp_replies;
} n;

void net_init(void)
{
    struct solo5_net_info info;
    solo5_handle_t h = 0;

    if (solo5_net_acquire("service0", &h, &info) != SOLO5_R_OK) {
        putstr("FUZZ needs the NET device service0\n");
        solo5_exit(2);
    }
    hv_net = h;
    hv_net_mtu = info.mtu;
    memcpy(mac, info.mac_address, sizeof mac);
}

void net_summary(char *out, size_t size)
{
    snprintf(out, size, "netwrite=%llu/%llu netread=%llu/%llu/%llu arp=%llu/%llu ",
            (unsigned long long)n.w_ok, (unsigned long long)n.w_einval,
            (unsigned long long)n.r_ok, (unsigned long long)n.r_again,
            (unsigned long long)n.r_einval, (unsigned long long)n.arp_sent,
            (unsigned long long)n.arp_replies);
}

static uint64_t net_handle(void)
{
    const uint64_t bad[] = { 0, 1, 2, hv_net + 1, 63, 64, 0xFFFFFFFFULL,
        1ULL << 32, hv_net + (1ULL << 32), ~0ULL, 1ULL << 63, rnd() };

    if (rnd_percent(85))
        return hv_net;
    return rnd_pick(bad, sizeof bad / sizeof bad[0]);
}

/* A length for a handle the ABI refuses before it looks at the buffer: anything. */
static uint64_t any_length(void)
{
    const uint64_t lens[] = { 0, 1, ETH_HDR, hv_net_mtu, hv_net_mtu + 1,
        hv_net_mtu + ETH_HDR, hv_mem, hv_mem + 1, 0x7FFFFFFFFFFFFFFFULL,
        1ULL << 63, ~0ULL, rnd(), rnd_below(TAP_MAX) };

    return rnd_pick(lens, sizeof lens / sizeof lens[0]);
}

static uint64_t frame_length(int write)
{
    const uint64_t lens[] = { ETH_HDR, ETH_HDR + 1, ARP_FRAME, 60, 64,
        hv_net_mtu, hv_net_mtu + 1, hv_net_mtu + ETH_HDR,
        hv_net_mtu + ETH_HDR + 1, 2048, 2049, 9014, TAP_MAX,
        ETH_HDR + rnd_below(hv_net_mtu + 1), ETH_HDR + rnd_below(TAP_MAX - ETH_HDR + 1) };
    const uint64_t short_reads[] = { 0, 0, 1, ETH_HDR - 1, rnd_below(ETH_HDR) };

    if (!write && rnd_percent(15))
        return rnd_pick(short_reads, sizeof short_reads / sizeof short_reads[0]);
    return rnd_pick(lens, sizeof lens / sizeof lens[0]);
}

/* A source the ABI accepts: the boot info area, the read-only image or scratch memory. */
static uint64_t write_buffer(uint64_t len)
{
    uint64_t ro = (uintptr_t)_erodata - (uintptr_t)_stext;

    if (rnd_percent(10) && len <= HV_IMAGE_START - HV_LOW_START)
        return rnd_place(HV_LOW_START, HV_IMAGE_START, len);
    if (rnd_percent(10) && len <= ro)
        return rnd_place((uintptr_t)_stext, (uintptr_t)_erodata, len);
    return rnd_place(hv_scratch, hv_mem - 1, len);
}

static void put_be(uint8_t *p, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

/* An ARP request from service0 (10.0.0.2) for the TAP's address (10.0.0.1). */
static void arp_request(uint8_t *f)
{
    memset(f, 0xFF, 6);
    memcpy(f + 6, mac, 6);
    put_be(f + 12, 0x0806, 2);
    put_be(f + 14, 0x00010800, 4);      /* Ethernet, IPv4 */
    put_be(f + 18, 0x06040001, 4);      /* address sizes, request */
    memcpy(f + 22, mac, 6);
    put_be(f + 28, NET_SELF_IP, 4);
    memset(f + 32, 0, 6);
    put_be(f + 38, NET_PEER_IP, 4);
}

static int is_arp_reply(const uint8_t *f, uint64_t len)
{
    return len >= ARP_FRAME && memcmp(f, mac, 6) == 0 && f[12] == 0x08 &&
        f[13] == 0x06 && f[20] == 0 && f[21] == 2 && f[28] == 10 &&
        f[29] == 0 && f[30] == 0 && f[31] == 1;
}

void net_call(int write)
{
    uint64_t h = net_handle(), len, data, got;
    uint32_t expect = h == hv_net ? SOLO5_R_OK : SOLO5_R_EINVAL, ret;
    uint8_t fill = (uint8_t)rnd();
    volatile uint8_t *a;
    int arp = 0;

    if (expect != SOLO5_R_OK) {
        len = any_length();
        data = rnd_percent(50) ? rnd_wild(hv_mem, len) : hv_scratch;
    } else if (write && rnd_percent(5)) {
        arp = 1;
        len = rnd_percent(50) ? ARP_FRAME : 60;
        data = rnd_place(hv_scratch, hv_mem - 1, len);
        memset((void *)(uintptr_t)data, 0, len);
        arp_request((uint8_t *)(uintptr_t)data);
    } else {
        len = frame_length(write);
        if (write)
            data = write_buffer(len);
        else if (len == 0)
            data = rnd_below(hv_mem);       /* read-only text too: nothing is written */
        else
            data = rnd_place(hv_scratch, hv_mem - 1, len);
        if (!write && len > 0)
            memset((void *)(uintptr_t)data, fill, len);
    }
    a = hv_arg(32, data, data + len);
    put64(a, h);
    put64(a + 8, data);
    put64(a + 16, len);
    put32(a + 24, RET_UNSET);
    hvt_hypercall(write ? HVT_HYPERCALL_NET_WRITE : HVT_HYPERCALL_NET_READ, a);
    ret = get32(a + 24);
    got = get64(a + 16);
    if (get64(a) != h || get64(a + 8) != data)
        mismatch("NET_%s changed handle or data", write ? "WRITE" : "READ");
    if (expect != SOLO5_R_OK || write) {
        if (ret != expect || got != len)
            mismatch("NET_%s handle=%llu data=0x%llx len=%llu: ret %u len %llu, not %u",
                    write ? "WRITE" : "READ", (unsigned long long)h,
                    (unsigned long long)data, (unsigned long long)len, ret,
                    (unsigned long long)got, expect);
        if (expect != SOLO5_R_OK) {
            if (write)
                n.w_einval++;
            else
                n.r_einval++;
        } else {
            n.w_ok++;
            n.arp_sent += (uint64_t)arp;
        }
        return;
    }
    /* NET_READ of service0: a frame (cut to the buffer) or nothing, len untouched. */
    if (ret == SOLO5_R_AGAIN && got == len) {
        n.r_again++;
    } else if (ret == SOLO5_R_OK && got > 0 && got <= len) {
        const uint8_t *f = (const uint8_t *)(uintptr_t)data;
        for (uint64_t i = got; i < len; i++) {
            if (f[i] != fill) {
                mismatch("NET_READ of %llu bytes into %llu changed byte %llu",
                        (unsigned long long)got, (unsigned long long)len,
                        (unsigned long long)i);
                break;
            }
        }
        n.r_ok++;
        n.arp_replies += (uint64_t)is_arp_reply(f, got);
    } else {
        mismatch("NET_READ data=0x%llx len=%llu: ret %u len %llu",
                (unsigned long long)data, (unsigned long long)len, ret,
                (unsigned long long)got);
    }
}
#endif /* FUZZ_HVT && FUZZ_NET */
