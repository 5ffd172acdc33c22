package dev.tender.spt.arch;

import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.Syscall;

/**
 * Everything about an spt guest that the Java side of the tender decides per architecture: which images run,
 * and the seccomp filter's audit arch, call numbers and architecture-only rules. One implementation per
 * architecture ({@code arch.x86_64}, {@code arch.aarch64}); {@link SptArchs} picks the host's. The launcher's own
 * architecture code is C (spt/src/main/c), compiled once per architecture; the jar carries each build under
 * {@code dev/tender/spt/<name>/}.
 */
public interface SptArch extends SeccompArch {
    /** The architecture's GNU name ({@code x86_64}, {@code aarch64}): the directory of its launcher. */
    String name();

    /** The ELF machine ({@code e_machine}) of the images this architecture runs. */
    int elfMachine();

    /** Adds the core rules only this architecture has, after the common core rules (docs/abi.md §16). */
    void allowArchCalls(SeccompFilter filter);

    /** The architecture's system call table (core.seccomp), which the filter's numbers come from. */
    SeccompArch syscalls();

    @Override
    default int auditArch() {
        return syscalls().auditArch();
    }

    @Override
    default int foreignAbiBit() {
        return syscalls().foreignAbiBit();
    }

    @Override
    default int number(Syscall call) {
        return syscalls().number(call);
    }
}
