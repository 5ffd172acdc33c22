package dev.tender.spt.arch.x86_64;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;
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

    /** Call numbers by {@link Syscall} ordinal (an array: no switch-map class to load at start-up). */
    private static final int[] NUMBERS = new int[Syscall.values().length];

    static {
        java.util.Arrays.fill(NUMBERS, -1);
        NUMBERS[Syscall.READ.ordinal()] = 0;
        NUMBERS[Syscall.WRITE.ordinal()] = 1;
        NUMBERS[Syscall.PREAD64.ordinal()] = 17;
        NUMBERS[Syscall.PWRITE64.ordinal()] = 18;
        NUMBERS[Syscall.ARCH_PRCTL.ordinal()] = 158;
        NUMBERS[Syscall.CLOCK_GETTIME.ordinal()] = 228;
        NUMBERS[Syscall.EXIT_GROUP.ordinal()] = 231;
        NUMBERS[Syscall.EPOLL_PWAIT.ordinal()] = 281;
        NUMBERS[Syscall.TIMERFD_SETTIME.ordinal()] = 286;
    }

    private X86SptArch() {
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
        int nr = NUMBERS[call.ordinal()];
        if (nr < 0) {
            throw new IllegalArgumentException(call + " on x86_64");
        }
        return nr;
    }

    /** The guest runtime sets its TLS base (FS) with arch_prctl(ARCH_SET_FS, ...). */
    @Override
    public void allowArchCalls(SeccompFilter filter) {
        filter.allow(Syscall.ARCH_PRCTL, Arg.eq(0, ARCH_SET_FS));
    }
}
