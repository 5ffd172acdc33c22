package dev.tender.it;

import static dev.tender.it.ResolverPackets.TYPE_A_IN;
import static dev.tender.it.ResolverPackets.bytes;
import static dev.tender.it.ResolverPackets.cat;
import static dev.tender.it.ResolverPackets.eth;
import static dev.tender.it.ResolverPackets.header;
import static dev.tender.it.ResolverPackets.ipv4;
import static dev.tender.it.ResolverPackets.name;
import static dev.tender.it.ResolverPackets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The resolver example fed what dig never sends, in the network of {@link ResolverTestBase}: malformed DNS
 * queries over UDP, then broken Ethernet, ARP, IPv4, UDP and ICMP frames straight onto its TAP. It answers
 * what it must with the right error and keeps serving, in the same process.
 */
class ResolverMalformedInputTest extends ResolverTestBase {
    private static final HexFormat HEX = HexFormat.of();

    /** Sends each message from inside the namespace; the replies (null: none within the wait). */
    private List<byte[]> probe(int waitMs, byte[]... messages) {
        List<String> args = new ArrayList<>(List.of("udp", RESOLVER, "53", Integer.toString(waitMs)));
        for (byte[] m : messages) {
            args.add(HEX.formatHex(m));
        }
        List<byte[]> replies = new ArrayList<>();
        for (String line : runProbe(args).lines().toList()) {
            if (line.startsWith("REPLY ")) {
                replies.add(HEX.parseHex(line.substring(6)));
            } else if (line.equals("NONE")) {
                replies.add(null);
            }
        }
        assertThat(replies).as("one result per message").hasSize(messages.length);
        return replies;
    }

    private static void assertError(byte[] reply, int id, int rcode) {
        assertThat(reply).as("an answer to %04x", id).isNotNull().hasSizeGreaterThanOrEqualTo(12);
        assertThat(((reply[0] & 0xff) << 8) | (reply[1] & 0xff)).as("ID").isEqualTo(id);
        assertThat(reply[2] & 0x80).as("QR").isEqualTo(0x80);
        assertThat(reply[3] & 0x0f).as("RCODE").isEqualTo(rcode);
    }

    @Test
    void malformedQueriesGetFormerrAndDoNotStopTheResolver() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        byte[] q = cat(name("www.example.test"), TYPE_A_IN);
        byte[] longName = cat(name(String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63),
                "d".repeat(63))), TYPE_A_IN);                       // 257 octets
        byte[] runaway = new byte[1400];                        // one unfragmented datagram
        Arrays.fill(runaway, (byte) 0x3f);
        List<byte[]> replies = probe(3000,
                cat(header(0x1001, 0x01, 0, 1, 0, 0, 0)),                              // no question
                cat(header(0x1002, 0x01, 0, 1, 0, 0, 0), bytes(9, 'w', 'w', 'w')),      // label past the end
                cat(header(0x1003, 0x01, 0, 2, 0, 0, 0), q, q),                         // two questions
                cat(header(0x1004, 0x01, 0, 1, 0, 0, 0), bytes(3, 'w', 'w', 'w', 0xc0, 12), TYPE_A_IN), // pointer
                cat(header(0x1005, 0x01, 0, 1, 0, 0, 0), bytes(64), new byte[64], bytes(0), TYPE_A_IN), // label 64
                cat(header(0x1006, 0x01, 0, 1, 0, 0, 0), q, bytes(0xde, 0xad)),         // trailing bytes
                cat(header(0x1007, 0x01, 0, 1, 0, 0, 0), longName),                     // name > 255
                cat(header(0x1008, 0x01, 0, 1, 0, 0, 0), runaway),                      // labels never end
                cat(header(0x1009, 0x01, 0, 1, 1, 0, 0), q),                            // answer in a query
                cat(header(0x100a, 0x01, 0, 1, 0, 0, 1), q, bytes(0, 0, 1, 0, 1)),      // additional: not OPT
                cat(header(0x100b, 0x01, 0, 1, 0, 0, 1), q,                             // OPT option overruns
                        bytes(0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 6, 0, 10, 0, 8, 1, 2)),
                cat(header(0x100c, 0x11, 0, 1, 0, 0, 0), q),                            // opcode 2 (STATUS)
                cat(header(0x100d, 0x01, 0, 1, 0, 0, 1), q,                             // EDNS version 1
                        bytes(0, 0, 41, 4, 0, 0, 1, 0, 0, 0, 0)),
                cat(header(0x100e, 0x01, 0, 1, 0, 0, 0), name("zone.example.test"), bytes(0, 252, 0, 1)), // AXFR
                bytes(0x12, 0x34, 0x01),                                                 // shorter than a header
                cat(header(0x100f, 0x81, 0x80, 1, 0, 0, 0), q));                        // a response
        for (int i = 0; i < 11; i++) {
            assertError(replies.get(i), 0x1001 + i, 1);                                  // FORMERR
        }
        assertError(replies.get(11), 0x100c, 4);                                         // NOTIMP
        byte[] badvers = replies.get(12);
        assertError(badvers, 0x100d, 0);
        assertThat(badvers[badvers.length - 6]).as("extended RCODE 1: BADVERS (16)").isEqualTo((byte) 1);
        assertError(replies.get(13), 0x100e, 4);                                         // zone transfers: NOTIMP
        assertThat(replies.get(14)).as("too short for an ID: no answer").isNull();
        assertThat(replies.get(15)).as("responses are never answered").isNull();

        rawGarbage();

        // Still serving, and from the same process.
        assertThat(resolver.isAlive()).isTrue();
        assertThat(dig("www.example.test", "A")).contains("status: NOERROR", "10.1.2.3");
        assertThat(ns.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", RESOLVER)).contains("2 received");
        assertThat(resolver.outputSoFar()).contains("FORMERR").doesNotContain("ABORT", "trap");
    }

    /** Broken Ethernet, ARP, IPv4, UDP and ICMP frames, written straight onto the TAP. */
    private void rawGarbage() {
        String out = resolver.outputSoFar();
        Matcher m = Pattern.compile("MAC ([0-9a-f:]{17})").matcher(out);
        assertThat(m.find()).isTrue();
        byte[] guest = HEX.parseHex(m.group(1).replace(":", ""));
        byte[] host = HEX.parseHex(ns.exec("cat", "/sys/class/net/" + TAP + "/address").trim().replace(":", ""));
        byte[] query = cat(header(0x2001, 0x01, 0, 1, 0, 0, 0), name("www.example.test"), TYPE_A_IN);
        byte[] goodUdp = udp(40000, 53, query, -1, true);
        byte[] junk = new byte[1500];
        Arrays.fill(junk, (byte) 0xff);
        List<byte[]> frames = List.of(
                cat(guest, host),                                                        // runt
                eth(guest, host, 0x0800, bytes(0x45, 0, 0, 20)),                         // truncated IPv4
                eth(guest, host, 0x0800, ipv4(17, goodUdp, 0x4f, -1, 0, true)),          // IHL beyond the data
                eth(guest, host, 0x0800, ipv4(17, goodUdp, 0x45, 1400, 0, true)),        // total length > frame
                eth(guest, host, 0x0800, ipv4(17, goodUdp, 0x45, -1, 0, false)),         // bad header checksum
                eth(guest, host, 0x0800, ipv4(17, goodUdp, 0x65, -1, 0, true)),          // version 6
                eth(guest, host, 0x0800, ipv4(17, udp(40000, 53, query, 4, true), 0x45, -1, 0, true)),   // UDP len 4
                eth(guest, host, 0x0800, ipv4(17, udp(40000, 53, query, 900, true), 0x45, -1, 0, true)), // UDP len big
                eth(guest, host, 0x0800, ipv4(17, udp(40000, 53, query, -1, false), 0x45, -1, 0, true)), // bad csum
                eth(guest, host, 0x0800, ipv4(17, goodUdp, 0x45, -1, 0x2000, true)),     // first fragment
                eth(guest, host, 0x0800, ipv4(1, bytes(8, 0, 0, 0), 0x45, -1, 0, true)), // ICMP too short
                eth(guest, host, 0x0806, bytes(0, 1, 8, 0, 6, 4, 0, 1)),                 // truncated ARP
                eth(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff), host, 0x0806,
                        cat(bytes(0, 1, 8, 0, 9, 9, 0, 1), new byte[20])),               // ARP sizes 9/9
                eth(guest, host, 0x86dd, junk),                                          // IPv6: not spoken
                junk);                                                                   // broadcast junk
        List<String> args = new ArrayList<>(List.of("raw", TAP));
        for (byte[] f : frames) {
            args.add(HEX.formatHex(f));
        }
        String sent = runProbe(args);
        assertThat(sent.lines().filter(l -> l.startsWith("SENT ")).count()).isEqualTo(frames.size());
    }
}
