package dev.tender.spt.arch.x86_64;

import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.Syscall;
import dev.tender.core.seccomp.x86_64.X86Syscalls;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;

/** spt on x86_64: the system call numbers, audit arch and x32 bit of {@link X86Syscalls}, and the arch_prctl rule. */
public final class X86SptArch implements SptArch {
    public static final X86SptArch INSTANCE = new X86SptArch();
    /** AUDIT_ARCH_X86_64. */
    public static final int AUDIT_ARCH_X86_64 = X86Syscalls.AUDIT_ARCH_X86_64;
    /** __X32_SYSCALL_BIT: calls of the x32 ABI carry it in their number. */
    public static final int X32_SYSCALL_BIT = X86Syscalls.X32_SYSCALL_BIT;
    /** ARCH_SET_FS, the only arch_prctl code the filter allows (the guest's TLS base). */
    public static final long ARCH_SET_FS = 0x1002;
    private static final String NAME = "x86_64";

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
    public SeccompArch syscalls() {
        return X86Syscalls.INSTANCE;
    }

    /** The guest runtime sets its TLS base (FS) with arch_prctl(ARCH_SET_FS, ...). */
    @Override
    public void allowArchCalls(SeccompFilter filter) {
        filter.allow(Syscall.ARCH_PRCTL, Arg.eq(0, ARCH_SET_FS));
    }
}
