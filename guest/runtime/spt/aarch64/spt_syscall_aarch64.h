/*
 * spt_syscall_aarch64.h: the aarch64 half of spt_syscall.h (included by it).
 */
#ifndef SPT_SYSCALL_AARCH64_H
#define SPT_SYSCALL_AARCH64_H

/*
 * arm64 system call numbers: the generic table
 * (include/uapi/asm-generic/unistd.h). There is no arch_prctl: the guest
 * sets its TLS pointer with "msr tpidr_el0".
 */
#define SPT_SYS_epoll_create1   20
#define SPT_SYS_epoll_ctl       21
#define SPT_SYS_epoll_pwait     22
#define SPT_SYS_dup             23
#define SPT_SYS_dup3            24
#define SPT_SYS_openat          56
#define SPT_SYS_close           57
#define SPT_SYS_read            63
#define SPT_SYS_write           64
#define SPT_SYS_pread64         67
#define SPT_SYS_pwrite64        68
#define SPT_SYS_timerfd_create  85
#define SPT_SYS_timerfd_settime 86
#define SPT_SYS_personality     92
#define SPT_SYS_exit            93
#define SPT_SYS_exit_group      94
#define SPT_SYS_clock_gettime   113
#define SPT_SYS_rt_sigprocmask  135
#define SPT_SYS_prctl           167
#define SPT_SYS_mmap            222
#define SPT_SYS_mprotect        226
#define SPT_SYS_prlimit64       261
#define SPT_SYS_seccomp         277
#define SPT_SYS_close_range     436

/* struct epoll_event is naturally aligned on arm64: 16 bytes, data at 8. */
struct spt_epoll_event {
    uint32_t events;
    uint64_t data;
};
_Static_assert(sizeof(struct spt_epoll_event) == 16, "epoll_event size");

/*
 * "svc 0": the number in x8, the arguments in x0 to x5; the result comes
 * back in x0 and no other register changes.
 */
static inline long spt_syscall6(long nr, long a, long b, long c, long d,
        long e, long f)
{
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
}

#endif /* SPT_SYSCALL_AARCH64_H */
