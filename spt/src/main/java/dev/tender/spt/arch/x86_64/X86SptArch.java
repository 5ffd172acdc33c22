package dev.tender.spt.arch.x86_64;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;
import dev.tender.spt.arch.SyscallTable;
import dev.tender.spt.seccomp.SeccompFilter;
import dev.tender.spt.seccomp.SeccompFilter.Arg;
import dev.tender.spt.seccomp.Syscall;

/** spt on x86_64: the system call numbers, AUDIT_ARCH_X86_64, the x32 bit and the arch_prctl rule. */
public final class X86SptArch implements SptArch {
    public static final X86SptArch INSTANCE = new X86SptArch();
    /** AUDIT_ARCH_X86_64. */
    public static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** __X32_SYSCALL_BIT: calls of the x32 ABI carry it in their number. */
    public static final int X32_SYSCALL_BIT = 0x40000000;
    /** ARCH_SET_FS, the only arch_prctl code the filter allows (the guest's TLS base). */
    public static final long ARCH_SET_FS = 0x1002;
    private static final String NAME = "x86_64";

    /** arch/x86/entry/syscalls/syscall_64.tbl. */
    private static final SyscallTable NUMBERS = new SyscallTable(NAME)
            .with(Syscall.READ, 0)
            .with(Syscall.WRITE, 1)
            .with(Syscall.PREAD64, 17)
            .with(Syscall.PWRITE64, 18)
            .with(Syscall.ARCH_PRCTL, 158)
            .with(Syscall.CLOCK_GETTIME, 228)
            .with(Syscall.EXIT_GROUP, 231)
            .with(Syscall.EPOLL_PWAIT, 281)
            .with(Syscall.TIMERFD_SETTIME, 286);

    private X86SptArch() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int elfMachine() {
        return ElfImage.EM_X86_64;
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

    /** The guest runtime sets its TLS base (FS) with arch_prctl(ARCH_SET_FS, ...). */
    @Override
    public void allowArchCalls(SeccompFilter filter) {
        filter.allow(Syscall.ARCH_PRCTL, Arg.eq(0, ARCH_SET_FS));
    }
}
