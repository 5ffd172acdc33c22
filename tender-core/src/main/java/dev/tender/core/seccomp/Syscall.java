package dev.tender.core.seccomp;

/**
 * The system calls tender's seccomp filters name: the spt guest's allow-list (docs/abi.md §16) and the hvt
 * tender's (docs/security.md). Their numbers come from the architecture ({@link SeccompArch#number}); the
 * tables are checked against each architecture's kernel headers.
 */
public enum Syscall {
    READ,
    WRITE,
    PREAD64,
    PWRITE64,
    /** x86_64 only: the guest sets its TLS base with it (aarch64 has no such call). */
    ARCH_PRCTL,
    CLOCK_GETTIME,
    EXIT_GROUP,
    EPOLL_PWAIT,
    TIMERFD_SETTIME,
    CLOSE,
    LSEEK,
    MMAP,
    MPROTECT,
    MUNMAP,
    MADVISE,
    RT_SIGPROCMASK,
    RT_SIGRETURN,
    SIGALTSTACK,
    IOCTL,
    SCHED_YIELD,
    SCHED_GETAFFINITY,
    NANOSLEEP,
    CLOCK_NANOSLEEP,
    GETPID,
    GETTID,
    TGKILL,
    SENDTO,
    ACCEPT4,
    BRK,
    CLONE,
    CLONE3,
    EXIT,
    PRCTL,
    FUTEX,
    SET_ROBUST_LIST,
    RSEQ,
    OPENAT,
    SYSINFO,
    SECCOMP
}
