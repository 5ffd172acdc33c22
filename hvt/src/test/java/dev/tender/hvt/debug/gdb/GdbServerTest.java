package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The listening socket (a port in use, the messages around accept, one debugger only) and the exit packets. */
class GdbServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void failsEarlyOnAPortInUse() throws Exception {
        try (GdbServer first = GdbServer.bind(LOOPBACK, 0)) {
            int port = first.port();
            assertThat(port).isPositive();
            assertThatThrownBy(() -> GdbServer.bind(LOOPBACK, port)).isInstanceOfSatisfying(TenderException.class,
                    e -> {
                        assertThat(e).hasMessage(
                                "GDB: cannot listen on 127.0.0.1:" + port + ": Address already in use");
                        assertThat(e.exitStatus()).isOne();
                    });
        }
    }

    @Test
    void tellsHowToConnectAndWhoConnected() throws Exception {
        try (GdbServer server = GdbServer.bind(LOOPBACK, 0); RspClient gdb = new RspClient(server.port());
                GdbSession session = server.accept("/tmp/test.hvt", diag)) {
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "solo5-hvt: Waiting for a debugger. Connect to it like this:\n"
                            + "solo5-hvt: \tgdb --ex=\"target remote localhost:" + server.port() + "\" /tmp/test.hvt\n"
                            + "solo5-hvt: Connection from debugger at 127.0.0.1\n");
            assertThat(session.detached()).isFalse();
        }
    }

    @Test
    void takesOneDebuggerOnly() throws Exception {
        try (GdbServer server = GdbServer.bind(LOOPBACK, 0); RspClient gdb = new RspClient(server.port());
                GdbSession session = server.accept("kernel", diag)) {
            assertThatThrownBy(() -> new Socket(LOOPBACK, server.port()).close()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> server.accept("kernel", diag)).isInstanceOf(TenderException.class)
                    .hasMessageStartingWith("GDB: cannot accept a connection from the debugger: ");
        }
    }

    @Test
    void reportsTheExitWithoutWaitingForAnAck() throws Exception {
        try (GdbServer server = GdbServer.bind(LOOPBACK, 0); RspClient gdb = new RspClient(server.port());
                GdbSession session = server.accept("kernel", diag)) {
            session.exited(0x2a);
            assertThat(gdb.receiveUnacked()).isEqualTo("W2a");
            session.terminated();
            assertThat(gdb.receiveUnacked()).isEqualTo("X09");
            gdb.close();
            session.exited(1);
            session.terminated();
        }
    }

    @Test
    void reusesAPortRightAfterASession() throws Exception {
        int port;
        try (GdbServer server = GdbServer.bind(LOOPBACK, 0); RspClient gdb = new RspClient(server.port());
                GdbSession session = server.accept("kernel", diag)) {
            port = server.port();
            session.terminated();
            assertThat(gdb.receiveUnacked()).isEqualTo("X09");
        }
        try (GdbServer again = GdbServer.bind(LOOPBACK, port)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
