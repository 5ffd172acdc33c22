package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random packets and random bytes (fixed seeds): every packet gets a reply, the loop neither fails nor ends, and
 * afterwards it still answers and continues.
 */
class RspFuzzTest extends GdbStubTestBase {
    private static final String[] COMMANDS = {"m", "M", "g", "G", "Z", "z", "p", "P", "q", "Q", "qSupported:",
        "?", "H", "v", "X", "c", "s", "k", "T", "!", "qAttached", "Z0,", "z1,", "m0,", "M10,"};
    private static final String ARGUMENT_CHARS = "0123456789abcdefABCDEF,:;-+xX}*=ff";

    /** A command letter or prefix, then hex numbers, hex data, or random characters (any byte but $ and #). */
    private static String randomPacket(Random random) {
        StringBuilder packet = new StringBuilder(COMMANDS[random.nextInt(COMMANDS.length)]);
        switch (random.nextInt(4)) {
            case 0 -> appendNumbers(random, packet);
            case 1 -> packet.append("a5".repeat(random.nextInt(100)));
            case 2 -> appendChars(random, packet, random.nextInt(40));
            default -> appendChars(random, packet, random.nextInt(8) == 0 ? RspChannel.MAX_PAYLOAD : 400);
        }
        String text = packet.toString();
        boolean resumes = text.equals("c") || text.equals("s") || text.startsWith("QStartNoAckMode");
        return resumes ? "?" : text;
    }

    /** One to three hex numbers of up to 17 digits, small ones mostly, and hex data after a colon now and then. */
    private static void appendNumbers(Random random, StringBuilder packet) {
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int digits = 1 + random.nextInt(random.nextBoolean() ? 4 : 17);
            for (int d = 0; d < digits; d++) {
                packet.append(Character.forDigit(random.nextInt(16), 16));
            }
            packet.append(i < count - 1 ? "," : "");
        }
        if (random.nextInt(3) == 0) {
            packet.append(':').append("5a".repeat(random.nextInt(20)));
        }
    }

    private static void appendChars(Random random, StringBuilder packet, int length) {
        for (int i = 0; i < length; i++) {
            char c = random.nextInt(10) == 0 ? (char) random.nextInt(256)
                    : ARGUMENT_CHARS.charAt(random.nextInt(ARGUMENT_CHARS.length()));
            packet.append(c == '$' || c == '#' ? '0' : c);
        }
    }

    /** Random bytes, $ and # among them, so packets start and end anywhere. */
    private static String randomBytes(Random random) {
        StringBuilder bytes = new StringBuilder();
        int length = 1 + random.nextInt(200);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(16);
            bytes.append(pick == 0 ? '$' : pick == 1 ? '#' : (char) random.nextInt(256));
        }
        return bytes.toString();
    }

    @Test
    void answersEveryRandomPacket() throws Exception {
        Random random = new Random(0x6462);
        Set<String> shortReplies = new TreeSet<>();
        for (int i = 0; i < 2000; i++) {
            String reply = gdb.command(randomPacket(random));
            if (reply.length() <= 3) {
                shortReplies.add(reply);
            }
        }
        assertThat(shortReplies).as("the error replies met").contains("", "OK", "E01", "E02", "E03", "E14", "E22");
        assertThat(loop).as("no packet ended the loop").isNotDone();
        assertThat(gdb.command("?")).isEqualTo("S05");
        gdb.send("c");
        assertThat(resume(loop)).isEqualTo(Resume.CONTINUE);
    }

    @Test
    void recoversFromRandomBytes() throws Exception {
        assertThat(gdb.command("QStartNoAckMode")).isEqualTo("OK");
        gdb.stopAcks();
        Random random = new Random(0x7473);
        for (int i = 0; i < 500; i++) {
            // Two bytes end a checksum the junk left open, the $ ends a packet it left open.
            gdb.raw(randomBytes(random) + "\u0000\u0000" + RspClient.frame("?"));
            String reply;
            do {
                reply = gdb.receive();
            } while (!reply.equals("S05"));
        }
        assertThat(loop).as("no junk ended the loop").isNotDone();
        gdb.send("c");
        assertThat(resume(loop)).isEqualTo(Resume.CONTINUE);
    }
}
