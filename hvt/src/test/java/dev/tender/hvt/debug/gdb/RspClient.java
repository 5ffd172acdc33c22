package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The gdb side of a test: frames and checks packets itself, and every read times out instead of hanging. */
final class RspClient implements AutoCloseable {
    private static final int TIMEOUT_MS = 5000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean acks = true;

    RspClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** {@code $payload#xx} with the right checksum. */
    static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    /** Acks are neither sent nor expected from now on. */
    void stopAcks() {
        acks = false;
    }

    /** Writes bytes as they are. */
    void raw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a packet and, with acks on, checks the stub's {@code +}. */
    void send(String payload) throws IOException {
        raw(frame(payload));
        if (acks) {
            assertThat((char) read()).as("ack of %s", payload).isEqualTo('+');
        }
    }

    /** Sends a packet and returns the stub's reply. */
    String command(String payload) throws IOException {
        send(payload);
        return receive();
    }

    /** The next packet from the stub, checksum checked and, with acks on, acked. */
    String receive() throws IOException {
        String payload = receiveUnacked();
        if (acks) {
            raw("+");
        }
        return payload;
    }

    /** The next packet from the stub, checksum checked, not acked (bytes before its {@code $} are skipped). */
    String receiveUnacked() throws IOException {
        while (read() != '$') {
            // acks from the stub
        }
        return receiveRest();
    }

    /** The rest of a packet whose {@code $} was read, checksum checked, not acked. */
    String receiveRest() throws IOException {
        StringBuilder payload = new StringBuilder();
        for (int c = read(); c != '#'; c = read()) {
            payload.append((char) c);
        }
        String checksum = "" + (char) read() + (char) read();
        assertThat(frame(payload.toString())).as("checksum").endsWith("#" + checksum);
        return payload.toString();
    }

    /** The next byte, failing on EOF. */
    int read() throws IOException {
        int c = in.read();
        assertThat(c).as("byte from the stub").isNotNegative();
        return c;
    }

    /** The next byte, or -1 at EOF. */
    int readOrEof() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
