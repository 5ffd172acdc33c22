/*
 * test_sandbox (spt only): probes the spt sandbox from inside the guest. The
 * command line names one probe; most make a system call the seccomp filter
 * must refuse, which kills the process with SIGSYS (status 159), so reaching
 * the line after the call prints FAILURE and returns 1. The others:
 *
 *   sleep     print READY, yield for 3 s, then SUCCESS (the integration test
 *             inspects /proc/<pid> meanwhile)
 *   hold      the same for 10 minutes, for a test that needs longer (in an
 *             emulated host) and ends it with SIGTERM
 *   blkok     pread64 of the last block with the exact block size: allowed
 *   heapexec  call a "ret" copied to the heap: SUCCESS with --x-exec-heap,
 *             SIGSEGV (139) without
 *
 * It needs the block device "storage" and reads the host fds from the boot
 * info the tender left at 0x11000 (docs/abi.md section 14). The system call
 * numbers are the architecture's (spt_syscall.h); the probes only one
 * architecture has are in sandbox_probes_ARCH.h.
 */
#include "solo5.h"
#include "guestlib.h"
#include "mft_abi.h"
#include "../../runtime/spt/spt_abi.h"
#include "../common/cpu_probes.h"

#define BOOT_INFO ((const struct spt_boot_info *)SPT_BOOT_INFO_BASE)

static const struct mft_entry *storage(void)
{
    const struct mft *m = (const struct mft *)(uintptr_t)BOOT_INFO->mft;

    for (uint32_t i = 0; i < m->entries; i++)
        if (m->e[i].type == MFT_DEV_BLOCK_BASIC &&
                strcmp(m->e[i].name, "storage") == 0)
            return &m->e[i];
    return NULL;
}

static uint8_t buf[65536];

static int survived(const char *probe, long ret)
{
    printf("FAILURE: probe '%s' returned %ld\n", probe, ret);
    return SOLO5_EXIT_FAILURE;
}

#if defined(__x86_64__)
#include "sandbox_probes_x86_64.h"
#elif defined(__aarch64__)
#include "sandbox_probes_aarch64.h"
#endif

int solo5_app_main(const struct solo5_start_info *si)
{
    const struct mft_entry *e = storage();
    const char *p = si->cmdline;
    long fd, bs, cap;

    putstr("\n**** tender standalone test_sandbox ****\n\n");
    if (e == NULL || !e->attached)
        return 99;
    fd = e->b.hostfd;
    bs = e->u.block_basic.block_size;
    cap = (long)e->u.block_basic.capacity;
    printf("probe '%s': block fd %ld, epoll fd %d, timer fd %d\n", p, fd,
            BOOT_INFO->epollfd, BOOT_INFO->timerfd);

    if (strcmp(p, "sleep") == 0 || strcmp(p, "hold") == 0) {
        putstr("READY\n");
        solo5_yield(solo5_clock_monotonic() +
                (p[0] == 's' ? 3 : 600) * 1000000000ULL, NULL);
        putstr("SUCCESS\n");
        return SOLO5_EXIT_SUCCESS;
    }
    if (strcmp(p, "blkok") == 0) {
        long n = spt_syscall4(SPT_SYS_pread64, fd, (long)(uintptr_t)buf, bs,
                cap - bs);
        if (n != bs)
            return survived(p, n);
        putstr("SUCCESS\n");
        return SOLO5_EXIT_SUCCESS;
    }
    if (strcmp(p, "heapexec") == 0) {
        uint8_t *code = (uint8_t *)si->heap_start;
        void (*fn)(void);
        probe_store_return(code);
        fn = (void (*)(void))(uintptr_t)code;
        __asm__ __volatile__("" : "+r"(fn) : : "memory");
        fn();
        putstr("SUCCESS\n");
        return SOLO5_EXIT_SUCCESS;
    }

    /* Everything below must be killed by the filter. */
    if (strcmp(p, "stderr") == 0)
        return survived(p, spt_syscall3(SPT_SYS_write,
                2, (long)(uintptr_t)"x\n", 2));
    if (strcmp(p, "stdin") == 0)
        return survived(p, spt_syscall3(SPT_SYS_read,
                0, (long)(uintptr_t)buf, 1));
    if (strcmp(p, "highfd") == 0)       /* fd 1 in the low 32 bits only */
        return survived(p, spt_syscall3(SPT_SYS_write,
                0x100000001L, (long)(uintptr_t)"x\n", 2));
    if (strcmp(p, "blkread") == 0)      /* read(2) is for net devices */
        return survived(p, spt_syscall3(SPT_SYS_read,
                fd, (long)(uintptr_t)buf, bs));
    if (strcmp(p, "blkwritefd") == 0)   /* write(2) likewise */
        return survived(p, spt_syscall3(SPT_SYS_write,
                fd, (long)(uintptr_t)buf, bs));
    if (strcmp(p, "blkshort") == 0)
        return survived(p, spt_syscall4(SPT_SYS_pread64,
                fd, (long)(uintptr_t)buf, bs / 2, 0));
    if (strcmp(p, "blkpast") == 0)
        return survived(p, spt_syscall4(SPT_SYS_pread64,
                fd, (long)(uintptr_t)buf, bs, cap));
    if (strcmp(p, "blkgrow") == 0)      /* would extend the backing file */
        return survived(p, spt_syscall4(SPT_SYS_pwrite64,
                fd, (long)(uintptr_t)buf, bs, cap));
    if (strcmp(p, "blkneg") == 0)       /* offset -bs: huge as unsigned */
        return survived(p, spt_syscall4(SPT_SYS_pwrite64,
                fd, (long)(uintptr_t)buf, bs, -bs));
    if (strcmp(p, "otherfd") == 0)      /* a descriptor nobody gave us */
        return survived(p, spt_syscall4(SPT_SYS_pread64,
                fd + 10, (long)(uintptr_t)buf, bs, 0));
    if (strcmp(p, "epoll") == 0)        /* the timer fd is not the epoll fd */
        return survived(p, spt_syscall6(SPT_SYS_epoll_pwait,
                BOOT_INFO->timerfd, (long)(uintptr_t)buf, 1, 0, 0, 0));
    if (strcmp(p, "timer") == 0)
        return survived(p, spt_syscall4(SPT_SYS_timerfd_settime,
                BOOT_INFO->epollfd, 0, (long)(uintptr_t)buf, 0));
    if (strcmp(p, "clock") == 0)        /* CLOCK_PROCESS_CPUTIME_ID */
        return survived(p, spt_syscall2(SPT_SYS_clock_gettime,
                2, (long)(uintptr_t)buf));
    if (strcmp(p, "mmap") == 0)
        return survived(p, spt_syscall6(SPT_SYS_mmap, 0, 4096, 3, 0x22, -1, 0));
    if (strcmp(p, "exit") == 0)         /* exit(2), not exit_group(2) */
        return survived(p, spt_syscall1(SPT_SYS_exit, 0));
    if (arch_probe(p))
        return SOLO5_EXIT_FAILURE;
    printf("unknown probe '%s'\n", p);
    return 2;
}
