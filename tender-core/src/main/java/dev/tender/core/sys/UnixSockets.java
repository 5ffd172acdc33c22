package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * A listening AF_UNIX stream socket at a path and what its server does with it: accept a connection, send one
 * answer without blocking, close. Made before a tender confines itself; afterwards only {@code accept4} on the
 * listening socket and {@code sendto} with {@link #SEND_FLAGS} and no address are needed (docs/security.md).
 */
public final class UnixSockets {
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    /** The flags of every answer: never block on a slow reader, never raise SIGPIPE for one that left. */
    public static final int SEND_FLAGS = MSG_DONTWAIT | MSG_NOSIGNAL;
    static final int BACKLOG = 8;

    private UnixSockets() {
    }

    /**
     * A socket listening at {@code path} (which must not exist; a stale socket file is the caller's to remove).
     * Errors name {@code what} and the path.
     */
    public static int listen(String path, String what) throws ErrnoException {
        byte[] addr = UnixAddress.of(path, what + ": ", "path");
        int fd = LastError.check(Calls.socket(UnixAddress.AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), what + ": socket");
        try {
            LastError.check(Calls.bind(fd, addr, addr.length), what + " " + path);
            LastError.check(Calls.listen(fd, BACKLOG), what + ": listen");
            return fd;
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** The next connection to {@code listening}, waiting for one (a signal does not end the wait). */
    public static int accept(int listening) throws ErrnoException {
        for (;;) {
            int fd = Calls.accept4(listening, null, null, SOCK_CLOEXEC);
            if (fd >= 0) {
                return fd;
            }
            int errno = LastError.errno();
            if (errno != Errno.EINTR) {
                throw new ErrnoException("accept4", errno);
            }
        }
    }

    /** Sends what of {@code data} fits in the socket's buffer now; returns how many bytes went. */
    public static long send(int fd, byte[] data) throws ErrnoException {
        return LastError.check(Calls.sendto(fd, data, data.length, SEND_FLAGS, null, 0), "sendto");
    }

    private static final class Calls {
        static {
            Native.register(Calls.class, NativeLibrary.getProcess());
        }

        static native int socket(int domain, int type, int protocol);

        static native int bind(int fd, byte[] addr, int addrlen);

        static native int listen(int fd, int backlog);

        static native int accept4(int fd, byte[] addr, int[] addrlen, int flags);

        static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);
    }
}
