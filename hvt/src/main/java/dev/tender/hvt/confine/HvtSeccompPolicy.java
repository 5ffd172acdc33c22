package dev.tender.hvt.confine;

import dev.tender.core.module.HostFds;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.Syscall;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.UnixSockets;
import dev.tender.hvt.sys.KvmApi;
import java.util.List;

/**
 * What the hvt tender may still do once the guest runs: the seccomp allow-list every thread of the process gets
 * (docs/security.md, "The hvt filter"). Two parts, each a table: the calls the JVM makes to keep running (memory,
 * threads, locks, clocks, signals; never executable memory, never a new process), and the calls on the
 * descriptors the tender set up (the vCPU, the devices, the console, the poller). {@code openat} fails with
 * EACCES. Anything else takes the default action: the whole process dies of SIGSYS, as solo5-hvt does.
 */
public final class HvtSeccompPolicy {
    static final long PROT_EXEC = 4;
    static final long CLONE_THREAD = 0x10000;
    static final long PR_SET_NAME = 15;
    /** The kernel reads an ioctl request as an unsigned int: only the low 32 bits of the argument count. */
    static final long IOCTL_REQUEST_BITS = 0xFFFF_FFFFL;
    static final int STDOUT = 1;
    static final int STDERR = 2;

    /** The JVM's own calls, allowed whatever their arguments. */
    static final List<Syscall> JVM_ANY_ARGUMENTS = List.of(
            Syscall.FUTEX, Syscall.CLOCK_GETTIME, Syscall.CLOCK_NANOSLEEP, Syscall.NANOSLEEP, Syscall.SCHED_YIELD,
            Syscall.SCHED_GETAFFINITY, Syscall.GETPID, Syscall.GETTID, Syscall.RT_SIGPROCMASK, Syscall.RT_SIGRETURN,
            Syscall.SIGALTSTACK, Syscall.MUNMAP, Syscall.MADVISE, Syscall.SET_ROBUST_LIST, Syscall.RSEQ,
            Syscall.CLOSE, Syscall.EXIT, Syscall.EXIT_GROUP,
            // glibc's malloc grows its main arena with brk (read-write memory, never executable), from any thread
            // that shares that arena (the unit's MALLOC_ARENA_MAX=2 makes that most of them). An error is no way
            // out: glibc takes brk's return value for the new break, so the call must be allowed.
            Syscall.BRK,
            // JDK 17's compiler threads ask how much memory is free before adding a thread.
            Syscall.SYSINFO);

    /**
     * The descriptors the guest's service needs: {@code vcpu} (KVM_RUN, and the requests {@code exitIoctls} exit
     * handling makes), the poller's {@code epoll} and {@code timer}, the {@code devices} the modules declared, the
     * service manager's socket ({@code notifySocket}, or -1) and the files classes are loaded from
     * ({@code classSources}: the jars, the JDK's jimage), and for the statistics the stats socket
     * ({@code statsSocket}) and KVM's statistics file of the vCPU ({@code kvmStats}), each -1 for none.
     */
    public record Fds(int vcpu, long[] exitIoctls, int epoll, int timer, List<HostFds.HostFd> devices,
            int notifySocket, List<Integer> classSources, int statsSocket, int kvmStats) {
    }

    private HvtSeccompPolicy() {
    }

    /** The filter for {@code fds} on {@code arch}; calls no rule allows take {@code defaultAction}. */
    public static SeccompFilter of(SeccompArch arch, Fds fds, long pid, int defaultAction) {
        SeccompFilter f = new SeccompFilter(arch, defaultAction);
        allowJvm(f, pid);
        allowVcpuIoctl(f, fds.vcpu(), KvmApi.KVM_RUN);
        for (long request : fds.exitIoctls()) {
            allowVcpuIoctl(f, fds.vcpu(), request);
        }
        f.allow(Syscall.WRITE, Arg.eq(0, STDOUT));
        f.allow(Syscall.WRITE, Arg.eq(0, STDERR));
        f.allow(Syscall.EPOLL_PWAIT, Arg.eq(0, fds.epoll()));
        f.allow(Syscall.TIMERFD_SETTIME, Arg.eq(0, fds.timer()));
        for (HostFds.HostFd d : fds.devices()) {
            boolean stream = d.use() == HostFds.Use.STREAM;
            f.allow(stream ? Syscall.READ : Syscall.PREAD64, Arg.eq(0, d.fd()));
            f.allow(stream ? Syscall.WRITE : Syscall.PWRITE64, Arg.eq(0, d.fd()));
        }
        if (fds.notifySocket() >= 0) {
            f.allow(Syscall.SENDTO, Arg.eq(0, fds.notifySocket()));
        }
        allowStats(f, fds);
        for (int jar : fds.classSources()) {
            f.allow(Syscall.READ, Arg.eq(0, jar));
            f.allow(Syscall.PREAD64, Arg.eq(0, jar));
            f.allow(Syscall.LSEEK, Arg.eq(0, jar));
        }
        return f;
    }

    /**
     * The stats thread: accept4 on the stats socket, and sendto with exactly the answer's flags and no address. That
     * sendto is not tied to one descriptor (an accepted connection's number is not known in advance), which is safe
     * because nothing can make a socket once confined: socket, socketpair and connect stay denied, so the only
     * sockets are the connections accepted here and the service manager's. KVM's statistics are read with pread64.
     */
    private static void allowStats(SeccompFilter f, Fds fds) {
        if (fds.statsSocket() >= 0) {
            f.allow(Syscall.ACCEPT4, Arg.eq(0, fds.statsSocket()));
            f.allow(Syscall.SENDTO, Arg.eq(3, UnixSockets.SEND_FLAGS), Arg.eq(4, 0));
        }
        if (fds.kvmStats() >= 0) {
            f.allow(Syscall.PREAD64, Arg.eq(0, fds.kvmStats()));
        }
    }

    private static void allowVcpuIoctl(SeccompFilter f, int vcpu, long request) {
        f.allow(Syscall.IOCTL, Arg.eq(0, vcpu), Arg.maskedEq(1, IOCTL_REQUEST_BITS, request));
    }

    /** Memory without PROT_EXEC, threads (never a process), this process's signals, the thread's own name. */
    private static void allowJvm(SeccompFilter f, long pid) {
        for (Syscall call : JVM_ANY_ARGUMENTS) {
            f.allow(call);
        }
        f.allow(Syscall.MMAP, Arg.maskedEq(2, PROT_EXEC, 0));
        f.allow(Syscall.MPROTECT, Arg.maskedEq(2, PROT_EXEC, 0));
        f.allow(Syscall.CLONE, Arg.maskedEq(0, CLONE_THREAD, CLONE_THREAD));
        // clone3's flags are in memory the filter cannot read: glibc falls back to clone on ENOSYS.
        f.add(Syscall.CLONE3, SeccompFilter.errno(Errno.ENOSYS));
        f.allow(Syscall.TGKILL, Arg.eq(0, pid));
        f.allow(Syscall.PRCTL, Arg.eq(0, PR_SET_NAME));
        // The JVM reads system files now and then on its own (HotSpot's periodic task thread reads
        // /proc/sys/vm/overcommit_memory) and copes when it cannot: opening fails instead of killing, and
        // nothing new is opened either way.
        f.add(Syscall.OPENAT, SeccompFilter.errno(Errno.EACCES));
    }
}
