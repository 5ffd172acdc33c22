/*
 * fuzz_net_fatal.c (test_fuzz_net only): after COUNT answered requests, one
 * NET request that docs/abi.md §7.2, §7.7 and §8.2 say ends the guest, with
 * the message announced first as in fuzz_hvt_fatal.c. SEED % 5 picks:
 *   0  the 32-byte structure at, across or beyond the end of memory
 *   1  service0 with a buffer that reaches the end, lies beyond it or wraps,
 *      or a huge length
 *   2  NET_READ of service0 into the host-read-only text and rodata
 *   3  NET_WRITE of less than an Ethernet header, which the TAP refuses:
 *      "Fatal error when writing: Invalid argument" (no program name)
 *   4  hypercall 0, or the ring's doorbell port read or written with 8 or
 *      16 bits (only a 32-bit OUT is the doorbell)
 */
#if defined(FUZZ_HVT) && defined(FUZZ_NET)
#include "fuzz_hvt.h"

#define NET_KINDS   5
#define NET_ARG     32

static int net_nr(void)
{
    return rnd_percent(50) ? HVT_HYPERCALL_NET_WRITE : HVT_HYPERCALL_NET_READ;
}

static void request(int nr, uint64_t h, uint64_t data, uint64_t len)
{
    volatile uint8_t *a = hv_arg(NET_ARG, 0, 0);

    put64(a, h);
    put64(a + 8, data);
    put64(a + 16, len);
    put32(a + 24, 0);
    hv_announce();
    hvt_hypercall(nr, a);
}

static void struct_beyond(void)
{
    int nr = net_nr();
    const uint64_t gpas[] = { hv_mem - NET_ARG,
        hv_mem - NET_ARG + 1 + rnd_below(NET_ARG - 1), hv_mem - 1, hv_mem,
        hv_mem + rnd_below(1ULL << 30), 0xFFFFFFFFULL - rnd_below(64) };
    uint64_t gpa = rnd_pick(gpas, sizeof gpas / sizeof gpas[0]);

    hv_access_message(nr, gpa, NET_ARG);
    hv_announce();
    hv_call32(nr, (uint32_t)gpa);
}

static void buffer_beyond(void)
{
    int nr = net_nr();
    uint64_t data, len;

    if (rnd_percent(25)) {          /* a huge length from anywhere */
        data = rnd_below(hv_mem);
        len = rnd_percent(50) ? ~0ULL - rnd_below(hv_mem) : hv_mem + rnd_below(1ULL << 40);
    } else {
        hv_bad_buffer(9014, &data, &len);
    }
    hv_access_message(nr, data, len);
    request(nr, hv_net, data, len);
}

static void read_into_text(void)
{
    uint64_t lo = (uintptr_t)_stext, hi = (uintptr_t)_erodata;
    uint64_t len = 1 + rnd_below(hv_net_mtu + 14);
    uint64_t data;

    if (len > hi - lo)
        len = hi - lo;
    data = rnd_place(lo, hi, len);
    hv_access_message(HVT_HYPERCALL_NET_READ, data, len);
    request(HVT_HYPERCALL_NET_READ, hv_net, data, len);
}

static void short_write(void)
{
    uint64_t len = rnd_percent(30) ? 0 : rnd_below(14);

    snprintf(hv_expect, sizeof hv_expect, "Fatal error when writing: Invalid argument");
    request(HVT_HYPERCALL_NET_WRITE, hv_net, rnd_place(hv_scratch, hv_mem - 1, len), len);
}

static void zero_or_doorbell(void)
{
    uint32_t v = 0;

    if (rnd_percent(30)) {
        snprintf(hv_expect, sizeof hv_expect, "Invalid guest hypercall: num=0");
        hv_announce();
        hv_call32(0, (uint32_t)rnd());
        return;
    }
    snprintf(hv_expect, sizeof hv_expect, "Invalid guest port access: port=0x%x",
            HVT_RING_KICK_PORT);
    hv_announce();
    switch (rnd_below(5)) {
    case 0:
        __asm__ __volatile__("inl %w1, %0" : "=a"(v) : "d"(HVT_RING_KICK_PORT));
        break;
    case 1:
        __asm__ __volatile__("inw %w1, %w0" : "=a"(v) : "d"(HVT_RING_KICK_PORT));
        break;
    case 2:
        __asm__ __volatile__("inb %w1, %b0" : "=a"(v) : "d"(HVT_RING_KICK_PORT));
        break;
    case 3:
        __asm__ __volatile__("outw %w0, %w1" : : "a"(1), "d"(HVT_RING_KICK_PORT));
        break;
    default:
        __asm__ __volatile__("outb %b0, %w1" : : "a"(1), "d"(HVT_RING_KICK_PORT));
        break;
    }
    (void)v;
}

void net_fatal(void)
{
    switch (fuzz_seed % NET_KINDS) {
    case 0: struct_beyond(); break;
    case 1: buffer_beyond(); break;
    case 2: read_into_text(); break;
    case 3: short_write(); break;
    default: zero_or_doorbell(); break;
    }
    putstr("FUZZ survived\n");
    solo5_exit(3);
}
#endif /* FUZZ_HVT && FUZZ_NET */
