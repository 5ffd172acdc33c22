package dev.tender.spt.arch.aarch64;

import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.aarch64.Arm64Syscalls;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;

/**
 * spt on aarch64: the system call numbers and audit arch of {@link Arm64Syscalls}. A
 * 64-bit arm64 process has no second system call ABI to refuse (AArch32 calls come with another audit arch, and
 * only from 32-bit code), and the guest sets its TLS base by writing TPIDR_EL0 itself, so there is no arch_prctl
 * and no architecture rule.
 */
public final class Aarch64SptArch implements SptArch {
    public static final Aarch64SptArch INSTANCE = new Aarch64SptArch();
    /** AUDIT_ARCH_AARCH64: EM_AARCH64 with the 64-bit and little-endian flags. */
    public static final int AUDIT_ARCH_AARCH64 = Arm64Syscalls.AUDIT_ARCH_AARCH64;
    private static final String NAME = "aarch64";

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
    public SeccompArch syscalls() {
        return Arm64Syscalls.INSTANCE;
    }

    /** Nothing beyond the common core rules. */
    @Override
    public void allowArchCalls(SeccompFilter filter) {
        // no architecture-only call
    }
}
