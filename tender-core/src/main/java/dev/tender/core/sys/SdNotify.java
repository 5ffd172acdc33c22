package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;

/**
 * The service manager's readiness protocol (sd_notify(3)): one datagram of {@code KEY=VALUE} lines on the
 * AF_UNIX socket named by {@code $NOTIFY_SOCKET}, a file system path or, starting with '@', an abstract name.
 * Nothing happens when the variable is unset, so tender run by hand is unaffected; the native calls are bound
 * only on first use.
 */
public final class SdNotify {
    public static final String ENV = "NOTIFY_SOCKET";

    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_NOSIGNAL = 0x4000;

    private SdNotify() {
    }

    /** Whether a service manager waits for notifications. */
    public static boolean enabled() {
        String socket = System.getenv(ENV);
        return socket != null && !socket.isEmpty();
    }

    /** Sends {@code state} (e.g. {@code "READY=1\nSTATUS=Running"}); false if {@code $NOTIFY_SOCKET} is unset. */
    public static boolean notify(String state) throws ErrnoException {
        return notify(System.getenv(ENV), state);
    }

    /** Sends {@code state} to {@code socket}; false if {@code socket} is null or empty. */
    public static boolean notify(String socket, String state) throws ErrnoException {
        if (socket == null || socket.isEmpty()) {
            return false;
        }
        try (Channel channel = new Channel(socket)) {
            channel.send(state);
        }
        return true;
    }

    /**
     * A channel to {@code $NOTIFY_SOCKET} whose socket stays open, for a tender that confines itself after
     * set-up and may no longer create sockets; null when the variable is unset.
     */
    public static Channel open() throws ErrnoException {
        return enabled() ? new Channel(System.getenv(ENV)) : null;
    }

    /** One datagram socket and the address its notifications go to. */
    public static final class Channel implements AutoCloseable {
        private final String socket;
        private final byte[] addr;
        private final int fd;

        Channel(String socket) throws ErrnoException {
            this.socket = socket;
            this.addr = sockaddr(socket);
            this.fd = LibC.check(Calls.socket(UnixAddress.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), "sd_notify: socket");
        }

        /** The socket's descriptor; notifications are {@code sendto} calls on it. */
        public int fd() {
            return fd;
        }

        public void send(String state) throws ErrnoException {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            long n = Calls.sendto(fd, msg, msg.length, MSG_NOSIGNAL, addr, addr.length);
            LibC.check(n, "sd_notify: sendto " + socket);
        }

        @Override
        public void close() {
            LibC.closeQuietly(fd);
        }
    }

    /** struct sockaddr_un for {@code socket}, trimmed to the length the kernel wants. */
    static byte[] sockaddr(String socket) throws ErrnoException {
        return UnixAddress.of(socket, "sd_notify: ", ENV);
    }

    /** The native calls, bound when the first notification is sent. */
    private static final class Calls {
        static {
            Native.register(Calls.class, NativeLibrary.getProcess());
        }

        static native int socket(int domain, int type, int protocol);

        static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);
    }
}
