package dev.tender.core.io;

import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;

/**
 * Solo5's POLL: one epoll set holding a one-shot timerfd and the devices' fds, each tagged with its
 * manifest index. {@link #poll} sleeps until the timeout or until a device is readable and returns the
 * ready set (bit {@code 1 << index}).
 */
public final class Poller implements AutoCloseable {
    static final long TIMER_TAG = 0xFFFFFFFEL;
    private static final long NANOS = 1_000_000_000L;
    private static final int MAX_EVENTS = 65;

    private final int epfd;
    private final int timerfd;
    private final NativeMemory events = new NativeMemory((long) MAX_EVENTS * Epoll.EVENT_SIZE);
    private final NativeMemory scratch = new NativeMemory(Epoll.ITIMERSPEC_SIZE);
    private int fds;

    public Poller() throws ErrnoException {
        int ep = Epoll.create(Epoll.EPOLL_CLOEXEC);
        int timer = -1;
        try {
            timer = Epoll.timerfd(Epoll.CLOCK_MONOTONIC, Epoll.TFD_NONBLOCK | Epoll.TFD_CLOEXEC);
            epfd = ep;
            timerfd = timer;
            add(timerfd, TIMER_TAG);
        } catch (ErrnoException e) {
            LibC.closeQuietly(timer);
            LibC.closeQuietly(ep);
            throw e;
        }
    }

    /** The epoll descriptor {@link #poll} waits on. */
    public int epollFd() {
        return epfd;
    }

    /** The timer descriptor {@link #poll} arms for its timeout. */
    public int timerFd() {
        return timerfd;
    }

    /** Adds a device fd; its readiness sets bit {@code index} of the ready set. */
    public void addDevice(int fd, int index) throws ErrnoException {
        if (index < 0 || index > 63) {
            throw new IllegalArgumentException("device index " + index);
        }
        add(fd, index);
        fds++;
    }

    private void add(int fd, long tag) throws ErrnoException {
        scratch.clear();
        scratch.putInt(0, Epoll.EPOLLIN);
        scratch.putLong(Epoll.EVENT_DATA_OFFSET, tag);
        Epoll.control(epfd, Epoll.EPOLL_CTL_ADD, fd, scratch.address());
    }

    /**
     * Waits up to {@code timeoutNanos} (unsigned, relative) and returns the set of ready device indices.
     * {@link Long#bitCount} of the result is the number of ready devices.
     */
    public long poll(long timeoutNanos) throws ErrnoException {
        scratch.clear();
        scratch.putLong(16, Long.divideUnsigned(timeoutNanos, NANOS));
        scratch.putLong(24, Long.remainderUnsigned(timeoutNanos, NANOS) | 1);
        Epoll.setTimer(timerfd, 0, scratch.address());
        int n = waitRetryingOnSignals();
        long ready = 0;
        for (int i = 0; i < n; i++) {
            long tag = events.getLong((long) i * Epoll.EVENT_SIZE + Epoll.EVENT_DATA_OFFSET);
            if (tag != TIMER_TAG) {
                ready |= 1L << tag;
            }
        }
        return ready;
    }

    private int waitRetryingOnSignals() throws ErrnoException {
        for (;;) {
            try {
                return Epoll.pwait(epfd, events.address(), fds + 1, -1);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        LibC.closeQuietly(timerfd);
        LibC.closeQuietly(epfd);
        events.close();
        scratch.close();
    }
}
