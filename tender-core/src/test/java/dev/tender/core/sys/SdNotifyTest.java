package dev.tender.core.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real AF_UNIX datagram socket, bound the way systemd binds $NOTIFY_SOCKET. */
class SdNotifyTest {
    /** The receiving side, which the tender itself never needs. */
    static final class Receiver {
        static {
            Native.register(Receiver.class, NativeLibrary.getProcess());
        }

        static native int socket(int domain, int type, int protocol);

        static native int bind(int fd, byte[] addr, int len);

        static native long recv(int fd, byte[] buf, long len, int flags);
    }

    private static final int MSG_DONTWAIT = 0x40;

    private static String roundTrip(String socketName, String state) throws Exception {
        int fd = LibC.check(Receiver.socket(UnixAddress.AF_UNIX, SdNotify.SOCK_DGRAM | SdNotify.SOCK_CLOEXEC, 0), "socket");
        try {
            byte[] addr = SdNotify.sockaddr(socketName);
            LibC.check(Receiver.bind(fd, addr, addr.length), "bind");
            assertThat(SdNotify.notify(socketName, state)).isTrue();
            byte[] buf = new byte[4096];
            for (int i = 0; i < 500; i++) {
                long n = Receiver.recv(fd, buf, buf.length, MSG_DONTWAIT);
                if (n >= 0) {
                    return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no datagram received");
        } finally {
            LibC.closeQuietly(fd);
        }
    }

    @Test
    void sendsToAPathSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("notify");
        assertThat(roundTrip(sock.toString(), "READY=1\nSTATUS=Running x.hvt")).isEqualTo("READY=1\nSTATUS=Running x.hvt");
        assertThat(Files.exists(sock)).isTrue();
    }

    @Test
    void sendsToAnAbstractSocket() throws Exception {
        String name = "@tender-test-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30);
        assertThat(roundTrip(name, "STOPPING=1")).isEqualTo("STOPPING=1");
    }

    @Test
    void abstractAddressHasALeadingNulAndNoTerminator() throws Exception {
        assertThat(SdNotify.sockaddr("@ab")).containsExactly(1, 0, 0, 'a', 'b');
        assertThat(SdNotify.sockaddr("/ab")).containsExactly(1, 0, '/', 'a', 'b', 0);
    }

    @Test
    void unsetSocketDoesNothing() throws Exception {
        assertThat(SdNotify.notify(null, "READY=1")).isFalse();
        assertThat(SdNotify.notify("", "READY=1")).isFalse();
    }

    @Test
    void failuresNameTheOperationAndErrno(@TempDir Path dir) {
        String missing = dir.resolve("nobody-listens").toString();
        assertThatThrownBy(() -> SdNotify.notify(missing, "READY=1"))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("sd_notify: sendto " + missing + ": No such file or directory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> SdNotify.notify("relative", "READY=1"))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("unsupported NOTIFY_SOCKET 'relative'");
        assertThatThrownBy(() -> SdNotify.notify("/" + "x".repeat(200), "READY=1"))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("too long");
    }
}
