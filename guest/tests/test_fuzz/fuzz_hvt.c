/*
 * fuzz_hvt.c: random hypercalls that the hvt tender must answer, each checked
 * against docs/abi.md §7: WALLTIME, PUTS, POLL, BLOCK_WRITE and BLOCK_READ
 * with argument structures and buffers anywhere in guest memory that the ABI
 * allows (misaligned, flush with the last usable byte), random handles,
 * offsets and lengths (huge, wrapping, misaligned, zero). Where the ABI
 * answers EINVAL before it looks at the buffer, the buffer pointer is wild.
 */
#ifdef FUZZ_HVT
#include "fuzz_hvt.h"

uint64_t hv_mem;
uint64_t hv_scratch;

const uint64_t hv_arg_size[9] = { 0, 8, 16, 24, 40, 40, 32, 32, 16 };
const char *const hv_name[9] = { "", "WALLTIME", "PUTS", "POLL",
    "BLOCK_WRITE", "BLOCK_READ", "NET_WRITE", "NET_READ", "HALT" };

#define RET_UNSET 0x5A5A5A5AU
#define SSIZE_MAX_ 0x7FFFFFFFFFFFFFFFULL

static struct {
    uint64_t walltime, puts, poll, ok[2], einval[2];
} n;

static uint8_t spare_arg[64] __attribute__((aligned(64)));

void fuzz_init(const struct solo5_start_info *si)
{
    const struct hvt_boot_info *bi =
        (const struct hvt_boot_info *)HVT_BOOT_INFO_GPA;

    hv_mem = bi->mem_size;
    hv_scratch = si->heap_start;
#ifdef FUZZ_NET
    net_init();
#endif
}

volatile uint8_t *hv_arg(uint64_t size, uint64_t lo, uint64_t hi)
{
    for (int i = 0; i < 16; i++) {
        uint64_t p = rnd_place(hv_scratch, hv_mem - 1, size);
        if (p + size <= lo || p >= hi)
            return (volatile uint8_t *)(uintptr_t)p;
    }
    return spare_arg;
}

static void walltime(void)
{
    volatile uint8_t *a = hv_arg(8, 0, 0);
    uint64_t ns;

    put64(a, 0);
    hvt_hypercall(HVT_HYPERCALL_WALLTIME, a);
    ns = get64(a);
    /* Between 2017 and 2100. */
    if (ns < 1500000000ULL * 1000000000ULL || ns > 4102444800ULL * 1000000000ULL)
        mismatch("WALLTIME at %p gave %llu", (void *)a, (unsigned long long)ns);
    n.walltime++;
}

/* PUTS of '#' bytes (from rodata, or scratch filled first); zero bytes from anywhere. */
static void console(void)
{
    const uint64_t lens[] = { 0, 1, rnd_below(16), rnd_below(64),
        1 + rnd_below(FUZZ_MARKS) };
    uint64_t len = rnd_pick(lens, sizeof lens / sizeof lens[0]);
    uint64_t data;
    volatile uint8_t *a;

    if (len == 0) {
        data = rnd_below(hv_mem);
    } else if (rnd_percent(50)) {
        data = (uintptr_t)mark_bytes + rnd_below(FUZZ_MARKS - len + 1);
    } else {
        data = rnd_place(hv_scratch, hv_mem - 1, len);
        memset((void *)(uintptr_t)data, '#', len);
    }
    a = hv_arg(16, data, data + len);
    put64(a, data);
    put64(a + 8, len);
    hvt_hypercall(HVT_HYPERCALL_PUTS, a);
    marks += len;
    n.puts++;
}

/* Short timeouts only: the tender must sleep as long as it is asked to. */
static void poll_briefly(void)
{
    const uint64_t timeouts[] = { 0, 1, rnd_below(1000), rnd_below(20000) };
    volatile uint8_t *a = hv_arg(24, 0, 0);

    put64(a, rnd_pick(timeouts, sizeof timeouts / sizeof timeouts[0]));
    put64(a + 8, ~0ULL);
    put32(a + 16, RET_UNSET);
    hvt_hypercall(HVT_HYPERCALL_POLL, a);
#ifdef FUZZ_NET
    /* Only service0 can be ready; ret counts the ready devices. */
    if ((get64(a + 8) != 0 && get64(a + 8) != 1ULL << hv_net) ||
            get32(a + 16) != (get64(a + 8) != 0))
#else
    if (get64(a + 8) != 0 || get32(a + 16) != 0)
#endif
        mismatch("POLL gave ready_set=%llx ret=%u",
                (unsigned long long)get64(a + 8), get32(a + 16));
    n.poll++;
}

static uint64_t block_handle(void)
{
    /* 0 is the manifest's reserved entry, not a BLOCK_BASIC device. */
    const uint64_t bad[] = { 0, 0, 3, 4, 63, 64, 0xFFFFFFFFULL, 1ULL << 32,
        ~0ULL, 1ULL << 63, rnd() };

    if (rnd_percent(85))
        return disks[rnd_below(FUZZ_DISKS)].handle;
    return rnd_pick(bad, sizeof bad / sizeof bad[0]);
}

/* (off, len) for a disk of cap bytes: half of them fit, half are bad in some way. */
static void block_range(uint64_t cap, uint64_t bs, uint64_t *off, uint64_t *len)
{
    const uint64_t good[] = { bs, 1 + rnd_below(bs), 1 + rnd_below(4096),
        1 + rnd_below(cap), cap, 0 };
    const uint64_t lens[] = { 0, 1, bs - 1, bs + 1, cap - 1, cap, cap + 1,
        SSIZE_MAX_, SSIZE_MAX_ + 1, ~0ULL, -bs, rnd(), 1 + rnd_below(cap) };

    if (rnd_percent(50)) {
        *len = good[rnd_percent(90) ? rnd_below(3) : rnd_below(6)];
        if (*len > cap)
            *len = cap;
        *off = rnd_percent(20) ? cap - *len : rnd_below(cap - *len + 1);
        if (rnd_percent(50))
            *off &= ~(bs - 1);
        return;
    }
    *len = rnd_pick(lens, sizeof lens / sizeof lens[0]);
    const uint64_t offs[] = { 0, 1, cap - 1, cap, cap + 1, cap - *len,
        cap - *len + 1, -*len, -bs, ~0ULL, 1ULL << 63, rnd(),
        rnd_below(cap), rnd_below(cap) & ~(bs - 1) };
    *off = rnd_pick(offs, sizeof offs / sizeof offs[0]);
}

/* docs/abi.md §7.6, steps 1-3 (the buffer is checked after them). */
uint32_t hv_block_expect(uint64_t h, uint64_t off, uint64_t len)
{
    uint64_t cap;

    if (disk_of(h) < 0)
        return SOLO5_R_EINVAL;
    cap = disks[disk_of(h)].capacity;
    if (len > SSIZE_MAX_ || off >= cap)
        return SOLO5_R_EINVAL;
    if (off + len < off || off + len > cap)
        return SOLO5_R_EINVAL;
    return SOLO5_R_OK;
}

/* A buffer the ABI accepts: anywhere for 0 bytes; readable memory to write from; scratch to read into. */
static uint64_t block_buffer(int write, uint64_t len)
{
    uint64_t ro = (uintptr_t)_erodata - (uintptr_t)_stext;

    if (len == 0)
        return rnd_below(hv_mem);
    if (write && rnd_percent(15) && len <= HV_IMAGE_START - HV_LOW_START)
        return rnd_place(HV_LOW_START, HV_IMAGE_START, len);
    if (write && rnd_percent(15) && len <= ro)
        return rnd_place((uintptr_t)_stext, (uintptr_t)_erodata, len);
    return rnd_place(hv_scratch, hv_mem - 1, len);
}

static void block(int write)
{
    uint64_t h = block_handle();
    int k = disk_of(h);
    const struct fuzz_disk *d = &disks[k >= 0 ? k : 0];
    uint64_t off, len, data;
    uint32_t expect, ret;
    volatile uint8_t *a;

    block_range(d->capacity, d->block_size, &off, &len);
    expect = hv_block_expect(h, off, len);
    if (expect == SOLO5_R_OK)
        data = block_buffer(write, len);
    else
        data = rnd_percent(50) ? rnd_wild(hv_mem, len) : hv_scratch;
    if (!write && expect == SOLO5_R_OK)     /* what must be overwritten */
        for (uint64_t i = 0; i < len; i++)
            ((uint8_t *)(uintptr_t)data)[i] = (uint8_t)~d->shadow[off + i];
    a = hv_arg(40, data, data + len);
    put64(a, h);
    put64(a + 8, off);
    put64(a + 16, data);
    put64(a + 24, len);
    put32(a + 32, RET_UNSET);
    hvt_hypercall(write ? HVT_HYPERCALL_BLOCK_WRITE : HVT_HYPERCALL_BLOCK_READ, a);
    ret = get32(a + 32);
    if (ret != expect)
        mismatch("%s handle=%llu off=%llu len=%llu data=0x%llx: ret %u, not %u",
                write ? "BLOCK_WRITE" : "BLOCK_READ", (unsigned long long)h,
                (unsigned long long)off, (unsigned long long)len,
                (unsigned long long)data, ret, expect);
    if (get64(a) != h || get64(a + 8) != off || get64(a + 16) != data ||
            get64(a + 24) != len)
        mismatch("%s changed its input fields", write ? "BLOCK_WRITE" : "BLOCK_READ");
    if (ret == SOLO5_R_OK && expect == SOLO5_R_OK) {
        if (write)
            shadow_write(k, off, (const void *)(uintptr_t)data, len);
        else
            shadow_check(k, off, (const void *)(uintptr_t)data, len);
    }
    if (expect == SOLO5_R_OK)
        n.ok[write]++;
    else
        n.einval[write]++;
}

void hv_random_call(void)
{
    uint64_t r = rnd_below(100);

    calls++;
#ifdef FUZZ_NET
    /* A third of the requests go to the NET device, the rest as without one. */
    if (rnd_percent(33)) {
        net_call(r < 50);
        return;
    }
#endif
    if (r < 10)
        walltime();
    else if (r < 25)
        console();
    else if (r < 35)
        poll_briefly();
    else
        block(r < 68);
}

void fuzz_calls(void)
{
    uint32_t status = (uint32_t)rnd();
    uint64_t cookie = rnd_percent(50) ? 0 : rnd_below(hv_mem - 512);
    volatile uint8_t *a;

    uint64_t t0 = solo5_clock_monotonic();
    char net[120] = "";

    for (uint64_t i = 0; i < fuzz_count; i++) {
        if (i % 10000 == 0)     /* where a run that does not end got to */
            printf("FUZZ at calls=%llu ms=%llu\n", (unsigned long long)calls,
                    (unsigned long long)(solo5_clock_monotonic() - t0) / 1000000);
        hv_random_call();
    }
    calls++;
#ifdef FUZZ_NET
    net_summary(net, sizeof net);
#endif
    printf("FUZZ done calls=%llu mismatches=%llu marks=%llu ms=%llu walltime=%llu "
            "puts=%llu poll=%llu write=%llu/%llu read=%llu/%llu %sexit=%u\n",
            (unsigned long long)calls, (unsigned long long)mismatches,
            (unsigned long long)marks,
            (unsigned long long)(solo5_clock_monotonic() - t0) / 1000000,
            (unsigned long long)n.walltime,
            (unsigned long long)n.puts, (unsigned long long)n.poll,
            (unsigned long long)n.ok[1], (unsigned long long)n.einval[1],
            (unsigned long long)n.ok[0], (unsigned long long)n.einval[0],
            net, status & 0xFF);
    print_checksums();
    /* HALT with a random status, and a cookie anywhere the ABI allows. */
    a = hv_arg(16, cookie, cookie + 512);
    put64(a, cookie);
    put32(a + 8, status);
    hvt_hypercall(HVT_HYPERCALL_HALT, a);
    putstr("FUZZ survived HALT\n");
    solo5_abort();
}
#endif /* FUZZ_HVT */
