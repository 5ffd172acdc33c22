package dev.tender.core.seccomp.aarch64;

import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.Syscall;
import dev.tender.core.seccomp.SyscallTable;

/**
 * arm64's system call numbers (the generic table, include/uapi/asm-generic/unistd.h) and AUDIT_ARCH_AARCH64.
 * There is no second 64-bit ABI; AArch32 calls carry another audit arch. arm64 has no arch_prctl.
 */
public final class Arm64Syscalls implements SeccompArch {
    public static final Arm64Syscalls INSTANCE = new Arm64Syscalls();
    /** AUDIT_ARCH_AARCH64. */
    public static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;

    private static final SyscallTable NUMBERS = new SyscallTable("aarch64")
            .with(Syscall.EPOLL_PWAIT, 22)
            .with(Syscall.IOCTL, 29)
            .with(Syscall.OPENAT, 56)
            .with(Syscall.CLOSE, 57)
            .with(Syscall.LSEEK, 62)
            .with(Syscall.READ, 63)
            .with(Syscall.WRITE, 64)
            .with(Syscall.PREAD64, 67)
            .with(Syscall.PWRITE64, 68)
            .with(Syscall.TIMERFD_SETTIME, 86)
            .with(Syscall.EXIT, 93)
            .with(Syscall.EXIT_GROUP, 94)
            .with(Syscall.FUTEX, 98)
            .with(Syscall.SET_ROBUST_LIST, 99)
            .with(Syscall.NANOSLEEP, 101)
            .with(Syscall.CLOCK_GETTIME, 113)
            .with(Syscall.CLOCK_NANOSLEEP, 115)
            .with(Syscall.SCHED_GETAFFINITY, 123)
            .with(Syscall.SCHED_YIELD, 124)
            .with(Syscall.TGKILL, 131)
            .with(Syscall.SIGALTSTACK, 132)
            .with(Syscall.RT_SIGPROCMASK, 135)
            .with(Syscall.RT_SIGRETURN, 139)
            .with(Syscall.PRCTL, 167)
            .with(Syscall.GETPID, 172)
            .with(Syscall.GETTID, 178)
            .with(Syscall.SYSINFO, 179)
            .with(Syscall.SENDTO, 206)
            .with(Syscall.ACCEPT4, 242)
            .with(Syscall.BRK, 214)
            .with(Syscall.MUNMAP, 215)
            .with(Syscall.CLONE, 220)
            .with(Syscall.MMAP, 222)
            .with(Syscall.MPROTECT, 226)
            .with(Syscall.MADVISE, 233)
            .with(Syscall.SECCOMP, 277)
            .with(Syscall.RSEQ, 293)
            .with(Syscall.CLONE3, 435);

    private Arm64Syscalls() {
    }

    @Override
    public int auditArch() {
        return AUDIT_ARCH_AARCH64;
    }

    @Override
    public int foreignAbiBit() {
        return 0;
    }

    @Override
    public int number(Syscall call) {
        return NUMBERS.number(call);
    }
}
