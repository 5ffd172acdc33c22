package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The www example deployed as the resolver is ({@link ResolverSystemdTest}): installed with {@code tender systemd
 * install} into a systemd-nspawn container booted on a throw-away overlay of this machine's root, started with
 * {@code systemctl start} (Type=notify), fetched with curl from inside the container, listed by {@code tender
 * ps}, stopped with {@code tender stop}. Once as hvt ({@code www}, the seed's command as a service) and once as
 * spt ({@code www-spt}). Runs where hvt runs ({@link Hosts#kvm()}).
 */
class WwwSystemdTest {
    private static final String BASE = "/run/tender-it-www-systemd-" + ProcessHandle.current().pid();
    private static final String MACHINE = "tender-it-www-" + ProcessHandle.current().pid();
    private static final Path SITE = Tender.ROOT.resolve("examples/www/site");
    private static TestHost host;
    private static OverlayRoot root;
    private static NspawnContainer container;

    @BeforeAll
    static void bootContainer() throws Exception {
        host = Hosts.kvm().require("systemd-nspawn", "systemd-container").require("curl", "curl");
        root = new OverlayRoot(host, BASE).copy("/var/lib/tender", Tender.image("www.hvt").toString(),
                SptCoreTest.SPT_IMAGES.resolve("www.spt").toString());
        install("www", "www.hvt", "tap-www", "10.0.2");
        install("www-spt", "www.spt", "tap-wspt", "10.0.3");
        container = root.boot(MACHINE, true);
    }

    /** {@code tender systemd install NAME} for {@code image} on TAP {@code tap}: the host side NET.1/24, www NET.2. */
    private static void install(String name, String image, String tap, String net) {
        host.ok(Tender.BIN.toString(), "systemd", "install", name, "--root=" + root.dir,
                "--launcher=" + OverlayRoot.LAUNCHER, "--image=/var/lib/tender/" + image, "--mem=32",
                "--net=service=" + tap, "--tap-address=" + tap + "=" + net + ".1/24", "--",
                "--ipv4=" + net + ".2/24", "--ipv4-gateway=" + net + ".1");
    }

    @AfterAll
    static void shutDown() {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void hvtWwwServesTheSiteAsAService() throws Exception {
        serve("www", "10.0.2", "tap-www");
        assertThat(container.insideOk("cat", "/etc/tender/www.conf")).contains("TENDER_KIND=\"hvt\"");
    }

    @Test
    void sptWwwServesTheSiteAsAService() throws Exception {
        serve("www-spt", "10.0.3", "tap-wspt");
        assertThat(container.insideOk("cat", "/etc/tender/www-spt.conf")).contains("TENDER_KIND=\"spt\"");
    }

    /**
     * Starts tender@NAME (the start returns on READY=1), fetches every file of the site from NET.2 and compares
     * digests, checks ps and the journal, and stops it with {@code tender stop}: inactive, its TAP gone.
     */
    private static void serve(String name, String net, String tap) throws Exception {
        String unit = "tender@" + name + ".service";
        container.insideOk("systemctl", "start", unit);
        assertThat(container.insideOk("systemctl", "show", "-p", "ActiveState,SubState", unit))
                .contains("ActiveState=active", "SubState=running");
        List<Path> files;
        try (Stream<Path> s = Files.walk(SITE)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String url = "http://" + net + ".2/" + SITE.relativize(f);
            String got = container.insideOk("sh", "-c", "curl -sSf --max-time 60 \"$0\" | sha256sum", url);
            assertThat(got).as(url).startsWith(sha256(Files.readAllBytes(f)) + " ");
        }
        assertThat(container.insideOk(OverlayRoot.LAUNCHER, "ps")).containsPattern(
                "(?m)^" + name + "\\s+active \\(running\\)\\s+");
        assertThat(container.insideOk("journalctl", "--no-pager", "-u", unit))
                .contains("www: ready, serving HTTP on " + net + ".2:80");
        container.insideOk(OverlayRoot.LAUNCHER, "stop", name);
        assertThat(container.insideOk("systemctl", "show", "-p", "ActiveState,Result", unit))
                .contains("ActiveState=inactive", "Result=success");
        assertThat(container.inside(30, "ip", "link", "show", tap).status()).as("TAP removed after the stop")
                .isNotZero();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
