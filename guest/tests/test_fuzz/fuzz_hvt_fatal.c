/*
 * fuzz_hvt_fatal.c: after COUNT answered requests, one random request that
 * docs/abi.md (§7.1, §7.2, §9.2) and docs/hvt.md say ends the guest: an exit
 * that is no hypercall, an access of the wrong size or direction (both in
 * fuzz_hvt_exits.c: ports on x86_64, MMIO words on aarch64), a number
 * without a handler, an argument structure or buffer that reaches the end of
 * memory or wraps round, a HALT cookie across the top, a result the tender
 * would write into the host-read-only text or rodata. The message the tender
 * must print (without its "tender hvt: " prefix) is announced first:
 *   FUZZ expect hvt/PUTS:2: Invalid guest access: gpa=0x7fffc1, sz=63
 * SEED % 9 picks the kind of request, the rest of the seed its details.
 */
#ifdef FUZZ_HVT
#include "fuzz_hvt.h"

#define KINDS 9

char hv_expect[160];

void hv_announce(void)
{
    print_checksums();
    printf("FUZZ expect %s\n", hv_expect);
}

void hv_access_message(int nr, uint64_t gpa, uint64_t size)
{
    snprintf(hv_expect, sizeof hv_expect,
            "hvt/%s:%d: Invalid guest access: gpa=0x%llx, sz=%llu",
            hv_name[nr], nr, (unsigned long long)gpa, (unsigned long long)size);
}

/* 0 is reserved; NET_WRITE and NET_READ have no handler without a NET device. */
static void no_handler(void)
{
    const uint64_t nrs[] = { 0, 6, 7 };
    int nr = (int)rnd_pick(nrs, 3);

    snprintf(hv_expect, sizeof hv_expect, "Invalid guest hypercall: num=%d", nr);
    hv_announce();
    hv_call32(nr, (uint32_t)rnd());
}

static int random_nr(void)
{
    const uint64_t nrs[] = { 1, 2, 3, 4, 5, 8 };

    return (int)rnd_pick(nrs, sizeof nrs / sizeof nrs[0]);
}

/* The argument structure itself ends at or beyond the top of memory. */
static void struct_beyond(void)
{
    int nr = random_nr();
    uint64_t s = hv_arg_size[nr];
    const uint64_t gpas[] = { hv_mem - s, hv_mem - s + 1 + rnd_below(s - 1),
        hv_mem - 1, hv_mem, hv_mem + rnd_below(1ULL << 30),
        0xFFFFFFFFULL - rnd_below(64) };
    uint64_t gpa = rnd_pick(gpas, sizeof gpas / sizeof gpas[0]);

    hv_access_message(nr, gpa, s);
    hv_announce();
    hv_call32(nr, (uint32_t)gpa);
}

/* [data, data+len), 0 < len <= max_len, that ends at or beyond the top, or wraps. */
void hv_bad_buffer(uint64_t max_len, uint64_t *data, uint64_t *len)
{
    uint64_t l = 1 + rnd_below(max_len);

    switch (rnd_below(4)) {
    case 0:         /* across the top */
        *data = hv_mem - l + rnd_below(l + 64);
        break;
    case 1:         /* beyond it */
        *data = hv_mem + rnd_below(1ULL << 32);
        break;
    case 2:         /* just below 2^64, wrapping round */
        *data = -(1 + rnd_below(l));
        break;
    default:        /* ending exactly at the top */
        *data = hv_mem - l;
        break;
    }
    *len = l;
}

/* PUTS, BLOCK_WRITE or BLOCK_READ (valid handle, offset and length) with such a buffer. */
static void buffer_beyond(void)
{
    volatile uint8_t *a = hv_arg(40, 0, 0);
    uint64_t data, len;
    int nr;

    if (rnd_percent(40)) {
        nr = HVT_HYPERCALL_PUTS;
        if (rnd_percent(25)) {      /* a huge length from anywhere */
            data = rnd_below(hv_mem);
            len = -data + rnd_below(hv_mem);
            if (data == 0 || len < hv_mem)
                len = ~0ULL - rnd_below(hv_mem);
        } else {
            hv_bad_buffer(64, &data, &len);
        }
        put64(a, data);
        put64(a + 8, len);
    } else {
        const struct fuzz_disk *d = &disks[rnd_below(FUZZ_DISKS)];
        nr = rnd_percent(50) ? HVT_HYPERCALL_BLOCK_WRITE : HVT_HYPERCALL_BLOCK_READ;
        hv_bad_buffer(d->capacity, &data, &len);
        put64(a, d->handle);
        put64(a + 8, 0);
        put64(a + 16, data);
        put64(a + 24, len);
        put32(a + 32, 0);
    }
    hv_access_message(nr, data, len);
    hv_announce();
    hvt_hypercall(nr, a);
}

/* A HALT cookie (512 bytes) that reaches the top, lies beyond it, or wraps. */
static void cookie_beyond(void)
{
    const uint64_t cookies[] = { hv_mem - 512 + rnd_below(512),
        hv_mem - 512, hv_mem + rnd_below(1ULL << 32), -(1 + rnd_below(512)) };
    uint64_t cookie = rnd_pick(cookies, sizeof cookies / sizeof cookies[0]);
    volatile uint8_t *a = hv_arg(16, 0, 0);

    put64(a, cookie);
    put32(a + 8, 0);
    hv_access_message(HVT_HYPERCALL_HALT, cookie, 512);
    hv_announce();
    hvt_hypercall(HVT_HYPERCALL_HALT, a);
}

/* WALLTIME's result, or BLOCK_READ's data, aimed at the image's read-only text and rodata. */
static void into_text(void)
{
    uint64_t lo = (uintptr_t)_stext, hi = (uintptr_t)_erodata;

    if (rnd_percent(40)) {
        uint64_t s = rnd_place(lo, hi, 8);
        hv_access_message(HVT_HYPERCALL_WALLTIME, s, 8);
        hv_announce();
        hv_call32(HVT_HYPERCALL_WALLTIME, (uint32_t)s);
        return;
    }
    const struct fuzz_disk *d = &disks[rnd_below(FUZZ_DISKS)];
    uint64_t len = 1 + rnd_below(d->capacity);
    uint64_t data = rnd_percent(50) && len < hi - lo ? rnd_place(lo, hi, len)
        : lo - len + 1 + rnd_below(len + (hi - lo) - 1);    /* overlapping from below */
    volatile uint8_t *a = hv_arg(40, 0, 0);

    put64(a, d->handle);
    put64(a + 8, 0);
    put64(a + 16, data);
    put64(a + 24, len);
    put32(a + 32, 0);
    hv_access_message(HVT_HYPERCALL_BLOCK_READ, data, len);
    hv_announce();
    hvt_hypercall(HVT_HYPERCALL_BLOCK_READ, a);
}

/*
 * A structure that lies in text or rodata as it is: POLL with whatever bytes
 * are there (only where they ask for less than a millisecond), or a block
 * request whose bytes the ABI answers without transferring anything. Either
 * way the tender has to write a result into read-only memory.
 */
static void struct_in_text(void)
{
    uint64_t lo = (uintptr_t)_stext, hi = (uintptr_t)_erodata - 40;
    uint64_t s = lo + rnd_below(hi - lo);
    int poll = rnd_percent(40);

    for (int tries = 0; tries < 8192; tries++, s = s + 1 < hi ? s + 1 : lo) {
        const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)s;
        if (poll) {
            if (get64(p) >= 1000000)
                continue;
            hv_access_message(HVT_HYPERCALL_POLL, s + 8, 8);
            hv_announce();
            hv_call32(HVT_HYPERCALL_POLL, (uint32_t)s);
            return;
        }
        uint64_t h = get64(p), off = get64(p + 8), data = get64(p + 16),
                 len = get64(p + 24);
        int nr = rnd_percent(50) ? HVT_HYPERCALL_BLOCK_WRITE : HVT_HYPERCALL_BLOCK_READ;
        if (hv_block_expect(h, off, len) != SOLO5_R_OK || (len == 0 && data < hv_mem))
            hv_access_message(nr, s + 32, 4);
        else if (data >= hv_mem || data + len < data || data + len >= hv_mem)
            hv_access_message(nr, data, len);
        else
            continue;       /* a real transfer: not what this case is about */
        hv_announce();
        hv_call32(nr, (uint32_t)s);
        return;
    }
    hv_bad_address();
}

void fuzz_fatal(void)
{
    for (uint64_t i = 0; i < fuzz_count; i++)
        hv_random_call();
    printf("FUZZ done calls=%llu mismatches=%llu marks=%llu\n",
            (unsigned long long)calls + 1, (unsigned long long)mismatches,
            (unsigned long long)marks);
#ifdef FUZZ_NET
    net_fatal();
#endif
    switch (fuzz_seed % KINDS) {
    case 0: hv_bad_address(); break;
    case 1: hv_bad_width(); break;
    case 2: no_handler(); break;
    case 3: case 4: struct_beyond(); break;
    case 5: buffer_beyond(); break;
    case 6: cookie_beyond(); break;
    case 7: into_text(); break;
    default: struct_in_text(); break;
    }
    putstr("FUZZ survived\n");
    solo5_exit(3);
}
#endif /* FUZZ_HVT */
