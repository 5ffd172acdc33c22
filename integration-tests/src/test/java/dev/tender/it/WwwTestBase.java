package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The www example over the guest runtime's TCP: every embedded file byte for byte (a 10 MiB one too), HEAD, 404,
 * 405, ETags, keep-alive, a request split over many segments and pipelined, an oversized request line, a SYN
 * flood and idle clients, malformed segments. Subclasses choose hvt or spt.
 */
abstract class WwwTestBase extends WwwFixture {
    @Test
    void everyEmbeddedFileIsServedByteForByte() throws Exception {
        try (Stream<Path> s = Files.walk(SITE)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String path = "/" + SITE.relativize(f);
                assertThat(fetch(path)).as(path).isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(fetch("/")).isEqualTo(Files.readAllBytes(SITE.resolve("index.html")));
        assertThat(fetch("/docs/")).isEqualTo(Files.readAllBytes(SITE.resolve("docs/index.html")));
        assertThat(fetch("/big.bin")).as("10 MiB").hasSize((int) BIG)
                .isEqualTo(Files.readAllBytes(WORK.resolve("www/site/big.bin")));
    }

    @Test
    void headNotFoundAndMethodNotAllowed() {
        String head = curl("-I", "http://" + WWW + "/style.css");
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/css\r\n",
                "Content-Length: " + SITE.resolve("style.css").toFile().length() + "\r\n").endsWith("\r\n\r\n");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "http://" + WWW + "/missing.html")).isEqualTo("404");
        String post = curl("-i", "-X", "POST", "http://" + WWW + "/");
        assertThat(post).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD\r\n");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "http://" + WWW + "/docs/about.json")).isEqualTo("200");
    }

    @Test
    void etagsAnswerConditionalRequests() {
        String etag = curl("-I", "http://" + WWW + "/index.html").lines().filter(l -> l.startsWith("ETag: "))
                .findFirst().orElseThrow().substring(6).trim();
        assertThat(etag).matches("\"[0-9a-f]{16}\"");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag,
                "http://" + WWW + "/index.html")).isEqualTo("304");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: \"0000000000000000\"",
                "http://" + WWW + "/index.html")).isEqualTo("200");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        String w = curl("-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
                "-w", "%{http_code} %{num_connects}\n", "http://" + WWW + "/", "http://" + WWW + "/style.css",
                "http://" + WWW + "/docs/", "http://" + WWW + "/docs/about.json");
        assertThat(w.lines().toList()).containsExactly("200 1", "200 0", "200 0", "200 0");
    }

    @Test
    void aRequestSplitAcrossManySegmentsAndPipelined() throws IOException {
        String two = "GET /style.css HTTP/1.1\r\nHost: www\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: www\r\n"
                + "Connection: close\r\n\r\n";
        String answer = raw(two.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 3);
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("body { font-family")
                .containsOnlyOnce("HTTP/1.1 200 OK\r\nServer: tender-www\r\nContent-Type: text/html")
                .endsWith("Connection: close\r\n\r\n");
    }

    @Test
    void anOversizedRequestLineIsRefusedAndServingGoesOn() throws Exception {
        sendAnOversizedRequestLine();
    }

    /** A 100 KB request line: 431 and the connection closed, then the next client is served. */
    void sendAnOversizedRequestLine() throws Exception {
        String huge = "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: www\r\n\r\n";
        String answer = raw(huge.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1400);
        assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n").contains("Connection: close");
        assertThat(fetch("/index.html")).isEqualTo(Files.readAllBytes(SITE.resolve("index.html")));
    }

    /** The Internet checksum in python, for the raw-socket scripts below (prepended to each). */
    private static final String CSUM = """
            import struct
            def csum(b):
                if len(b) % 2: b += b"\\0"
                t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
                while t >> 16: t = (t & 0xffff) + (t >> 16)
                return ~t & 0xffff
            """;

    /** Raw TCP from python in the namespace: SYNs from addresses of the TAP's subnet that do not exist. */
    private static final String SYN_FLOOD = CSUM + """
            import random, socket, struct, sys, time
            dst = sys.argv[1]; count = int(sys.argv[2]); limit = time.time() + float(sys.argv[3])
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
            sent = 0
            while sent < count and time.time() < limit:
                src = "10.0.0.%d" % random.randint(100, 250)
                sport = random.randint(1024, 65535)
                tcp = struct.pack("!HHIIBBHHH", sport, 80, random.getrandbits(32), 0, 5 << 4, 0x02, 65535, 0, 0)
                ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
                tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
                ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), sent & 0xffff, 0, 64, 6, 0,
                                 socket.inet_aton(src), socket.inet_aton(dst))
                s.sendto(ip + tcp, (dst, 0))
                sent += 1
            print(sent)
            """;

    @Test
    void aSynFloodAndIdleClientsDoNotLockOthersOut() throws Exception {
        floodWithSynsAndIdleClients();
    }

    /** 5,000 spoofed SYNs (at most 20 s), then 80 idle clients; a new client is served after each. */
    void floodWithSynsAndIdleClients() throws Exception {
        // Spoofed senders of this subnet never answer the SYN-ACKs: every one stays half-open in the guest.
        String sent = ns.exec("python3", "-c", SYN_FLOOD, WWW, "5000", "20").trim();
        assertThat(Long.parseLong(sent)).as("SYNs sent within 20 s").isPositive();
        assertThat(fetch("/index.html")).as("served right after the flood")
                .isEqualTo(Files.readAllBytes(SITE.resolve("index.html")));
        // 80 clients connect and say nothing (more than the table's 64 slots); a new one is still served.
        String idle = """
                import socket, subprocess, sys
                socks = [socket.create_connection((sys.argv[1], 80), timeout=10) for _ in range(80)]
                r = subprocess.run(["curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}",
                                    "http://" + sys.argv[1] + "/style.css"], capture_output=True, text=True)
                print(r.stdout)
                """;
        assertThat(ns.exec("python3", "-c", idle, WWW).trim()).isEqualTo("200");
        assertThat(fetch("/style.css")).isEqualTo(Files.readAllBytes(SITE.resolve("style.css")));
    }

    @Test
    void malformedSegmentsAreIgnoredAndServingGoesOn() throws Exception {
        sendMalformedAndStraySegments();
    }

    /** 2,000 malformed IPv4/TCP packets, then 200 segments of connections www does not have; then served. */
    void sendMalformedAndStraySegments() throws Exception {
        String junk = """
                import random, socket, struct, sys
                dst = sys.argv[1]; s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
                rnd = random.Random(5)
                for i in range(2000):
                    n = rnd.randint(0, 60)
                    tcp = bytes(rnd.getrandbits(8) for _ in range(n))
                    if n >= 4 and i % 2: tcp = struct.pack("!HH", rnd.randint(1, 65535), 80) + tcp[4:]
                    vhl = 0x45 if i % 3 else rnd.choice([0x40, 0x46, 0x4f, 0x55])
                    tot = 20 + n if i % 5 else rnd.randint(0, 65535)
                    ip = struct.pack("!BBHHHBBH4s4s", vhl, 0, tot, i, rnd.choice([0, 0x2000, 0x4000, 0x1fff]),
                                     64, 6, 0, socket.inet_aton("10.0.0.1"), socket.inet_aton(dst))
                    try:
                        s.sendto(ip + tcp, (dst, 0))
                    except OSError:
                        pass   # the kernel refuses some lengths itself
                print("sent")
                """;
        assertThat(ns.exec("python3", "-c", junk, WWW)).contains("sent");
        // Segments of connections www does not have (a peer still closing one from an earlier run): RSTs, and on.
        String stray = CSUM + """
                import socket, struct, sys
                dst = sys.argv[1]; s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
                for i, flags in enumerate([0x11, 0x18, 0x10, 0x01] * 50):
                    data = b"x" * (i % 7)
                    tcp = struct.pack("!HHIIBBHHH", 40000 + i, 80, 1000 + i, 2000 + i, 5 << 4, flags, 512, 0, 0) + data
                    ph = socket.inet_aton("10.0.0.1") + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
                    tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
                    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), i, 0, 64, 6, 0,
                                     socket.inet_aton("10.0.0.1"), socket.inet_aton(dst))
                    s.sendto(ip + tcp, (dst, 0))
                print("sent")
                """;
        assertThat(ns.exec("python3", "-c", stray, WWW)).contains("sent");
        assertThat(fetch("/docs/about.json")).isEqualTo(Files.readAllBytes(SITE.resolve("docs/about.json")));
    }

    @Test
    void fiftyConnectionsForTenSecondsGetNoErrors() {
        String out = ns.exec("wrk", "-t", "2", "-c", "50", "-d", "10s", "--timeout", "10s", "--latency",
                "http://" + WWW + "/index.html");
        assertThat(out).as(out).doesNotContain("Socket errors", "Non-2xx or 3xx responses")
                .containsPattern("\\d+ requests in ").contains("Latency Distribution");
        long requests = Long.parseLong(out.replaceAll("(?s).*?(\\d+) requests in .*", "$1"));
        assertThat(requests).as(out).isPositive();
    }
}
