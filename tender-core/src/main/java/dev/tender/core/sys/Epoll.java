package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** Waiting and time: epoll(7), timerfd(2), eventfd(2) and clock_gettime(2), direct-mapped. */
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
    public static final int TFD_NONBLOCK = 0x800;
    public static final int TFD_CLOEXEC = 0x80000;
    public static final int EFD_CLOEXEC = 0x80000;
    /** sizeof(struct itimerspec). */
    public static final int ITIMERSPEC_SIZE = 32;

    private Epoll() {
    }

    public static native int epoll_create1(int flags);

    public static native int epoll_ctl(int epfd, int op, int fd, long event);

    public static native int epoll_pwait(int epfd, long events, int maxevents, int timeout, long sigmask);

    public static native int timerfd_create(int clockid, int flags);

    public static native int timerfd_settime(int fd, int flags, long newValue, long oldValue);

    public static native int eventfd(int initval, int flags);

    public static native int clock_gettime(int clockid, long timespec);
}
