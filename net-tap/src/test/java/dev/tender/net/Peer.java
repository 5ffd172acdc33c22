package dev.tender.net;

import dev.tender.core.io.Poller;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import java.util.Arrays;

/** The far end of a test "TAP": sends and receives whole datagrams through the checked libc calls. */
final class Peer implements AutoCloseable {
    private static final int MAX_FRAME = 65536;

    private final int fd;
    private final NativeMemory buf = new NativeMemory(MAX_FRAME);

    Peer(int fd) {
        this.fd = fd;
    }

    void send(byte[] frame) throws ErrnoException {
        buf.write(0, frame);
        LibC.write(fd, buf.address(), frame.length);
    }

    /** The next datagram, or null when none is waiting. */
    byte[] receive() throws ErrnoException {
        long n = LibC.readNonBlocking(fd, buf.address(), MAX_FRAME);
        return n == LibC.WOULD_BLOCK ? null : buf.read(0, (int) n);
    }

    /** Waits up to five seconds for the next datagram; null if none came. */
    byte[] await() throws ErrnoException {
        try (Poller poller = new Poller()) {
            poller.addDevice(fd, 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (;;) {
                byte[] frame = receive();
                long left = deadline - System.nanoTime();
                if (frame != null || left <= 0) {
                    return frame;
                }
                poller.poll(left);
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
        buf.close();
    }
}
