/*
 * fuzz_spt.c: random system calls that the spt seccomp filter lets through
 * (docs/abi.md §16), with random arguments the filter does not look at:
 * pointers that are unmapped, non-canonical or read-only, bad flags, sizes,
 * signal masks and timer values, misaligned block offsets. Each result is
 * checked against what Linux answers for it; a disk transfer that succeeded
 * updates (write) or is checked against (read) the shadow.
 */
#ifdef FUZZ_SPT
#include "fuzz_spt.h"

uint64_t sp_mem;
uint64_t sp_scratch;
long sp_epollfd, sp_timerfd;

#define EP_MAX_EVENTS   178956970LL     /* INT_MAX / sizeof(struct epoll_event) */
#define NSEC            1000000000ULL

static uint64_t last_monotonic;

void fuzz_init(const struct solo5_start_info *si)
{
    const struct spt_boot_info *bi = (const struct spt_boot_info *)SPT_BOOT_INFO_BASE;
    const struct mft *m = (const struct mft *)(uintptr_t)bi->mft;

    sp_mem = bi->mem_size;
    sp_scratch = si->heap_start;
    sp_epollfd = bi->epollfd;
    sp_timerfd = bi->timerfd;
    for (int d = 0; d < FUZZ_DISKS; d++)
        disks[d].hostfd = m->e[disks[d].handle].b.hostfd;
}

uint64_t sp_bad_pointer(uint64_t len)
{
    const uint64_t high[] = { 1ULL << 63, 0xFFFF888000000000ULL,
        -len - 1, (1ULL << 63) + rnd_below(1ULL << 40) };

    if (len < 0x10000 && rnd_percent(50))
        return rnd_below(0x10000 - len);
    return rnd_pick(high, sizeof high / sizeof high[0]);
}

int sp_block_allowed(uint64_t fd, uint64_t count, uint64_t off)
{
    for (int d = 0; d < FUZZ_DISKS; d++)
        if (fd == (uint64_t)disks[d].hostfd && count == disks[d].block_size &&
                off <= disks[d].capacity - disks[d].block_size)
            return 1;
    return 0;
}

/* What sp_bad_pointer() gives: the kernel refuses it for any length. */
static int bad(uint64_t p)
{
    return p < 0x10000 || p >= 1ULL << 63;
}

static int in_scratch(uint64_t p)
{
    return p >= sp_scratch && p < sp_mem;
}

static int text_fits(uint64_t len)
{
    return len <= (uintptr_t)_erodata - (uintptr_t)_stext;
}

static uint64_t scratch(uint64_t len)
{
    return rnd_place(sp_scratch, sp_mem, len);
}

static uint64_t text(uint64_t len)
{
    return rnd_place((uintptr_t)_stext, (uintptr_t)_erodata, len);
}

static void check(const char *call, long got, long expect)
{
    if (got != expect)
        mismatch("%s returned %ld, not %ld", call, got, expect);
}

/* write(1): '#' bytes, or nothing from a pointer the kernel cannot read. */
static void console(void)
{
    uint64_t len = rnd_percent(20) ? 0 : 1 + rnd_below(FUZZ_MARKS);
    uint64_t p;
    long expect = (long)len;

    if (rnd_percent(30)) {
        len = rnd_percent(80) ? 1 + rnd_below(FUZZ_MARKS) : 1ULL << 63 | rnd();
        p = sp_bad_pointer(len);
        expect = SP_EFAULT;
    } else if (len == 0) {
        p = scratch(0);
    } else if (rnd_percent(50)) {
        p = (uintptr_t)mark_bytes + rnd_below(FUZZ_MARKS - len + 1);
    } else {
        p = scratch(len);
        memset((void *)(uintptr_t)p, '#', len);
    }
    long r = sp_call(SPT_SYS_write, 1, p, len, 0, 0, 0);
    check("write(1)", r, expect);
    if (r > 0)
        marks += (uint64_t)r;
}

/* One block at any offset the filter allows (misaligned too), from or into good or bad memory. */
static void block(int write)
{
    int k = (int)rnd_below(FUZZ_DISKS);
    const struct fuzz_disk *d = &disks[k];
    uint64_t bs = d->block_size, last = d->capacity - bs;
    const uint64_t offs[] = { 0, last, rnd_below(last + 1),
        rnd_below(last + 1) & ~(bs - 1) };
    uint64_t off = rnd_pick(offs, 4), p;
    long expect = (long)bs;

    if (rnd_percent(25)) {
        p = write || !text_fits(bs) || rnd_percent(50) ? sp_bad_pointer(bs) : text(bs);
        expect = SP_EFAULT;
    } else if (write) {
        p = rnd_percent(20) && text_fits(bs) ? text(bs) : scratch(bs);
    } else {
        p = scratch(bs);
        for (uint64_t i = 0; i < bs; i++)
            ((uint8_t *)(uintptr_t)p)[i] = (uint8_t)~d->shadow[off + i];
    }
    long r = sp_call(write ? SPT_SYS_pwrite64 : SPT_SYS_pread64,
            (uint64_t)d->hostfd, p, bs, off, 0, 0);
    check(write ? "pwrite64" : "pread64", r, expect);
    if (r == (long)bs && expect == (long)bs) {
        if (write)
            shadow_write(k, off, (const void *)(uintptr_t)p, bs);
        else
            shadow_check(k, off, (const void *)(uintptr_t)p, bs);
    }
}

static void clock(void)
{
    uint64_t clk = rnd_below(2);
    uint64_t p = rnd_percent(25) ? (rnd_percent(50) ? sp_bad_pointer(16) : text(16))
        : scratch(16);
    int good = in_scratch(p);
    long r = sp_call(SPT_SYS_clock_gettime, clk, p, 0, 0, 0, 0);

    check("clock_gettime", r, good ? 0 : SP_EFAULT);
    if (r != 0 || !good)
        return;
    uint64_t s = get64((void *)(uintptr_t)p), ns = get64((void *)(uintptr_t)(p + 8));
    uint64_t t = s * NSEC + ns;
    if (ns >= NSEC || (clk == SPT_CLOCK_REALTIME && s < 1500000000ULL) ||
            (clk == SPT_CLOCK_MONOTONIC && t < last_monotonic))
        mismatch("clock_gettime(%llu) gave %llu.%09llu", (unsigned long long)clk,
                (unsigned long long)s, (unsigned long long)ns);
    if (clk == SPT_CLOCK_MONOTONIC)
        last_monotonic = t;
}

/* epoll_pwait without waiting (the only member of the set is the timer). */
static void epoll(void)
{
    const uint64_t maxes[] = { 1, 1, 4, 0, -1ULL, 0x7FFFFFFF, EP_MAX_EVENTS,
        EP_MAX_EVENTS + 1, 1ULL << 32 | 1, rnd() };
    const uint64_t sizes[] = { 8, 8, 0, 16, rnd() };
    uint64_t maxevents = rnd_pick(maxes, sizeof maxes / sizeof maxes[0]);
    uint64_t events = rnd_percent(80) ? scratch(12) : sp_bad_pointer(12);
    uint64_t sigmask = rnd_percent(50) ? 0 : rnd_percent(80) ? scratch(8) : sp_bad_pointer(8);
    uint64_t size = rnd_pick(sizes, sizeof sizes / sizeof sizes[0]);
    int mx = (int)maxevents;
    long r = sp_call(SPT_SYS_epoll_pwait, (uint64_t)sp_epollfd, events, maxevents,
            rnd_percent(50) ? 0 : 1ULL << 32, sigmask, size);

    if (sigmask != 0 && size != 8)
        check("epoll_pwait(sigsetsize)", r, SP_EINVAL);
    else if (sigmask != 0 && bad(sigmask))
        check("epoll_pwait(sigmask)", r, SP_EFAULT);
    else if (mx <= 0 || mx > EP_MAX_EVENTS)
        check("epoll_pwait(maxevents)", r, SP_EINVAL);
    else if (events >= 1ULL << 63)
        check("epoll_pwait(events)", r, SP_EFAULT);
    else if (events < sp_scratch && r != 0 && r != SP_EFAULT)
        mismatch("epoll_pwait into the unmapped page returned %ld", r);
    else if (in_scratch(events) && (r < 0 || r > 1 ||
            (r == 1 && get64((void *)(uintptr_t)(events + 4)) != SP_TIMER_TAG)))
        mismatch("epoll_pwait returned %ld", r);
}

static int timespec_valid(uint64_t p)
{
    return (int64_t)get64((void *)(uintptr_t)p) >= 0 &&
        get64((void *)(uintptr_t)(p + 8)) < NSEC;
}

/* timerfd_settime: bad flags, invalid or unreadable values, an unwritable old value. */
static void timer(void)
{
    const uint64_t flagset[] = { 0, 0, 1, 2, 3, 4, 1ULL << 32, rnd() };
    uint64_t flags = rnd_pick(flagset, sizeof flagset / sizeof flagset[0]);
    uint64_t nw = rnd_percent(80) ? scratch(32) : rnd_percent(50) ? text(32) : sp_bad_pointer(32);
    uint64_t old = rnd_percent(40) ? 0 : rnd_percent(75) ? scratch(32) : sp_bad_pointer(32);
    long expect = 0;

    if (in_scratch(nw)) {
        const uint64_t ns[] = { 0, 1000, rnd_below(NSEC), NSEC, -1ULL, rnd() };
        put64((void *)(uintptr_t)nw, rnd_percent(90) ? 0 : rnd_below(3));
        put64((void *)(uintptr_t)(nw + 8), rnd_percent(50) ? 0 : 1000000 + rnd_below(NSEC - 1000000));
        put64((void *)(uintptr_t)(nw + 16), rnd_percent(90) ? rnd_below(2) : -1ULL);
        put64((void *)(uintptr_t)(nw + 24), rnd_pick(ns, sizeof ns / sizeof ns[0]));
    }
    if (bad(nw))
        expect = SP_EFAULT;
    else if (((int)flags & ~3) != 0 || !timespec_valid(nw) || !timespec_valid(nw + 16))
        expect = SP_EINVAL;
    else if (old != 0 && bad(old))
        expect = SP_EFAULT;     /* after the timer was set */
    check("timerfd_settime", sp_call(SPT_SYS_timerfd_settime, (uint64_t)sp_timerfd,
                flags, nw, old, 0, 0), expect);
}

/* arch_prctl(ARCH_SET_FS): any user address; EPERM from the kernel half (not for 5-level paging's range). */
static void fs_base(void)
{
    const uint64_t addrs[] = { 0, sp_scratch, rnd_below(1ULL << 46),
        (1ULL << 47) - 8192, 1ULL << 63, 0xFFFF888000000000ULL, ~0ULL };
    uint64_t a = rnd_pick(addrs, sizeof addrs / sizeof addrs[0]);

    check("arch_prctl(ARCH_SET_FS)", sp_call(SPT_SYS_arch_prctl, SPT_ARCH_SET_FS, a,
                0, 0, 0, 0), a >= 1ULL << 63 ? SP_EPERM : 0);
}

void sp_random_call(void)
{
    uint64_t r = rnd_below(100);

    calls++;
    if (r < 12) console();
    else if (r < 32) block(0);
    else if (r < 52) block(1);
    else if (r < 64) clock();
    else if (r < 76) epoll();
    else if (r < 88) timer();
    else fs_base();
}

void fuzz_calls(void)
{
    uint64_t t0 = solo5_clock_monotonic();
    uint32_t status = (uint32_t)rnd();

    for (uint64_t i = 0; i < fuzz_count; i++)
        sp_random_call();
    calls++;
    printf("FUZZ done calls=%llu mismatches=%llu marks=%llu ms=%llu exit=%u\n",
            (unsigned long long)calls, (unsigned long long)mismatches,
            (unsigned long long)marks,
            (unsigned long long)(solo5_clock_monotonic() - t0) / 1000000,
            status & 0xFF);
    print_checksums();
    sp_call(SPT_SYS_exit_group, status, 0, 0, 0, 0, 0);
    putstr("FUZZ survived exit_group\n");
    __builtin_trap();
}
#endif /* FUZZ_SPT */
