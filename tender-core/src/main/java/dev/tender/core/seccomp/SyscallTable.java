package dev.tender.core.seccomp;

import dev.tender.core.seccomp.Syscall;
import java.util.Arrays;

/**
 * One architecture's system call numbers, by {@link Syscall}. An array indexed by ordinal rather than a switch
 * or a map: no extra class to load on the start-up path.
 */
public final class SyscallTable {
    private final String arch;
    private final int[] numbers = new int[Syscall.values().length];

    /** An empty table for architecture {@code arch} (named in the error for a missing call). */
    public SyscallTable(String arch) {
        this.arch = arch;
        Arrays.fill(numbers, -1);
    }

    public SyscallTable with(Syscall call, int number) {
        numbers[call.ordinal()] = number;
        return this;
    }

    /** The number of {@code call}; {@link IllegalArgumentException} if the architecture has no such call. */
    public int number(Syscall call) {
        int nr = numbers[call.ordinal()];
        if (nr < 0) {
            throw new IllegalArgumentException(call + " on " + arch);
        }
        return nr;
    }
}
