package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Debian package on a fresh Debian 12: a root file system made by mmdebstrap from Debian's packages (systemd,
 * Debian's default Java, iproute2, dnsmasq and dig; nothing of this machine's), booted with systemd-nspawn with
 * /dev/kvm handed in; the package installed with dpkg; the resolver installed with the packaged
 * {@code tender systemd install} twice, as an spt service and as an hvt service; both started, asked with dig,
 * listed by {@code tender ps}, their consoles read with {@code tender logs}, their packets counted by
 * {@code tender stats}; the spt one updated to a good image and then to a broken one (rolled back, still
 * answering); both stopped. The container runs where hvt tests run ({@link Hosts#kvm()}: here when /dev/kvm is
 * usable, in the emulated x86_64 host when not). The root is made once on this machine and kept as a tarball in
 * ~/.cache/tender/debian-root (TENDER_DEBIAN_ROOT_CACHE), about a minute and 470 MB; it reaches an emulated host
 * through the project directory (a hard link in integration-tests/target).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageServiceTest {
    private static final String PACKAGES = "systemd,systemd-sysv,dbus,default-jre-headless,iproute2,dnsmasq-base,"
            + "bind9-dnsutils";
    private static final String BASE = "/run/tender-it-deb-" + ProcessHandle.current().pid();
    private static final String ROOT = BASE + "/root";
    private static final String MACHINE = "tender-deb-" + ProcessHandle.current().pid();
    private static TestHost host;
    private static NspawnContainer container;

    @BeforeAll
    static void bootFreshDebian() throws Exception {
        Hosts.local().require("mmdebstrap", "mmdebstrap");
        host = Hosts.kvm().require("systemd-nspawn", "systemd-container");
        Path tarball = visibleToHost(debianRoot());
        Path deb = DebPackageTest.built();
        host.ok("sh", "-ec", """
                base=$0 tarball=$1 deb=$2 spt=$3 hvt=$4 hello=$5
                mkdir -p "$base" && mount -t tmpfs tender-it-deb "$base" && mkdir "$base/root"
                tar -C "$base/root" -xf "$tarball"
                cp "$deb" "$base/root/root/tender.deb"
                mkdir -p "$base/root/var/lib/tender/incoming"
                cp "$spt" "$hvt" "$base/root/var/lib/tender/"
                cp "$spt" "$base/root/var/lib/tender/incoming/resolver-next.spt"
                printf 'another build' >> "$base/root/var/lib/tender/incoming/resolver-next.spt"
                cp "$hello" "$base/root/var/lib/tender/incoming/broken.spt"
                """, BASE, tarball.toString(), deb.toString(), SptCoreTest.SPT_IMAGES.resolve("resolver.spt").toString(),
                Tender.image("resolver.hvt").toString(), SptCoreTest.SPT_IMAGES.resolve("hello.spt").toString());
        container = new NspawnContainer(host, ROOT, MACHINE, true);
    }

    /** The cached root tarball for {@link #PACKAGES}, made with mmdebstrap when there is none. */
    private static Path debianRoot() throws IOException, NoSuchAlgorithmException {
        String dir = System.getenv().getOrDefault("TENDER_DEBIAN_ROOT_CACHE",
                System.getProperty("user.home") + "/.cache/tender/debian-root");
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("bookworm apt " + PACKAGES).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        Path tarball = Path.of(dir, "bookworm-" + key + ".tar");
        if (!Files.isRegularFile(tarball)) {
            Files.createDirectories(tarball.getParent());
            Path partial = tarball.resolveSibling(tarball.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            TestHost.Result r = Hosts.local().run(Duration.ofMinutes(15), List.of("mmdebstrap", "--variant=apt",
                    "--format=tar", "--quiet", "--include=" + PACKAGES, "bookworm", partial.toString(),
                    "http://deb.debian.org/debian"));
            assertThat(r.status()).as("mmdebstrap: %s", r.output()).isZero();
            Files.move(partial, tarball);
        }
        return tarball;
    }

    /**
     * The tarball under the project directory, which an emulated host mounts without caching (its view of the rest
     * of this machine may predate the tarball): a hard link where the file systems allow, else a copy.
     */
    private static Path visibleToHost(Path tarball) throws IOException {
        Path link = Hosts.ROOT.resolve("integration-tests/target/debian-root.tar");
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, tarball);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(tarball, link);
        }
        return link;
    }

    @AfterAll
    static void shutDown() {
        if (container != null) {
            container.close();
        }
        if (host != null) {
            host.run(Duration.ofSeconds(60), List.of("sh", "-c", "umount -l \"$0\"; rmdir \"$0\"", BASE));
        }
    }

    @Test
    @Order(1)
    void thePackageInstallsWithItsDependenciesMet() {
        container.insideOk("dpkg", "-i", "/root/tender.deb");
        assertThat(container.insideOk("dpkg-query", "-W", "-f", "${Status}", "tender")).isEqualTo("install ok installed");
        assertThat(container.insideOk("tender", "--version")).startsWith("tender ");
        assertThat(container.insideOk("solo5-elftool", "query-abi", "/var/lib/tender/resolver.spt"))
                .contains("\"target\": \"spt\"");
        assertThat(container.insideOk("systemctl", "cat", "tender@.service")).contains("ExecStart=/usr/bin/tender ");
    }

    /** Installs and starts the resolver {@code image} as NAME on TAP {@code tap} (host NET.1, guest NET.2). */
    private static void installAndStart(String name, String image, String tap, String net) {
        UpstreamDns.startIn(container, "deb.example.test,10.1.2.5,300");
        container.insideOk("tender", "systemd", "install", name, "--image=/var/lib/tender/" + image, "--mem=32",
                "--net=service=" + tap, "--tap-address=" + tap + "=" + net + ".1/24", "--", "--ipv4=" + net + ".2/24",
                "--ipv4-gateway=" + net + ".1", "--upstream=" + UpstreamDns.ADDRESS, "--verbose");
        container.insideOk("tender", "start", name);
        assertAnswers(net);
        assertThat(container.insideOk("tender", "logs", name)).contains(
                "resolver: ready, serving DNS on " + net + ".2:53", "deb.example.test. A: forwarded");
    }

    private static void assertAnswers(String net) {
        assertThat(container.insideOk("dig", "@" + net + ".2", "+tries=3", "+time=4", "deb.example.test", "A"))
                .contains("status: NOERROR").containsPattern("deb\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.5");
    }

    @Test
    @Order(2)
    void theResolverRunsAsAnSptServiceOfThePackage() {
        installAndStart("resolver", "resolver.spt", "tap-resolver", "10.0.0");
        Map<String, Long> stats = StatsOutput.countQueries(container, "tender", "resolver", "10.0.0", "tap-resolver",
                "deb.example.test");
        assertThat(stats.get("cpu_microseconds{}")).isPositive();
        assertThat(StatsOutput.prometheus(container.insideOk("tender", "metrics")))
                .containsEntry("tender_up{kind=\"spt\",unikernel=\"resolver\"}", 1.0)
                .containsEntry("tender_net_rx_packets_total{device=\"service\",interface=\"tap-resolver\","
                        + "unikernel=\"resolver\"}", (double) stats.get(StatsOutput.RX + "tap-resolver}"));
    }

    @Test
    @Order(3)
    void theResolverRunsAsAnHvtServiceBesideIt() {
        installAndStart("resolver-hvt", "resolver.hvt", "tap-rhvt", "10.0.1");
        assertThat(container.insideOk("systemctl", "show", "-p", "DeviceAllow", "tender@resolver-hvt.service"))
                .contains("DeviceAllow=/dev/kvm rw");
        // Counted by the hvt tender itself, through its stats socket.
        Map<String, Long> stats = StatsOutput.countQueries(container, "tender", "resolver-hvt", "10.0.1", "tap-rhvt",
                "deb.example.test");
        assertThat(stats.get("guest_memory_bytes{}")).isEqualTo(32L << 20);
        assertThat(stats.get("vm_exits{reason=io}")).isPositive();
        String ps = container.insideOk("tender", "ps");
        // MEMORY: "-" where the container's systemd gets no memory controller (a cgroup v1 machine).
        String memory = "([0-9.]+[KMG]|-)";
        assertThat(ps).containsPattern("(?m)^resolver\\s+active \\(running\\)\\s+spt\\s+\\S+\\s+" + memory + "\\s+"
                + "/var/lib/tender/resolver.spt\\s+[0-9a-f]{12}$");
        assertThat(ps).containsPattern("(?m)^resolver-hvt\\s+active \\(running\\)\\s+hvt\\s+\\S+\\s+" + memory
                + "\\s+/var/lib/tender/resolver.hvt\\s+[0-9a-f]{12}$");
        assertThat(StatsOutput.prometheus(container.insideOk("tender", "metrics")))
                .containsEntry("tender_up{kind=\"spt\",unikernel=\"resolver\"}", 1.0)
                .containsEntry("tender_up{kind=\"hvt\",unikernel=\"resolver-hvt\"}", 1.0);
    }

    @Test
    @Order(4)
    void updateKeepsAGoodImageAndRollsBackABrokenOne() {
        String sha = container.insideOk("sha256sum", "/var/lib/tender/incoming/resolver-next.spt").substring(0, 64);
        String placed = "/var/lib/tender/resolver-" + sha.substring(0, 12) + ".spt";
        TestHost.Result good = container.inside(300, "tender", "update", "resolver",
                "--image=/var/lib/tender/incoming/resolver-next.spt", "--grace=3");
        assertThat(good.status()).as(good.output()).isZero();
        assertThat(good.stderr()).contains("tender update: resolver: updated to " + placed);
        assertAnswers("10.0.0");

        TestHost.Result bad = container.inside(300, "tender", "update", "resolver",
                "--image=/var/lib/tender/incoming/broken.spt", "--grace=3");
        assertThat(bad.status()).as(bad.output()).isEqualTo(1);
        assertThat(bad.stderr()).contains("tender update: resolver: the new image failed: ",
                "tender update: resolver: rolled back to " + placed + ", running again");
        assertThat(container.insideOk("tender", "ps")).containsPattern("(?m)^resolver\\s+active \\(running\\).*" + placed);
        assertAnswers("10.0.0");
    }

    @Test
    @Order(5)
    void stopStopsBoth() {
        for (String name : List.of("resolver", "resolver-hvt")) {
            container.insideOk("tender", "stop", name);
            assertThat(container.insideOk("systemctl", "show", "-p", "ActiveState,Result", "tender@" + name + ".service"))
                    .contains("ActiveState=inactive", "Result=success");
        }
        assertThat(container.insideOk("tender", "ps", "--json")).doesNotContain("active (running)")
                .contains("\"state\" : \"inactive (dead)\"");
    }
}
