/*
 * fuzz_hvt_exits.c: the two fatal kinds that depend on how the architecture
 * reaches the tender (fuzz_hvt_fatal.c kinds 0 and 1).
 *   x86_64:  an OUTL to a port that is no hypercall; a hypercall port read,
 *            or written with 8 or 16 bits.
 *   aarch64: an aligned 32-bit store into the Device block past the hypercall
 *            words (0x100000048 up to the block's end at 0x140000000, the kick
 *            word included: these images have no ring); a hypercall word
 *            loaded, or stored with 8, 16 or 64 bits.
 * Both announce the tender's message (docs/abi.md §7.1, "aarch64") first.
 */
#ifdef FUZZ_HVT
#include "fuzz_hvt.h"

#if defined(__x86_64__)

void hv_bad_address(void)
{
    const uint64_t ports[] = { 0x4FF, 0x509, 0x509 + rnd_below(0xF7), 0x600,
        0x601, 0x80, 0x3F8, 0xCF8, 0xFFFF, rnd_below(0x10000) };
    uint16_t port = 0x509;

    for (int i = 0; i < 16; i++) {
        uint16_t p = (uint16_t)rnd_pick(ports, sizeof ports / sizeof ports[0]);
        if (p < 0x500 || p > 0x508) {
            port = p;
            break;
        }
    }
    snprintf(hv_expect, sizeof hv_expect, "Invalid guest port access: port=0x%x", port);
    hv_announce();
    hv_call_raw(port, (uint32_t)rnd());
}

void hv_bad_width(void)
{
    uint16_t port = (uint16_t)(HVT_HYPERCALL_PIO_BASE + rnd_below(9));
    uint32_t v;

    snprintf(hv_expect, sizeof hv_expect, "Invalid guest port access: port=0x%x", port);
    hv_announce();
    switch (rnd_below(5)) {
    case 0:
        __asm__ __volatile__("inl %w1, %0" : "=a"(v) : "d"(port));
        break;
    case 1:
        __asm__ __volatile__("inw %w1, %w0" : "=a"(v) : "d"(port));
        break;
    case 2:
        __asm__ __volatile__("inb %w1, %b0" : "=a"(v) : "d"(port));
        break;
    case 3:
        __asm__ __volatile__("outw %w0, %w1" : : "a"(0x1000), "d"(port));
        break;
    default:
        __asm__ __volatile__("outb %b0, %w1" : : "a"(0), "d"(port));
        break;
    }
    (void)v;
}

#elif defined(__aarch64__)

#define HV_WORDS_END    (HVT_HYPERCALL_MMIO_BASE + 9 * 8)
#define HV_DEVICE_END   (HVT_HYPERCALL_MMIO_BASE + (1ULL << 30))

void hv_bad_address(void)
{
    const uint64_t words = (HV_DEVICE_END - HV_WORDS_END) / 4;
    const uint64_t addrs[] = { HV_WORDS_END, HV_WORDS_END + 4, HVT_RING_KICK_MMIO,
        HVT_RING_KICK_MMIO + 8, HVT_HYPERCALL_MMIO_BASE + 0x1000, HV_DEVICE_END - 4,
        HV_WORDS_END + 4 * rnd_below(64), HV_WORDS_END + 4 * rnd_below(words) };
    uint64_t addr = rnd_pick(addrs, sizeof addrs / sizeof addrs[0]);

    snprintf(hv_expect, sizeof hv_expect, "Invalid guest mmio access: mmio=0x%llx",
            (unsigned long long)addr);
    hv_announce();
    hv_call_raw(addr, (uint32_t)rnd());
}

void hv_bad_width(void)
{
    uint64_t addr = HVT_HYPERCALL_MMIO_BASE + 8 * rnd_below(9);
    const int lens[] = { 4, 1, 2, 8, 1, 8 };
    int kind = (int)rnd_below(6);
    uint64_t v = rnd();

    snprintf(hv_expect, sizeof hv_expect, "Invalid guest mmio access: mmio=0x%llx len=%d",
            (unsigned long long)addr, lens[kind]);
    hv_announce();
    switch (kind) {
    case 0:
        __asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
        break;
    case 1:
        __asm__ __volatile__("strb %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
        break;
    case 2:
        __asm__ __volatile__("strh %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
        break;
    case 3:
        __asm__ __volatile__("str %x0, [%1]" : : "r"(v), "r"(addr) : "memory");
        break;
    case 4:
        __asm__ __volatile__("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
        break;
    default:
        __asm__ __volatile__("ldr %x0, [%1]" : "=r"(v) : "r"(addr) : "memory");
        break;
    }
    (void)v;
}

#else
#error "unsupported architecture"
#endif

#endif /* FUZZ_HVT */
