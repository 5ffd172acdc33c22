package dev.tender.net.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * File descriptors the tests use in place of a TAP: a non-blocking AF_UNIX datagram socket pair (one frame per
 * datagram, EAGAIN when empty, a long frame cut short by a small buffer, as a TAP does) and a non-blocking pipe
 * (a write larger than its capacity comes back short).
 */
public final class TestFds {
    static {
        Native.register(TestFds.class, NativeLibrary.getProcess());
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;

    private TestFds() {
    }

    /** Two connected non-blocking datagram sockets. */
    public static int[] datagramPair() {
        int[] sv = new int[2];
        if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0) {
            throw new IllegalStateException("socketpair failed, errno " + Native.getLastError());
        }
        return sv;
    }

    /** A non-blocking pipe: {read end, write end}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed, errno " + Native.getLastError());
        }
        return fds;
    }

    private static native int socketpair(int domain, int type, int protocol, int[] sv);

    private static native int pipe2(int[] fds, int flags);
}
