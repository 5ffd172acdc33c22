package dev.tender.core.sys;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.Syscall;

/**
 * Installing a seccomp filter on every thread of this process: {@code prctl(PR_SET_NO_NEW_PRIVS)}, then
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog)}. glibc has no wrapper for the
 * second call on every version tender supports, so it goes through {@code syscall(2)} with the architecture's
 * number. One-shot calls, looked up as {@link Function}s.
 */
public final class SeccompCalls {
    static final int PR_SET_NO_NEW_PRIVS = 38;
    static final int SECCOMP_SET_MODE_FILTER = 1;
    static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    /** {@code struct sock_fprog}: {@code unsigned short len}, then the pointer at offset 8 on 64-bit Linux. */
    static final int SOCK_FPROG_SIZE = 16;
    static final int SOCK_FPROG_FILTER = 8;

    private SeccompCalls() {
    }

    /**
     * Confines every thread of the process, present and future, with {@code program} (a {@code struct
     * sock_filter[]} built for {@code arch}). Irreversible.
     */
    public static void installOnAllThreads(SeccompArch arch, byte[] program) throws ErrnoException {
        NativeLibrary libc = NativeLibrary.getProcess();
        Function prctl = libc.getFunction("prctl");
        Function syscall = libc.getFunction("syscall");
        LastError.check(prctl.invokeInt(new Object[] {PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L}),
                "prctl(PR_SET_NO_NEW_PRIVS)");
        Memory filter = new Memory(program.length);
        filter.write(0, program, 0, program.length);
        Memory fprog = new Memory(SOCK_FPROG_SIZE);
        fprog.clear();
        fprog.setShort(0, (short) (program.length / 8));
        fprog.setPointer(SOCK_FPROG_FILTER, filter);
        long result = syscall.invokeLong(new Object[] {(long) arch.number(Syscall.SECCOMP),
            (long) SECCOMP_SET_MODE_FILTER, (long) SECCOMP_FILTER_FLAG_TSYNC, fprog});
        if (result > 0) {
            // TSYNC names the thread that could not take the filter (it has a conflicting one of its own).
            throw new ErrnoException("seccomp(SECCOMP_FILTER_FLAG_TSYNC): thread " + result + " not synchronised",
                    Errno.EINVAL);
        }
        LastError.check(result, "seccomp(SECCOMP_SET_MODE_FILTER)");
        // The kernel copied the program; keep the buffers reachable until here.
        filter.close();
        fprog.close();
    }

    /**
     * getppid(2): harmless, and outside the hvt tender's filter, so a confined tender that makes it dies of
     * SIGSYS (or, in log mode, gets its parent's pid and a kernel log line). The confinement probe's call.
     */
    public static long parentPid() {
        return NativeLibrary.getProcess().getFunction("getppid").invokeLong(new Object[0]);
    }
}
