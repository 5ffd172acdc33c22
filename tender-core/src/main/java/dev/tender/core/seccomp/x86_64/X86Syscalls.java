package dev.tender.core.seccomp.x86_64;

import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.Syscall;
import dev.tender.core.seccomp.SyscallTable;

/** x86_64's system call numbers (arch/x86/entry/syscalls/syscall_64.tbl), AUDIT_ARCH_X86_64 and the x32 bit. */
public final class X86Syscalls implements SeccompArch {
    public static final X86Syscalls INSTANCE = new X86Syscalls();
    /** AUDIT_ARCH_X86_64. */
    public static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** __X32_SYSCALL_BIT: calls of the x32 ABI carry it in their number. */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    private static final SyscallTable NUMBERS = new SyscallTable("x86_64")
            .with(Syscall.READ, 0)
            .with(Syscall.WRITE, 1)
            .with(Syscall.CLOSE, 3)
            .with(Syscall.LSEEK, 8)
            .with(Syscall.MMAP, 9)
            .with(Syscall.MPROTECT, 10)
            .with(Syscall.MUNMAP, 11)
            .with(Syscall.RT_SIGPROCMASK, 14)
            .with(Syscall.RT_SIGRETURN, 15)
            .with(Syscall.IOCTL, 16)
            .with(Syscall.PREAD64, 17)
            .with(Syscall.PWRITE64, 18)
            .with(Syscall.SCHED_YIELD, 24)
            .with(Syscall.MADVISE, 28)
            .with(Syscall.NANOSLEEP, 35)
            .with(Syscall.GETPID, 39)
            .with(Syscall.SENDTO, 44)
            .with(Syscall.ACCEPT4, 288)
            .with(Syscall.BRK, 12)
            .with(Syscall.CLONE, 56)
            .with(Syscall.EXIT, 60)
            .with(Syscall.SYSINFO, 99)
            .with(Syscall.SIGALTSTACK, 131)
            .with(Syscall.PRCTL, 157)
            .with(Syscall.ARCH_PRCTL, 158)
            .with(Syscall.GETTID, 186)
            .with(Syscall.FUTEX, 202)
            .with(Syscall.SCHED_GETAFFINITY, 204)
            .with(Syscall.CLOCK_GETTIME, 228)
            .with(Syscall.CLOCK_NANOSLEEP, 230)
            .with(Syscall.EXIT_GROUP, 231)
            .with(Syscall.TGKILL, 234)
            .with(Syscall.OPENAT, 257)
            .with(Syscall.SET_ROBUST_LIST, 273)
            .with(Syscall.EPOLL_PWAIT, 281)
            .with(Syscall.TIMERFD_SETTIME, 286)
            .with(Syscall.RSEQ, 334)
            .with(Syscall.SECCOMP, 317)
            .with(Syscall.CLONE3, 435);

    private X86Syscalls() {
    }

    @Override
    public int auditArch() {
        return AUDIT_ARCH_X86_64;
    }

    @Override
    public int foreignAbiBit() {
        return X32_SYSCALL_BIT;
    }

    @Override
    public int number(Syscall call) {
        return NUMBERS.number(call);
    }
}
