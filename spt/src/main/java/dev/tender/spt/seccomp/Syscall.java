package dev.tender.spt.seccomp;

/**
 * The system calls an spt guest may be allowed to make (docs/abi.md §16); their numbers come from the
 * architecture ({@link SeccompArch#number}).
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
    TIMERFD_SETTIME
}
