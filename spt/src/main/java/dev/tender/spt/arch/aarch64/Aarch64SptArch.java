package dev.tender.spt.arch.aarch64;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;
import dev.tender.spt.arch.SyscallTable;
import dev.tender.spt.seccomp.SeccompFilter;
import dev.tender.spt.seccomp.Syscall;

/**
 * spt on aarch64: the generic (asm-generic/unistd.h) system call numbers arm64 uses and AUDIT_ARCH_AARCH64. A
 * 64-bit arm64 process has no second system call ABI to refuse (AArch32 calls come with another audit arch, and
 * only from 32-bit code), and the guest sets its TLS base by writing TPIDR_EL0 itself, so there is no arch_prctl
 * and no architecture rule.
 */
public final class Aarch64SptArch implements SptArch {
    public static final Aarch64SptArch INSTANCE = new Aarch64SptArch();
    /** AUDIT_ARCH_AARCH64: EM_AARCH64 with the 64-bit and little-endian flags. */
    public static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final String NAME = "aarch64";

    /** include/uapi/asm-generic/unistd.h. */
    private static final SyscallTable NUMBERS = new SyscallTable(NAME)
            .with(Syscall.EPOLL_PWAIT, 22)
            .with(Syscall.READ, 63)
            .with(Syscall.WRITE, 64)
            .with(Syscall.PREAD64, 67)
            .with(Syscall.PWRITE64, 68)
            .with(Syscall.TIMERFD_SETTIME, 86)
            .with(Syscall.EXIT_GROUP, 94)
            .with(Syscall.CLOCK_GETTIME, 113);

    private Aarch64SptArch() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int elfMachine() {
        return ElfImage.EM_AARCH64;
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

    /** Nothing beyond the common core rules. */
    @Override
    public void allowArchCalls(SeccompFilter filter) {
        // no architecture-only call
    }
}
