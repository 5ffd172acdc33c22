package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The www example over the guest runtime's TCP: curl (and a raw client for what curl does not do) in a network
 * namespace, against the image built from examples/www plus a 10 MiB file (a copy of the project built here with
 * tender build, so the repository carries no large file). Every embedded file byte for byte, HEAD, 404, 405,
 * ETags, keep-alive, a request split over many segments, an oversized request line. Subclasses choose hvt or spt.
 */
abstract class WwwTestBase {
    static final String WWW = "10.0.0.2";
    static final String TAP = "tap100";
    static final Path SITE = Tender.ROOT.resolve("examples/www/site");
    static final Path WORK = Tender.ROOT.resolve("integration-tests/target/www-it-" + ProcessHandle.current().pid());
    static final long BIG = 10L << 20;

    NetNs ns;
    Running www;

    /** "hvt" or "spt". */
    abstract String kind();

    abstract TestHost host();

    Path image() {
        return WORK.resolve("out").resolve("www." + kind());
    }

    @BeforeAll
    static synchronized void buildWithABigFile() throws Exception {
        if (Files.isRegularFile(WORK.resolve("out/www.spt"))) {
            return;
        }
        Path project = WORK.resolve("www");
        Files.createDirectories(project);
        try (Stream<Path> s = Files.walk(Tender.ROOT.resolve("examples/www"))) {
            for (Path p : s.toList()) {
                Path rel = Tender.ROOT.resolve("examples/www").relativize(p);
                if (rel.toString().isEmpty() || rel.startsWith("dist") || rel.startsWith("_build")
                        || rel.toString().equals("tender.lock")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(project.resolve(rel));
                } else {
                    Files.copy(p, project.resolve(rel));
                }
            }
        }
        byte[] big = new byte[(int) BIG];
        new Random(17).nextBytes(big);
        Files.write(project.resolve("site/big.bin"), big);
        for (String target : List.of("hvt", "spt")) {
            TestHost.Result r = Hosts.local().run(java.time.Duration.ofMinutes(5), List.of(Tender.BIN.toString(), "build",
                    "-q", "--no-lock", "--target", target, "--work", WORK.resolve("work").toString(), "--out",
                    WORK.resolve("out").toString(), project.toString()));
            assertThat(r.status()).as(r.output()).isZero();
        }
    }

    @BeforeEach
    void serve() throws Exception {
        ns = new NetNs(host().require("curl", "curl").require("python3", "python3"));
        ns.exec("ip", "link", "set", "lo", "up");
        ns.tap(TAP, "10.0.0.1/24", 1500);
        www = Tender.startIn(ns, List.of(kind(), "--mem=64", "--net:service=" + TAP, "--", image().toString(),
                "--ipv4=" + WWW + "/24", "--ipv4-gateway=10.0.0.1"));
        www.awaitOutput("www: ready, serving HTTP on " + WWW + ":80", 60);
    }

    @AfterEach
    void stop() {
        if (www != null) {
            www.signal("TERM");
            www.await(60);
        }
        ns.close();
    }

    /** curl in the namespace with {@code args}; its output (headers and body as text). */
    String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
        cmd.addAll(List.of(args));
        return ns.exec(cmd.toArray(new String[0]));
    }

    /** Fetches {@code path} into a file and returns its bytes. */
    byte[] fetch(String path) throws IOException {
        Path out = Files.createDirectories(WORK.resolve("got")).resolve("f" + System.nanoTime());
        curl("-f", "-o", out.toString(), "http://" + WWW + path);
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        return b;
    }

    /** Python in the namespace: sends {@code request} over one connection, (n) bytes per segment; prints the answer. */
    String raw(byte[] request, int perSegment) throws IOException {
        String script = """
                import socket, sys, time
                data = open(sys.argv[1], "rb").read(); step = int(sys.argv[2])
                s = socket.create_connection((sys.argv[3], 80), timeout=30)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                for i in range(0, len(data), step):
                    s.sendall(data[i:i + step])
                    time.sleep(0.002)   # pacing, so that each piece leaves as its own segment
                s.shutdown(socket.SHUT_WR)
                out = b""
                while True:
                    b = s.recv(65536)
                    if not b: break
                    out += b
                sys.stdout.write(out.decode("latin-1"))
                """;
        Path file = Files.createDirectories(WORK.resolve("req")).resolve("r" + System.nanoTime());
        Files.write(file, request);
        try {
            return ns.exec("python3", "-c", script, file.toString(), Integer.toString(perSegment), WWW);
        } finally {
            Files.delete(file);
        }
    }

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
        String huge = "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: www\r\n\r\n";
        String answer = raw(huge.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1400);
        assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n").contains("Connection: close");
        assertThat(fetch("/index.html")).isEqualTo(Files.readAllBytes(SITE.resolve("index.html")));
    }

    /** Raw TCP from python in the namespace: SYNs from addresses of the TAP's subnet that do not exist. */
    private static final String SYN_FLOOD = """
            import random, socket, struct, sys, time
            dst = sys.argv[1]; count = int(sys.argv[2]); limit = time.time() + float(sys.argv[3])
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
            def csum(b):
                if len(b) % 2: b += b"\\0"
                t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
                while t >> 16: t = (t & 0xffff) + (t >> 16)
                return ~t & 0xffff
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
        assertThat(fetch("/docs/about.json")).isEqualTo(Files.readAllBytes(SITE.resolve("docs/about.json")));
    }
}
