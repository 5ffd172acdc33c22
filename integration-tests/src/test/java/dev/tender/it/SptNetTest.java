package dev.tender.it;

import static dev.tender.it.SptCoreTest.sptArgs;
import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network unikernels on spt (tests.md §2.5) with real flood-ping traffic, each test in a network namespace of its
 * own (TAPs and addresses exist only there; the namespace is deleted afterwards). The guest reads and writes the
 * TAP fds itself under the filter's read/write rules and waits on the epoll set the launcher registered them in.
 * Ping counts are smaller than upstream's 100000; the images take the count on their command line.
 */
class SptNetTest {
    private static final int PINGS = 3000;
    private NetNs ns;

    @BeforeEach
    void namespace() {
        ns = new NetNs();
    }

    @AfterEach
    void cleanup() {
        ns.close();
    }

    private Running spt(String... args) {
        return Tender.startIn(ns, sptArgs(args));
    }

    /** Without --mem: upstream's --mem= quirk would print every option warning twice. */
    private Result sptPlain(String... args) {
        List<String> full = new ArrayList<>(List.of("spt"));
        full.addAll(List.of(args));
        return Tender.startIn(ns, full).await(30);
    }

    private Process flood(String address, int count, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "60s", "ping", "-fq", "-c", Integer.toString(count)));
        cmd.addAll(List.of(extra));
        cmd.add(address);
        return ns.background(cmd.toArray(new String[0]));
    }

    @Test
    void net() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = spt("--net:service0=tap100", "--", sptImage("test_net.spt").toString(), "limit", "" + PINGS);
        t.awaitOutput("Serving ping on 10.0.0.2", 30);
        Process ping = flood("10.0.0.2", PINGS);
        Result r = t.await(90);
        ping.waitFor();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).containsPattern("\\[service0\\] Serving ping on 10\\.0\\.0\\.2, with MAC: [0-9a-f]{12}")
                .contains("Limit reached, exiting", "SUCCESS");
        String mac = r.stdout().replaceAll("(?s).*with MAC: ([0-9a-f]{12}).*", "$1");
        assertThat(Integer.parseInt(mac.substring(0, 2), 16) & 0x03).as("locally administered unicast").isEqualTo(2);
    }

    @Test
    void netMacArpAndOpenDescriptors() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = spt("--net-mac:service0=02:00:0a:00:00:2a", "--net:service0=tap100", "--",
                sptImage("test_net.spt").toString());
        t.awaitOutput("with MAC: 02000a00002a", 30);
        String ping = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "10.0.0.2");
        assertThat(ping).contains("3 received");
        assertThat(ns.exec("ip", "neigh", "show", "10.0.0.2")).contains("02:00:0a:00:00:2a");

        Path fdDir = Path.of("/proc", Long.toString(t.process.pid()), "fd");
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(fdDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
            }
        }
        assertThat(fds).as("stdout, the TAP, epoll, timer").hasSize(4).containsKey(1)
                .containsValue("/dev/net/tun").containsValue("anon_inode:[eventpoll]")
                .containsValue("anon_inode:[timerfd]");

        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).as("no signal handlers: the default action").isEqualTo(128 + 15);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void net2if() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500).tap("tap101", "10.1.0.1/24", 1500);
        Running t = spt("--net:service0=tap100", "--net:service1=tap101", "--",
                sptImage("test_net_2if.spt").toString(), "limit", "" + PINGS);
        t.awaitOutput("Serving ping on 10.1.0.2", 30);
        Process p0 = flood("10.0.0.2", PINGS / 2);
        Process p1 = flood("10.1.0.2", PINGS / 2);
        Result r = t.await(90);
        p0.waitFor();
        p1.waitFor();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("[service0] Serving ping on 10.0.0.2", "[service1] Serving ping on 10.1.0.2",
                "SUCCESS");
    }

    @Test
    void netMtu() {
        ns.tap("tap102", null, 9000);
        Result r = spt("--net:service0=tap102", "--", sptImage("test_net_mtu.spt").toString()).await(60);
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("MTU is 9000", "SUCCESS");
    }

    @Test
    void netRingKeepsFramesIntact() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = spt("--net:service0=tap100", "--", sptImage("test_net_ring.spt").toString());
        t.awaitOutput("10.0.0.2", 30);
        Process ping = flood("10.0.0.2", 10000, "-p", "deadbeef");
        Result r = t.await(90);
        ping.waitFor();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Verified 10000 packets, 0 corrupted", "SUCCESS").doesNotContain("CORRUPT");
    }

    @Test
    void attachErrors() {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        ns.exec("ip", "tuntap", "add", "tap103", "mode", "tap");
        String img = sptImage("test_net.spt").toString();
        Result missing = sptPlain("--net:service0=tapxx", "--", img);
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).startsWith("tender spt: Could not attach interface: tapxx: No such file or directory\n"
                + "tender spt: Invalid option: `--net:service0=tapxx'\nusage: tender spt ");
        Result down = sptPlain("--net:service0=tap103", "--", img);
        assertThat(down.stderr()).startsWith("tender spt: Could not attach interface: tap103: Network is down\n");
        Result undeclared = sptPlain("--net:service9=tap100", "--", img);
        assertThat(undeclared.stderr()).startsWith("tender spt: Resource not declared in manifest: 'service9'\n");
        Result badMac = sptPlain("--net-mac:service0=02:00", "--net:service0=tap100", "--", img);
        assertThat(badMac.stderr()).startsWith("tender spt: Invalid option: `--net-mac:service0=02:00'\n");
    }
}
