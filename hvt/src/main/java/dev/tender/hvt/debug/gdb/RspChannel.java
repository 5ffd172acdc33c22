package dev.tender.hvt.debug.gdb;

import dev.tender.core.TenderException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Packet framing over the debugger's connection: {@code $payload#xx} with the {@code +}/{@code -} acknowledgments,
 * until {@link #stopAcks()} turns them off (QStartNoAckMode).
 *
 * <p>Receiving: bytes outside a packet ({@code +}, {@code -}, Ctrl-C, anything) are skipped. A {@code $} inside a
 * packet starts it again (the earlier start was cut short). A payload is kept up to {@link #MAX_PAYLOAD} bytes; a
 * longer one is read to its end, acknowledged and answered with {@link RspReplies#TOO_LONG} here, so the caller only
 * sees packets that fit. A bad checksum is answered with {@code -}, or, with acknowledgments off, with
 * {@link RspReplies#BAD_CHECKSUM}. Sending: a packet is written again for each {@code -}, up to {@link #MAX_SENDS}
 * times in all.
 */
final class RspChannel implements AutoCloseable {
    /** The longest payload taken or sent, advertised as PacketSize in the qSupported reply. */
    static final int MAX_PAYLOAD = 0x4000;
    /** How often one packet is sent before a debugger that keeps answering {@code -} is given up on. */
    static final int MAX_SENDS = 5;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private boolean acks = true;

    RspChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** From now on no acknowledgments are sent or expected. */
    void stopAcks() {
        acks = false;
    }

    /** The next well-formed packet's payload that fits, acknowledged. EOF is an {@link EOFException}. */
    String receive() throws IOException, TenderException {
        while (true) {
            while (read() != '$') {
                // outside a packet: acks, Ctrl-C and junk
            }
            Frame frame = readFrame();
            if (!frame.checksumGood) {
                if (acks) {
                    ack('-');
                } else {
                    send(RspReplies.BAD_CHECKSUM);
                }
                continue;
            }
            if (acks) {
                ack('+');
            }
            if (frame.length > MAX_PAYLOAD) {
                send(RspReplies.TOO_LONG);
                continue;
            }
            return RspArgs.text(payload, frame.length);
        }
    }

    /** Sends a packet and, with acknowledgments on, waits for its {@code +}. */
    void send(String reply) throws IOException, TenderException {
        byte[] packet = frame(reply);
        for (int sent = 1; ; sent++) {
            write(packet);
            if (!acks || awaitAck() == '+') {
                return;
            }
            if (sent == MAX_SENDS) {
                throw new TenderException("GDB: Exiting as the debugger rejected a reply " + MAX_SENDS + " times.");
            }
        }
    }

    /** Sends a packet without waiting for an acknowledgment (the last one, before the tender exits). */
    void sendLast(String reply) throws IOException {
        write(frame(reply));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to tell the debugger
        }
    }

    /** The length seen (it may exceed what was kept) and whether the checksum matched. */
    private record Frame(int length, boolean checksumGood) {
    }

    /** Reads from after a {@code $} up to and including the two checksum digits. */
    private Frame readFrame() throws IOException {
        int length = 0;
        int sum = 0;
        while (true) {
            int c = read();
            if (c == '#') {
                break;
            }
            if (c == '$') {
                length = 0;
                sum = 0;
                continue;
            }
            sum += c;
            if (length < MAX_PAYLOAD) {
                payload[length] = (byte) c;
            }
            if (length <= MAX_PAYLOAD) {
                length++;
            }
        }
        int high = RspArgs.digitOrMinus(read());
        int low = RspArgs.digitOrMinus(read());
        boolean good = high >= 0 && low >= 0 && (high << 4 | low) == (sum & 0xff);
        return new Frame(length, good);
    }

    private int awaitAck() throws IOException {
        while (true) {
            int c = read();
            if (c == '+' || c == '-') {
                return c;
            }
        }
    }

    private static byte[] frame(String reply) {
        byte[] body = reply.getBytes(StandardCharsets.ISO_8859_1);
        int sum = 0;
        for (byte b : body) {
            sum += b & 0xff;
        }
        byte[] packet = new byte[body.length + 4];
        packet[0] = '$';
        System.arraycopy(body, 0, packet, 1, body.length);
        packet[body.length + 1] = '#';
        byte[] checksum = RspArgs.hexByte(sum).getBytes(StandardCharsets.ISO_8859_1);
        packet[body.length + 2] = checksum[0];
        packet[body.length + 3] = checksum[1];
        return packet;
    }

    private void ack(char c) throws IOException {
        out.write(c);
        out.flush();
    }

    private void write(byte[] packet) throws IOException {
        out.write(packet);
        out.flush();
    }

    private int read() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("the debugger closed the connection");
        }
        return c;
    }
}
