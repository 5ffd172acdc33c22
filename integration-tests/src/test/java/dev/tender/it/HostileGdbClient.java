package dev.tender.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A gdb client that misbehaves, run as a program next to a debug tender (on the test host): well-formed
 * packets with absurd arguments, random packets, bad checksums, an oversized packet and junk between packets,
 * a bounded number of each, every reply checked for framing and checksum. It never resumes the guest; at the
 * end it just hangs up. Exit status 0 and "N replies well-formed" when every reply was a proper packet.
 */
public final class HostileGdbClient {
    private static final int RANDOM_PACKETS = 400;
    private static final String COMMANDS = "?gGmMpPZzqQHvTXkxyA";
    private final InputStream in;
    private final OutputStream out;
    private int replies;

    private HostileGdbClient(Socket s) throws IOException {
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    /** How a test starts it on a host: the test JVM's own classes, from the project share. */
    static List<String> command(String address, int port) {
        return List.of("java", "-cp", Tender.ROOT.resolve("integration-tests/target/test-classes").toString(),
                HostileGdbClient.class.getName(), address, Integer.toString(port));
    }

    public static void main(String[] args) throws IOException {
        try (Socket s = new Socket(args[0], Integer.parseInt(args[1]))) {
            s.setSoTimeout(60_000);
            HostileGdbClient c = new HostileGdbClient(s);
            try {
                c.session(new Random(20261206));
            } catch (IllegalStateException e) {
                System.out.println("bad reply: " + e.getMessage());
                System.exit(2);
            }
            System.out.println(c.replies + " replies well-formed");
        }
    }

    private void session(Random rnd) throws IOException {
        for (String p : List.of("qSupported:swbreak+;hwbreak+", "?", "g", "m0,10", "mffffffffffffffff,10",
                "m0,ffffffffffffffff", "mzz,10", "m10", "M0,4:0011", "M0,ffffffff:00", "Mffffffffffffffff,2:0000",
                "Z0,ffffffffffffffff,1", "Z1,0,1", "Z1,8,1", "Z1,10,1", "Z1,18,1", "Z1,20,1", "Z9,0,1",
                "z0,1234,1", "Gzz", "G", "c1234", "s1234", "k", "vCont?", "qXfer:features:read:target.xml:0,fff",
                "QStartNoAckModeX", "")) {
            exchange(p);
        }
        // a bad checksum is refused with '-', then the same packet, right, is answered
        out.write("$g#00".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expectByte('-');
        exchange("g");
        exchange("m0," + Integer.toHexString(1 << 20));
        exchange("a".repeat(100_000));
        for (int i = 0; i < RANDOM_PACKETS; i++) {
            if (rnd.nextInt(8) == 0) {
                byte[] junk = new byte[1 + rnd.nextInt(64)];
                for (int j = 0; j < junk.length; j++) {
                    junk[j] = (byte) ("+-\u0003abc012\n".charAt(rnd.nextInt(10)));
                }
                out.write(junk);
            }
            exchange(randomPacket(rnd));
        }
    }

    private static String randomPacket(Random rnd) {
        StringBuilder b = new StringBuilder().append(COMMANDS.charAt(rnd.nextInt(COMMANDS.length())));
        int n = rnd.nextInt(rnd.nextInt(10) == 0 ? 2000 : 40);
        String alphabet = "0123456789abcdefABCDEF,:;=-+xyz ";
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private void exchange(String payload) throws IOException {
        int sum = 0;
        for (byte x : payload.getBytes(StandardCharsets.US_ASCII)) {
            sum += x & 0xFF;
        }
        out.write(("$" + payload + "#" + String.format("%02x", sum & 0xFF)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readReply(payload);
        out.write('+');
        out.flush();
    }

    private void expectByte(char c) throws IOException {
        int b = in.read();
        if (b != c) {
            throw new IllegalStateException("expected '" + c + "', read " + b);
        }
    }

    /** Skips acks, then reads one {@code $...#xx} and checks its checksum. */
    private void readReply(String request) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed after " + shorten(request));
            }
        } while (b == '+');
        if (b != '$') {
            throw new IllegalStateException("reply to " + shorten(request) + " starts with " + b);
        }
        int sum = 0;
        StringBuilder reply = new StringBuilder();
        while ((b = in.read()) != '#') {
            if (b < 0 || reply.length() > 1 << 20) {
                throw new IllegalStateException("unterminated reply to " + shorten(request));
            }
            sum += b;
            reply.append((char) b);
        }
        String cs = "" + (char) in.read() + (char) in.read();
        if (Integer.parseInt(cs, 16) != (sum & 0xFF)) {
            throw new IllegalStateException("bad checksum in reply to " + shorten(request) + ": " + shorten(reply.toString()));
        }
        replies++;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
