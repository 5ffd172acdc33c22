package dev.tender.spt.seccomp;

/** The system calls an spt guest may be allowed to make, with their x86_64 numbers (docs/abi.md §16). */
public enum Syscall {
    READ(0),
    WRITE(1),
    PREAD64(17),
    PWRITE64(18),
    ARCH_PRCTL(158),
    CLOCK_GETTIME(228),
    EXIT_GROUP(231),
    EPOLL_PWAIT(281),
    TIMERFD_SETTIME(286);

    private final int number;

    Syscall(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
