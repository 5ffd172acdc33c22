package dev.tender.it.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Socket calls the tests need and Java does not offer: packet sockets, to put hand-made Ethernet frames on a
 * TAP. Direct-mapped JNA, the tests' only native binding.
 */
public final class TestSockets {
    static {
        Native.register(TestSockets.class, NativeLibrary.getProcess());
    }

    public static final int AF_PACKET = 17;
    public static final int SOCK_RAW = 3;

    private TestSockets() {
    }

    public static native int socket(int domain, int type, int protocol);

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    public static native int close(int fd);

    /** errno of this thread's last call. */
    public static int errno() {
        return Native.getLastError();
    }
}
