/*
 * fuzz_spt_fatal.c: after COUNT allowed calls, one system call that the spt
 * filter must kill (SIGSYS, status 159; docs/abi.md §16), announced as
 *   FUZZ expect SIGSYS nr=N args=A,B,C,D,E,F
 * SEED % 8 picks the kind: a random call that is not on the list (with random
 * arguments), a number of the x32 ABI or beyond the table, or a call on the
 * list with an argument its rule refuses: write to another descriptor, a
 * block transfer with the wrong descriptor, size or offset, another clock,
 * epoll set, timer or arch_prctl code. Arguments are compared as 64-bit
 * values, so a right number in the low half with bits set above it is wrong.
 */
#ifdef FUZZ_SPT
#include "fuzz_spt.h"

#define KINDS 8

static const uint64_t allowed_nrs[] = { SPT_SYS_write, SPT_SYS_pread64,
    SPT_SYS_pwrite64, SPT_SYS_arch_prctl, SPT_SYS_clock_gettime,
    SPT_SYS_exit_group, SPT_SYS_epoll_pwait, SPT_SYS_timerfd_settime };

static int allowed_nr(uint64_t nr)
{
    for (size_t i = 0; i < sizeof allowed_nrs / sizeof allowed_nrs[0]; i++)
        if (allowed_nrs[i] == nr)
            return 1;
    return 0;
}

/* A random argument: small numbers, descriptors, pointers good and bad, anything. */
static uint64_t arg(void)
{
    const uint64_t v[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, -1ULL, 4096, 0x1002,
        (uint64_t)sp_epollfd, (uint64_t)sp_timerfd, (uint64_t)disks[0].hostfd,
        sp_scratch + rnd_below(sp_mem - sp_scratch - 4096), sp_bad_pointer(64),
        rnd(), rnd_below(1ULL << 32) };

    return rnd_pick(v, sizeof v / sizeof v[0]);
}

/* A descriptor other than (fd) as a 64-bit value. */
static uint64_t other_fd(uint64_t fd)
{
    const uint64_t v[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 63, 1024,
        (uint64_t)sp_epollfd, (uint64_t)sp_timerfd, (uint64_t)disks[0].hostfd,
        (uint64_t)disks[1].hostfd, fd | 1ULL << 32, fd | 1ULL << 63, -1ULL,
        rnd() };

    for (int i = 0; i < 16; i++) {
        uint64_t o = rnd_pick(v, sizeof v / sizeof v[0]);
        if (o != fd)
            return o;
    }
    return fd + 100;
}

/* pread64/pwrite64 (fd, buf, count, offset) that no disk's rule matches. */
static void bad_block(uint64_t *a)
{
    const struct fuzz_disk *d = &disks[rnd_below(FUZZ_DISKS)];
    uint64_t bs = d->block_size, last = d->capacity - bs;
    const uint64_t counts[] = { 0, 1, bs - 1, bs + 1, 2 * bs, 512, 4096,
        -bs, rnd() };
    const uint64_t offs[] = { last + 1, last + bs, d->capacity, -1ULL, -bs,
        1ULL << 63, last + 1 + rnd_below(1ULL << 40), rnd() };

    for (int i = 0; i < 64; i++) {
        a[0] = (uint64_t)d->hostfd;
        a[1] = sp_scratch;
        a[2] = bs;
        a[3] = rnd_below(last + 1);
        switch (rnd_below(3)) {
        case 0: a[0] = other_fd(a[0]); break;
        case 1: a[2] = rnd_pick(counts, sizeof counts / sizeof counts[0]); break;
        default: a[3] = rnd_pick(offs, sizeof offs / sizeof offs[0]); break;
        }
        if (!sp_block_allowed(a[0], a[2], a[3]))
            return;
    }
    a[0] = -1ULL;
}

void fuzz_fatal(void)
{
    uint64_t nr = 0, a[6];

    for (uint64_t i = 0; i < fuzz_count; i++)
        sp_random_call();
    printf("FUZZ done calls=%llu mismatches=%llu marks=%llu\n",
            (unsigned long long)calls + 1, (unsigned long long)mismatches,
            (unsigned long long)marks);
    for (int i = 0; i < 6; i++)
        a[i] = arg();
    switch (fuzz_seed % KINDS) {
    case 0:         /* any call not on the list */
        for (int i = 0; i < 16 && (nr == 0 || allowed_nr(nr)); i++)
            nr = rnd_below(460);
        if (allowed_nr(nr))
            nr = SPT_SYS_dup;
        break;
    case 1: {       /* the x32 ABI, and numbers beyond the table */
        const uint64_t nrs[] = { 0x40000000 | rnd_pick(allowed_nrs, 8),
            0x40000000 + rnd_below(1024), 460 + rnd_below(1000), 0x3FFFFFFF,
            0x7FFFFFFF, 0xFFFFFFFF, -1ULL };
        nr = rnd_pick(nrs, sizeof nrs / sizeof nrs[0]);
        break;
    }
    case 2:
        nr = SPT_SYS_write;
        a[0] = other_fd(1);
        a[1] = (uintptr_t)mark_bytes;
        a[2] = rnd_below(FUZZ_MARKS);
        break;
    case 3:
        nr = rnd_percent(50) ? SPT_SYS_pread64 : SPT_SYS_pwrite64;
        bad_block(a);
        break;
    case 4: {
        const uint64_t clocks[] = { 2, 3, 4, 5, 6, 7, 11, -1ULL, 1ULL << 32,
            1ULL << 32 | 1, rnd() };
        nr = SPT_SYS_clock_gettime;
        a[0] = rnd_pick(clocks, sizeof clocks / sizeof clocks[0]);
        a[1] = sp_scratch;
        break;
    }
    case 5:
        nr = SPT_SYS_epoll_pwait;
        a[0] = other_fd((uint64_t)sp_epollfd);
        a[3] = 0;       /* no waiting if it were let through */
        break;
    case 6:
        nr = SPT_SYS_timerfd_settime;
        a[0] = other_fd((uint64_t)sp_timerfd);
        break;
    default: {
        const uint64_t codes[] = { 0x1001, 0x1003, 0x1004, 0x1011, 0x1012,
            0x1002 | 1ULL << 32, 0, rnd() };
        nr = SPT_SYS_arch_prctl;
        a[0] = rnd_pick(codes, sizeof codes / sizeof codes[0]);
        break;
    }
    }
    print_checksums();
    printf("FUZZ expect SIGSYS nr=%lld args=%llx,%llx,%llx,%llx,%llx,%llx\n",
            (long long)nr, (unsigned long long)a[0], (unsigned long long)a[1],
            (unsigned long long)a[2], (unsigned long long)a[3],
            (unsigned long long)a[4], (unsigned long long)a[5]);
    long r = sp_call((long)nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    printf("FUZZ survived: returned %ld\n", r);
    sp_call(SPT_SYS_exit_group, 3, 0, 0, 0, 0, 0);
    __builtin_trap();
}
#endif /* FUZZ_SPT */
