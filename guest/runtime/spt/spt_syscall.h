/*
 * spt_syscall.h: raw Linux system calls, for the two programs that run in an
 * spt process: the guest runtime (this directory) and the launcher that
 * builds the sandbox (spt/src/main/c, which puts this directory on its
 * include path). Each architecture's header supplies
 *
 *   SPT_SYS_<name>        the call numbers either program uses,
 *   spt_syscall6()        the system call instruction (result or -errno),
 *   struct spt_epoll_event the kernel's epoll_event, whose layout differs.
 *
 * The compiler's target picks the header; nothing else here depends on the
 * architecture. See docs/spt.md.
 */
#ifndef SPT_SYSCALL_H
#define SPT_SYSCALL_H

#include <stdint.h>

#if defined(__x86_64__)
#include "x86_64/spt_syscall_x86_64.h"
#elif defined(__aarch64__)
#include "aarch64/spt_syscall_aarch64.h"
#else
#error "spt: no system call header for this architecture"
#endif

/* Values of the arguments spt passes; the same on every architecture. */
#define SPT_CLOCK_REALTIME      0
#define SPT_CLOCK_MONOTONIC     1
#define SPT_TFD_TIMER_ABSTIME   1
#define SPT_EPOLLIN             0x001
#define SPT_EPOLL_CTL_ADD       1
#define SPT_EINTR               4
#define SPT_EAGAIN              11

static inline long spt_syscall1(long nr, long a)
{
    return spt_syscall6(nr, a, 0, 0, 0, 0, 0);
}

static inline long spt_syscall2(long nr, long a, long b)
{
    return spt_syscall6(nr, a, b, 0, 0, 0, 0);
}

static inline long spt_syscall3(long nr, long a, long b, long c)
{
    return spt_syscall6(nr, a, b, c, 0, 0, 0);
}

static inline long spt_syscall4(long nr, long a, long b, long c, long d)
{
    return spt_syscall6(nr, a, b, c, d, 0, 0);
}

static inline long spt_syscall5(long nr, long a, long b, long c, long d,
        long e)
{
    return spt_syscall6(nr, a, b, c, d, e, 0);
}

#endif /* SPT_SYSCALL_H */
