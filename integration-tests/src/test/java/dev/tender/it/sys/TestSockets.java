package dev.tender.it.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Socket calls the tests need and Java does not offer: packet sockets (to put hand-made Ethernet frames on a
 * TAP) and AF_UNIX datagram sockets (standing in for systemd's notification socket). Direct-mapped JNA, the
 * tests' only native binding.
 */
public final class TestSockets {
    static {
        Native.register(TestSockets.class, NativeLibrary.getProcess());
    }

    public static final int AF_UNIX = 1;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int MSG_DONTWAIT = 0x40;

    private TestSockets() {
    }

    public static native int socket(int domain, int type, int protocol);

    public static native int bind(int fd, byte[] addr, int len);

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    public static native long recv(int fd, byte[] buf, long len, int flags);

    public static native int close(int fd);

    /** errno of this thread's last call. */
    public static int errno() {
        return Native.getLastError();
    }
}
