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

/**
 * What the www tests share: the image built from examples/www plus a 10 MiB and a 1 MiB file (a copy of the
 * project built here with tender build for both architectures, so the repository carries no large file), a
 * network namespace with tap100 (10.0.0.1/24) and www at 10.0.0.2 in it, curl and a raw client from python.
 * Subclasses choose hvt or spt and the host.
 */
abstract class WwwFixture {
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

    /** The x86_64 image of {@link #kind()} (the aarch64 ones are in dist/aarch64/). */
    Path image() {
        return WORK.resolve("www/dist/www." + kind());
    }

    /** The host's network namespace with the clients these tests run there (curl, python3, wrk). */
    NetNs namespace() {
        return new NetNs(host().require("curl", "curl").require("python3", "python3").require("wrk", "wrk"));
    }

    /** How many times longer than on x86_64 each step may take on this host. */
    int slowdown() {
        return 1;
    }

    @BeforeAll
    static synchronized void buildWithABigFile() throws Exception {
        if (Files.isRegularFile(WORK.resolve("www/dist/aarch64/www.spt"))) {
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
        Files.write(project.resolve("site/mid.bin"), java.util.Arrays.copyOf(big, 1 << 20));
        TestHost.Result r = Hosts.local().run(java.time.Duration.ofMinutes(5), List.of(Tender.BIN.toString(), "build",
                "-q", "--no-lock", "--target", "hvt,spt", "--arch", "x86_64,aarch64", "--work",
                WORK.resolve("work").toString(), project.toString()));
        assertThat(r.status()).as(r.output()).isZero();
    }

    @BeforeEach
    void serve() throws Exception {
        ns = namespace();
        ns.exec("ip", "link", "set", "lo", "up");
        ns.tap(TAP, "10.0.0.1/24", 1500);
        www = Tender.startIn(ns, List.of(kind(), "--mem=64", "--net:service=" + TAP, "--", image().toString(),
                "--ipv4=" + WWW + "/24", "--ipv4-gateway=10.0.0.1"));
        www.awaitOutput("www: ready, serving HTTP on " + WWW + ":80", 60 * slowdown());
    }

    @AfterEach
    void stop() {
        if (www != null) {
            www.signal("TERM");
            www.await(60 * slowdown());
        }
        ns.close();
    }

    /** The files of the built copy's site but the 10 MiB one (the 1 MiB one included), sorted. */
    static List<Path> siteFilesButTheBigOne() throws IOException {
        try (Stream<Path> s = Files.walk(WORK.resolve("www/site"))) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("big.bin"))
                    .sorted().toList();
        }
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
}
