/*
 * spt_syscall_x86_64.h: the x86_64 half of spt_syscall.h (included by it).
 */
#ifndef SPT_SYSCALL_X86_64_H
#define SPT_SYSCALL_X86_64_H

/* x86_64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define SPT_SYS_read            0
#define SPT_SYS_write           1
#define SPT_SYS_close           3
#define SPT_SYS_mmap            9
#define SPT_SYS_mprotect        10
#define SPT_SYS_rt_sigprocmask  14
#define SPT_SYS_pread64         17
#define SPT_SYS_pwrite64        18
#define SPT_SYS_dup             32
#define SPT_SYS_exit            60
#define SPT_SYS_personality     135
#define SPT_SYS_prctl           157
#define SPT_SYS_arch_prctl      158
#define SPT_SYS_clock_gettime   228
#define SPT_SYS_exit_group      231
#define SPT_SYS_epoll_ctl       233
#define SPT_SYS_openat          257
#define SPT_SYS_epoll_pwait     281
#define SPT_SYS_timerfd_create  283
#define SPT_SYS_timerfd_settime 286
#define SPT_SYS_epoll_create1   291
#define SPT_SYS_dup3            292
#define SPT_SYS_prlimit64       302
#define SPT_SYS_seccomp         317
#define SPT_SYS_close_range     436

/* arch_prctl(2) code that sets the FS base, the guest's TLS pointer. */
#define SPT_ARCH_SET_FS         0x1002

/* The kernel packs struct epoll_event on x86_64: 12 bytes, data at 4. */
struct spt_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));
_Static_assert(sizeof(struct spt_epoll_event) == 12, "epoll_event size");

/*
 * "syscall": the number in rax, the arguments in rdi, rsi, rdx, r10, r8 and
 * r9; the result comes back in rax, and the kernel clobbers rcx and r11.
 */
static inline long spt_syscall6(long nr, long a, long b, long c, long d,
        long e, long f)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;

    __asm__ __volatile__("syscall"
            : "=a"(ret)
            : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
            : "rcx", "r11", "memory");
    return ret;
}

#endif /* SPT_SYSCALL_X86_64_H */
