/*
 * spt_syscall.h (guest/runtime/spt) beside the kernel's own headers, for
 * SptSyscallLayoutTest, and the kernel's number of every other call the Java
 * seccomp tables know (the hvt tender's filter). Compiled only (-c), once per architecture with that
 * architecture's compiler and kernel headers: each value lands as a
 * "name value" line in the section .spt_layout, which the test reads back
 * from the object file.
 */
#include <stddef.h>
#include <asm/unistd.h>
#include <linux/audit.h>
#include <linux/eventpoll.h>
#include <linux/time_types.h>
#include "spt_syscall.h"
#include "spt_abi.h"

#define EMIT(name, value)                                                   \
    __asm__ __volatile__(".pushsection .spt_layout\n"                       \
                         ".ascii \"" name " %c0\\n\"\n"                      \
                         ".popsection" : : "n"((long)(value)))
/* The header's number and the kernel's, side by side. */
#define CALL(n) EMIT("spt " #n, SPT_SYS_##n); EMIT("kernel " #n, __NR_##n)
/* A number only the Java tables have (the hvt tender's filter). */
#define KERNEL(n) EMIT("kernel " #n, __NR_##n)

void spt_syscall_layout(void);

void spt_syscall_layout(void)
{
    CALL(read);
    CALL(write);
    CALL(close);
    CALL(mmap);
    CALL(mprotect);
    CALL(rt_sigprocmask);
    CALL(pread64);
    CALL(pwrite64);
    CALL(dup);
    CALL(exit);
    CALL(personality);
    CALL(prctl);
    CALL(clock_gettime);
    CALL(exit_group);
    CALL(epoll_ctl);
    CALL(openat);
    CALL(epoll_pwait);
    CALL(timerfd_create);
    CALL(timerfd_settime);
    CALL(epoll_create1);
    CALL(dup3);
    CALL(prlimit64);
    CALL(seccomp);
    CALL(close_range);
    KERNEL(lseek);
    KERNEL(munmap);
    KERNEL(madvise);
    KERNEL(rt_sigreturn);
    KERNEL(sigaltstack);
    KERNEL(ioctl);
    KERNEL(sched_yield);
    KERNEL(sched_getaffinity);
    KERNEL(nanosleep);
    KERNEL(clock_nanosleep);
    KERNEL(getpid);
    KERNEL(gettid);
    KERNEL(tgkill);
    KERNEL(sendto);
    KERNEL(brk);
    KERNEL(accept4);
    KERNEL(clone);
    KERNEL(clone3);
    KERNEL(futex);
    KERNEL(set_robust_list);
    KERNEL(rseq);
    KERNEL(sysinfo);
#ifdef SPT_SYS_arch_prctl
    CALL(arch_prctl);
#endif
#ifdef __NR_arch_prctl
    EMIT("kernel-has arch_prctl", 1);
#endif

    /* As a signed 32-bit value (an immediate every assembler takes). */
#if defined(__x86_64__)
    EMIT("audit", (int)AUDIT_ARCH_X86_64);
#elif defined(__aarch64__)
    EMIT("audit", (int)AUDIT_ARCH_AARCH64);
#endif
#ifdef __X32_SYSCALL_BIT
    EMIT("foreign-abi-bit", __X32_SYSCALL_BIT);
#endif

    EMIT("spt epoll_event", sizeof(struct spt_epoll_event));
    EMIT("kernel epoll_event", sizeof(struct epoll_event));
    EMIT("spt epoll_event.data", offsetof(struct spt_epoll_event, data));
    EMIT("kernel epoll_event.data", offsetof(struct epoll_event, data));
    EMIT("spt timespec", sizeof(struct spt_timespec));
    EMIT("kernel timespec", sizeof(struct __kernel_timespec));
    EMIT("spt itimerspec", sizeof(struct spt_itimerspec));
    EMIT("kernel itimerspec", sizeof(struct __kernel_itimerspec));
}
