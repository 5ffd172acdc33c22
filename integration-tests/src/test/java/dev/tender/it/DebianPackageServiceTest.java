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
 * Debian's default Java, iproute2, dnsmasq and dig; nothing of this machine's), booted with systemd-nspawn; the
 * package installed with dpkg; the resolver's spt image installed as a service with the packaged
 * {@code tender systemd install}, started, asked with dig, listed by {@code tender ps}, its console read with
 * {@code tender logs}, stopped. Runs on this machine: spt needs no KVM (the hvt service is tested in the emulated
 * host by ResolverSystemdTest). The root is made once and kept as a tarball in ~/.cache/tender/debian-root
 * (TENDER_DEBIAN_ROOT_CACHE), about a minute and 470 MB.
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
        host = Hosts.local().require("systemd-nspawn", "systemd-container").require("mmdebstrap", "mmdebstrap");
        Path tarball = debianRoot();
        Path deb = DebPackageTest.built();
        host.ok("sh", "-ec", """
                base=$0 tarball=$1 deb=$2 image=$3
                mkdir -p "$base" && mount -t tmpfs tender-it-deb "$base" && mkdir "$base/root"
                tar -C "$base/root" -xf "$tarball"
                cp "$deb" "$base/root/root/tender.deb"
                mkdir -p "$base/root/var/lib/tender" && cp "$image" "$base/root/var/lib/tender/"
                """, BASE, tarball.toString(), deb.toString(), SptCoreTest.SPT_IMAGES.resolve("resolver.spt").toString());
        container = new NspawnContainer(host, ROOT, MACHINE, false);
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
            TestHost.Result r = host.run(Duration.ofMinutes(15), List.of("mmdebstrap", "--variant=apt", "--format=tar", "--quiet",
                    "--include=" + PACKAGES, "bookworm", partial.toString(), "http://deb.debian.org/debian"));
            assertThat(r.status()).as("mmdebstrap: %s", r.output()).isZero();
            Files.move(partial, tarball);
        }
        return tarball;
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

    @Test
    @Order(2)
    void theResolverRunsAsAnSptServiceOfThePackage() {
        container.insideOk("ip", "link", "set", "lo", "up");
        container.insideOk("ip", "addr", "add", "10.53.0.1/32", "dev", "lo");
        container.insideOk("systemd-run", "--unit=upstream-dns", "--service-type=exec", "dnsmasq", "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--user=root", "--group=root",
                "--listen-address=10.53.0.1", "--bind-interfaces", "--local=/example.test/",
                "--host-record=deb.example.test,10.1.2.5,300");
        container.insideOk("tender", "systemd", "install", "resolver", "--image=/var/lib/tender/resolver.spt", "--mem=32",
                "--net=service=tap-resolver", "--tap-address=tap-resolver=10.0.0.1/24", "--", "--ipv4=10.0.0.2/24",
                "--ipv4-gateway=10.0.0.1", "--upstream=10.53.0.1", "--verbose");
        container.insideOk("tender", "start", "resolver");
        assertThat(container.insideOk("dig", "@10.0.0.2", "+tries=3", "+time=4", "deb.example.test", "A"))
                .contains("status: NOERROR").containsPattern("deb\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.5");
        String ps = container.insideOk("tender", "ps");
        // MEMORY: "-" where the container's systemd gets no memory controller (this machine's cgroup set-up).
        assertThat(ps).containsPattern("(?m)^resolver\\s+active \\(running\\)\\s+spt\\s+\\S+\\s+([0-9.]+[KMG]|-)\\s+"
                + "/var/lib/tender/resolver.spt\\s+[0-9a-f]{12}$");
        assertThat(container.insideOk("tender", "logs", "resolver")).contains(
                "resolver: ready, serving DNS on 10.0.0.2:53", "deb.example.test. A: forwarded");
        Map<String, Long> stats = StatsOutput.countQueries(container, "tender", "resolver", "10.0.0", "tap-resolver",
                "deb.example.test");
        assertThat(stats.get("cpu_microseconds{}")).isPositive();
        assertThat(StatsOutput.prometheus(container.insideOk("tender", "metrics")))
                .containsEntry("tender_up{kind=\"spt\",unikernel=\"resolver\"}", 1.0)
                .containsEntry("tender_net_rx_packets_total{device=\"service\",interface=\"tap-resolver\","
                        + "unikernel=\"resolver\"}", (double) stats.get(StatsOutput.RX + "tap-resolver}"));
        container.insideOk("tender", "stop", "resolver");
        assertThat(container.insideOk("systemctl", "show", "-p", "ActiveState,Result", "tender@resolver.service"))
                .contains("ActiveState=inactive", "Result=success");
        assertThat(container.insideOk("tender", "ps", "--json")).contains("\"state\" : \"inactive (dead)\"");
    }
}
