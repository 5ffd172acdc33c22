/*
 * launch_x86_64.h: what launch.c needs to know about x86_64 (included by
 * launch.c when the compiler targets x86_64; its entry code is in
 * launch_x86_64.S).
 */
#ifndef LAUNCH_X86_64_H
#define LAUNCH_X86_64_H

#include <stdint.h>

/* x86_64 system call numbers used by the launcher. */
#define NR_write            1
#define NR_close            3
#define NR_mmap             9
#define NR_mprotect         10
#define NR_rt_sigprocmask   14
#define NR_pread64          17
#define NR_personality      135
#define NR_prctl            157
#define NR_exit_group       231
#define NR_epoll_ctl        233
#define NR_openat           257
#define NR_timerfd_create   283
#define NR_epoll_create1    291
#define NR_dup3             292
#define NR_prlimit64        302
#define NR_seccomp          317
#define NR_close_range      436

/* On x86_64 the kernel's struct epoll_event is packed (12 bytes). */
struct epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

/*
 * One system call with up to six arguments: number in rax, arguments in
 * rdi, rsi, rdx, r10, r8, r9; the kernel clobbers rcx and r11.
 */
static long syscall6(long nr, long a, long b, long c, long d, long e, long f)
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

#endif
