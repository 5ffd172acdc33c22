package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Waiting and time: epoll(7), timerfd(2), eventfd(2) and clock_gettime(2), direct-mapped. Failures are
 * {@link ErrnoException}s named after the system call, as in {@link LibC}.
 */
public final class Epoll {
    static {
        Native.register(NativeLibrary.getProcess());
    }

    public static final int EPOLL_CLOEXEC = 0x80000;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLLIN = 0x001;
    /** sizeof(struct epoll_event): packed on x86_64 (u32 events, u64 data), naturally aligned elsewhere. */
    public static final int EVENT_SIZE = Platform.isIntel() ? 12 : 16;
    public static final int EVENT_DATA_OFFSET = Platform.isIntel() ? 4 : 8;

    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    /** The CPU time of every thread of this process. */
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int TFD_NONBLOCK = 0x800;
    public static final int TFD_CLOEXEC = 0x80000;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    /** sizeof(struct itimerspec). */
    public static final int ITIMERSPEC_SIZE = 32;

    private Epoll() {
    }

    /** epoll_create1(flags): a new epoll fd. */
    public static int create(int flags) throws ErrnoException {
        return LibC.check(epoll_create1(flags), "epoll_create1");
    }

    /** epoll_ctl(epfd, op, fd, event): {@code event} is the address of a struct epoll_event. */
    public static void control(int epfd, int op, int fd, long event) throws ErrnoException {
        LibC.check(epoll_ctl(epfd, op, fd, event), "epoll_ctl");
    }

    /** epoll_pwait with no signal mask: the number of events stored at {@code events}. EINTR is a failure. */
    public static int pwait(int epfd, long events, int maxEvents, int timeoutMillis) throws ErrnoException {
        return LibC.check(epoll_pwait(epfd, events, maxEvents, timeoutMillis, 0), "epoll_pwait");
    }

    public static int timerfd(int clockId, int flags) throws ErrnoException {
        return LibC.check(timerfd_create(clockId, flags), "timerfd_create");
    }

    /** timerfd_settime(fd, flags, newValue, NULL): {@code newValue} is the address of a struct itimerspec. */
    public static void setTimer(int fd, int flags, long newValue) throws ErrnoException {
        LibC.check(timerfd_settime(fd, flags, newValue, 0), "timerfd_settime");
    }

    public static int eventFd(int initialValue, int flags) throws ErrnoException {
        return LibC.check(eventfd(initialValue, flags), "eventfd");
    }

    /** clock_gettime(clockId, timespec): {@code timespec} is the address of a struct timespec. */
    public static void clockGettime(int clockId, long timespec) throws ErrnoException {
        LibC.check(clock_gettime(clockId, timespec), "clock_gettime");
    }

    /** The time of {@code clockId} in nanoseconds. */
    public static long clockNanos(int clockId) throws ErrnoException {
        try (NativeMemory ts = new NativeMemory(16)) {
            clockGettime(clockId, ts.address());
            return ts.getLong(0) * 1_000_000_000L + ts.getLong(8);
        }
    }

    private static native int epoll_create1(int flags);

    private static native int epoll_ctl(int epfd, int op, int fd, long event);

    private static native int epoll_pwait(int epfd, long events, int maxevents, int timeout, long sigmask);

    private static native int timerfd_create(int clockid, int flags);

    private static native int timerfd_settime(int fd, int flags, long newValue, long oldValue);

    private static native int eventfd(int initval, int flags);

    private static native int clock_gettime(int clockid, long timespec);
}
