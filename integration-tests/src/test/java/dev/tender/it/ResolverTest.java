package dev.tender.it;

import static dev.tender.it.Tender.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver example (examples/resolver) booted through {@code bin/tender hvt}, end to end, in a network
 * namespace of the test's own: the host end of TAP {@code tap0} is 10.0.0.1/24 (the guest's gateway), the
 * resolver is 10.0.0.2, and the upstream is a real dnsmasq listening on 10.53.0.1 (an address on the
 * namespace's loopback, so the guest reaches it through its gateway). dig and the malformed packets come from
 * inside the namespace; nothing leaves it.
 */
class ResolverTest {
    static final String UPSTREAM = "10.53.0.1";
    static final String RESOLVER = "10.0.0.2";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path tmp;
    private NetNs ns;
    private Path upstreamLog;
    private Running resolver;

    @BeforeEach
    void namespace() {
        ns = new NetNs(Hosts.kvm().require("dnsmasq", "dnsmasq-base").require("dig", "bind9-dnsutils")
                .require("socat", "socat").require("ping", "iputils-ping"));
        ns.exec("ip", "link", "set", "lo", "up");
        ns.exec("ip", "addr", "add", UPSTREAM + "/32", "dev", "lo");
        ns.tap("tap0", "10.0.0.1/24", 1500);
    }

    @AfterEach
    void cleanup() {
        ns.close();
    }

    /** dnsmasq as the upstream: a few local names, every query logged to a file. */
    private void startUpstream() throws Exception {
        upstreamLog = tmp.resolve("dnsmasq.log");
        ns.background("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--user=root", "--group=root", "--listen-address=" + UPSTREAM, "--bind-interfaces", "--port=53",
                "--pid-file=" + tmp.resolve("dnsmasq.pid"), "--log-queries", "--log-facility=" + upstreamLog,
                "--local=/example.test/", "--local-ttl=60",
                "--host-record=www.example.test,10.1.2.3,300",
                "--host-record=short.example.test,10.1.2.4,8",
                "--host-record=v6.example.test,fd00::53,300",
                "--txt-record=txt.example.test,tender resolver");
        for (int i = 0; i < 100 && !upstreamText().contains("started, version"); i++) {
            Thread.sleep(100);
        }
        assertThat(upstreamText()).as("dnsmasq log").contains("started, version");
    }

    private String upstreamText() throws IOException {
        return Files.exists(upstreamLog) ? Files.readString(upstreamLog) : "";
    }

    /** How often the upstream was asked {@code type} for {@code name}. */
    private long upstreamQueries(String type, String name) throws IOException {
        String needle = "query[" + type + "] " + name + " from " + RESOLVER;
        return upstreamText().lines().filter(l -> l.contains(needle)).count();
    }

    private Running startResolver(String upstream) throws InterruptedException {
        Running r = Tender.startIn(ns, List.of("hvt", "--mem=32", "--net:service=tap0", "--",
                image("resolver.hvt").toString(), "--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1",
                "--upstream=" + upstream, "--verbose"));
        r.awaitOutput("resolver: ready, serving DNS on 10.0.0.2:53", 60);
        return r;
    }

    private String dig(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dig", "@" + RESOLVER, "+tries=2", "+time=4"));
        cmd.addAll(List.of(args));
        return ns.exec(cmd.toArray(new String[0]));
    }

    private static int answerTtl(String digOutput, String name, String type) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\.\\s+(\\d+)\\s+IN\\s+" + type + "\\s")
                .matcher(digOutput);
        assertThat(m.find()).as("%s %s in %s", name, type, digOutput).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void forwardsAnswersAndServesRepeatsFromTheCache() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);

        String first = dig("www.example.test", "A");
        assertThat(first).contains("status: NOERROR", "flags: qr rd ra;").containsPattern(
                "(?m)^www\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.3$");
        assertThat(upstreamQueries("A", "www.example.test")).isEqualTo(1);

        Thread.sleep(1100);
        String again = dig("WWW.Example.TEST", "A");               // same question, other case
        assertThat(again).contains("status: NOERROR").containsPattern("(?m)^WWW\\.Example\\.TEST\\.\\s+\\d+\\s+IN\\s+A\\s+10\\.1\\.2\\.3$");
        assertThat(answerTtl(again, "WWW.Example.TEST", "A")).as("TTL counts down in the cache").isBetween(290, 299);
        String plain = dig("+noedns", "www.example.test", "A");    // a client without EDNS gets no OPT record
        assertThat(plain).contains("status: NOERROR", "10.1.2.3").doesNotContain("OPT PSEUDOSECTION");
        assertThat(upstreamQueries("A", "www.example.test")).as("the upstream saw the name once").isEqualTo(1);
        assertThat(resolver.outputSoFar()).contains("resolver: 10.0.0.1 www.example.test. A: forwarded",
                "resolver: 10.0.0.1 WWW.Example.TEST. A: cached");

        // Other types, negative answers, and a type the upstream has no data for.
        assertThat(dig("txt.example.test", "TXT")).contains("status: NOERROR", "\"tender resolver\"");
        assertThat(dig("v6.example.test", "AAAA")).containsPattern("IN\\s+AAAA\\s+fd00::53");
        assertThat(dig("nope.example.test", "A")).contains("status: NXDOMAIN");
        assertThat(dig("outside.invalid", "A")).containsPattern("status: (REFUSED|SERVFAIL|NXDOMAIN)");
        assertThat(resolver.isAlive()).isTrue();
    }

    @Test
    void cachedAnswersExpireWithTheirTtl() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        long answered = System.nanoTime();
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        assertThat(upstreamQueries("A", "short.example.test")).as("second query from the cache").isEqualTo(1);
        // The TTL is 8 s: long enough for two digs in a loaded emulated host (one dig there can take 2 s);
        // the third dig comes after it has expired, timed from the first answer.
        Thread.sleep(Math.max(0, 9000 - (System.nanoTime() - answered) / 1_000_000));
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        assertThat(upstreamQueries("A", "short.example.test")).as("asked again after expiry").isEqualTo(2);
    }

    @Test
    void silentUpstreamGivesServfail() throws Exception {
        resolver = startResolver("10.53.0.9");                     // nobody there
        long start = System.nanoTime();
        String out = ns.exec("dig", "@" + RESOLVER, "+tries=1", "+time=10", "quiet.example.test", "A");
        assertThat(out).contains("status: SERVFAIL");
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("three tries, about 5 s").isBetween(3L, 9L);
        assertThat(resolver.isAlive()).isTrue();
    }

    // --- malformed input ----------------------------------------------------------------------------

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A DNS header: ID, the two flag bytes, and the four counts. */
    private static byte[] header(int id, int f0, int f1, int qd, int an, int ns, int ar) {
        return bytes(id >> 8, id, f0, f1, qd >> 8, qd, an >> 8, an, ns >> 8, ns, ar >> 8, ar);
    }

    private static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    private static final byte[] TYPE_A_IN = bytes(0, 1, 0, 1);

    /** Sends each message from inside the namespace; the replies (null: none within the wait). */
    private List<byte[]> probe(int waitMs, byte[]... messages) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                ResolverProbe.class.getName(), "udp", RESOLVER, "53", Integer.toString(waitMs)));
        for (byte[] m : messages) {
            cmd.add(HEX.formatHex(m));
        }
        List<byte[]> replies = new ArrayList<>();
        for (String line : ns.exec(cmd.toArray(new String[0])).lines().toList()) {
            if (line.startsWith("REPLY ")) {
                replies.add(HEX.parseHex(line.substring(6)));
            } else if (line.equals("NONE")) {
                replies.add(null);
            }
        }
        assertThat(replies).as("one result per message").hasSize(messages.length);
        return replies;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
        java.util.Arrays.fill(runaway, (byte) 0x3f);
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
    private void rawGarbage() throws Exception {
        String out = resolver.outputSoFar();
        Matcher m = Pattern.compile("MAC ([0-9a-f:]{17})").matcher(out);
        assertThat(m.find()).isTrue();
        byte[] guest = HEX.parseHex(m.group(1).replace(":", ""));
        byte[] host = HEX.parseHex(ns.exec("cat", "/sys/class/net/tap0/address").trim().replace(":", ""));
        byte[] query = cat(header(0x2001, 0x01, 0, 1, 0, 0, 0), name("www.example.test"), TYPE_A_IN);
        byte[] goodUdp = udp(40000, 53, query, -1, true);
        byte[] junk = new byte[1500];
        java.util.Arrays.fill(junk, (byte) 0xff);
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
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                ResolverProbe.class.getName(), "raw", "tap0"));
        for (byte[] f : frames) {
            cmd.add(HEX.formatHex(f));
        }
        String sent = ns.exec(cmd.toArray(new String[0]));
        assertThat(sent.lines().filter(l -> l.startsWith("SENT ")).count()).isEqualTo(frames.size());
    }

    private static byte[] eth(byte[] dst, byte[] src, int type, byte[] payload) {
        return cat(dst, src, bytes(type >> 8, type), payload);
    }

    private static final byte[] SRC_IP = bytes(10, 0, 0, 1);
    private static final byte[] DST_IP = bytes(10, 0, 0, 2);

    private static byte[] ipv4(int proto, byte[] payload, int vhl, int totlen, int frag, boolean goodCsum) {
        int len = totlen >= 0 ? totlen : 20 + payload.length;
        byte[] h = cat(bytes(vhl, 0, len >> 8, len, 0x12, 0x34, frag >> 8, frag, 64, proto, 0, 0), SRC_IP, DST_IP);
        int c = checksum(h, 0);
        if (!goodCsum) {
            c ^= 0x5a5a;
        }
        h[10] = (byte) (c >> 8);
        h[11] = (byte) c;
        return cat(h, payload);
    }

    private static byte[] udp(int sport, int dport, byte[] data, int lenOverride, boolean goodCsum) {
        int len = 8 + data.length;
        byte[] u = cat(bytes(sport >> 8, sport, dport >> 8, dport, len >> 8, len, 0, 0), data);
        byte[] pseudo = cat(SRC_IP, DST_IP, bytes(0, 17, len >> 8, len));
        int c = checksum(u, sum(pseudo));
        if (!goodCsum) {
            c ^= 0x1111;
        }
        u[6] = (byte) (c >> 8);
        u[7] = (byte) c;
        if (lenOverride >= 0) {
            u[4] = (byte) (lenOverride >> 8);
            u[5] = (byte) lenOverride;
        }
        return u;
    }

    private static long sum(byte[] b) {
        long s = 0;
        for (int i = 0; i < b.length; i += 2) {
            s += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        return s;
    }

    private static int checksum(byte[] b, long initial) {
        long s = initial + sum(b);
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }

    /**
     * systemd's notification socket, played by socat on the tender's host: it prints each datagram it receives,
     * so its output is the notifications in order.
     */
    @Test
    void notifiesTheServiceManagerWhenRunningAndWhenStopping() throws Exception {
        startUpstream();
        String sock = "/run/tender-it-notify-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        HostProcess manager = ns.host.start(List.of("socat", "-u", "UNIX-RECV:" + sock, "STDOUT"));
        try {
            for (int i = 0; ns.host.run(Duration.ofSeconds(30), List.of("test", "-S", sock)).status() != 0; i++) {
                assertThat(i).as("socat listens on %s: %s", sock, manager.stderr()).isLessThan(200);
                assertThat(manager.isAlive()).as("socat: %s", manager.stderr()).isTrue();
                Thread.sleep(50);
            }
            String ready = "READY=1\nSTATUS=Running " + image("resolver.hvt");
            resolver = Tender.startIn(ns, List.of("hvt", "--mem=32", "--net:service=tap0", "--",
                    image("resolver.hvt").toString(), "--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1",
                    "--upstream=" + UPSTREAM), Map.of("NOTIFY_SOCKET", sock));
            resolver.awaitOutput("resolver: ready", 60);
            assertThat(manager.stdout()).as("readiness, once the guest runs").isEqualTo(ready);
            assertThat(dig("www.example.test", "A")).contains("10.1.2.3");
            resolver.signal("TERM");
            Result r = resolver.await(30);
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
            assertThat(manager.stdout()).as("then STOPPING=1 before the tender exits").isEqualTo(ready + "STOPPING=1");
        } finally {
            manager.kill();
            ns.host.run(Duration.ofSeconds(30), List.of("rm", "-f", sock));
        }
    }

    @Test
    void sigtermStopsTheResolverLikeSolo5Hvt() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        assertThat(dig("www.example.test", "A")).contains("10.1.2.3");
        resolver.signal("TERM");
        Result r = resolver.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
    }
}
