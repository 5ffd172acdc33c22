/*
 * spt_abi.h: the guest side of the spt ABI (version 2, x86_64 and aarch64): the boot
 * info the tender leaves at 0x11000, and the raw Linux system calls the
 * seccomp filter allows. See docs/abi.md sections 13.1, 14, 16 and 17.
 */
#ifndef SPT_ABI_H
#define SPT_ABI_H

#include <stdint.h>

#define SPT_ABI_TARGET          2       /* "spt" in the ABI1 note */
#define SPT_ABI_VERSION         2
#define SPT_BOOT_INFO_BASE      0x11000
#define SPT_TIMER_TAG           0xFFFFFFFEULL   /* epoll data of the timerfd */

struct spt_boot_info {
    uint64_t mem_size;          /* exactly --mem */
    uint64_t kernel_end;
    uint64_t cmdline;           /* address of the NUL-terminated line */
    uint64_t mft;               /* address of the manifest copy */
    int epollfd;
    int timerfd;
};
_Static_assert(sizeof(struct spt_boot_info) == 40, "spt_boot_info size");

/* System call numbers (the filter allows these, with conditions). */
#if defined(__x86_64__)
#define SPT_SYS_read            0
#define SPT_SYS_write           1
#define SPT_SYS_pread64         17
#define SPT_SYS_pwrite64        18
#define SPT_SYS_arch_prctl      158
#define SPT_SYS_clock_gettime   228
#define SPT_SYS_exit_group      231
#define SPT_SYS_epoll_pwait     281
#define SPT_SYS_timerfd_settime 286
#elif defined(__aarch64__)
#define SPT_SYS_read            63
#define SPT_SYS_write           64
#define SPT_SYS_pread64         67
#define SPT_SYS_pwrite64        68
#define SPT_SYS_clock_gettime   113
#define SPT_SYS_exit_group      94
#define SPT_SYS_epoll_pwait     22
#define SPT_SYS_timerfd_settime 86
#else
#error "unsupported architecture"
#endif

#define SPT_ARCH_SET_FS         0x1002
#define SPT_CLOCK_REALTIME      0
#define SPT_CLOCK_MONOTONIC     1
#define SPT_TFD_TIMER_ABSTIME   1
#define SPT_EINTR               4
#define SPT_EAGAIN              11
#define SPT_EPOLLIN             0x001

struct spt_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct spt_itimerspec {
    struct spt_timespec it_interval;
    struct spt_timespec it_value;
};

#if defined(__x86_64__)
/* Packed on x86_64: 12 bytes, data at offset 4. */
struct spt_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));
_Static_assert(sizeof(struct spt_epoll_event) == 12, "epoll_event size");
#else
/* Naturally aligned on aarch64: 16 bytes, data at offset 8. */
struct spt_epoll_event {
    uint32_t events;
    uint64_t data;
};
_Static_assert(sizeof(struct spt_epoll_event) == 16, "epoll_event size");
#endif

/*
 * A raw system call; the result is the return value or -errno.
 *   x86_64:  "syscall", number in RAX, arguments in RDI, RSI, RDX, R10, R8,
 *            R9; RCX and R11 are clobbered.
 *   aarch64: "svc 0", number in X8, arguments in X0..X5, result in X0.
 */
static inline long spt_syscall6(long nr, long a, long b, long c, long d,
        long e, long f)
{
#if defined(__x86_64__)
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;

    __asm__ __volatile__("syscall"
            : "=a"(ret)
            : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
            : "rcx", "r11", "memory");
    return ret;
#else
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ __volatile__("svc 0"
            : "+r"(x0)
            : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
            : "memory");
    return x0;
#endif
}

static inline long spt_syscall4(long nr, long a, long b, long c, long d)
{
    return spt_syscall6(nr, a, b, c, d, 0, 0);
}

static inline long spt_syscall3(long nr, long a, long b, long c)
{
    return spt_syscall6(nr, a, b, c, 0, 0, 0);
}

#endif /* SPT_ABI_H */
