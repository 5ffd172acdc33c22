package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The resolver as a systemd service under a booted systemd: a container (systemd-nspawn, systemd as PID 1,
 * its own network namespace) whose root is a throw-away overlay of this machine's root file system, so it has
 * the same Java, dnsmasq and checkout. The instance is installed with the real {@code tender systemd install
 * --root}, started with {@code systemctl start} (Type=notify: the start returns once tender sent READY=1),
 * asked with dig, and stopped; twice, as an hvt instance and as an spt instance (which install tells apart by the
 * image's ABI note), side by side in the one container. Runs on the KVM test host; fails at once, naming the package, where systemd-nspawn
 * is not installed (.ci/run installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolverSystemdTest {
    private static final String BASE = "/run/tender-it-systemd-" + ProcessHandle.current().pid();
    private static final String LAUNCHER = OverlayRoot.LAUNCHER;
    private static final String MACHINE = "tender-it-" + ProcessHandle.current().pid();
    private static TestHost host;
    private static OverlayRoot root;
    private static NspawnContainer container;

    static TestHost.Result inside(int seconds, String... cmd) {
        return container.inside(seconds, cmd);
    }

    static String insideOk(String... cmd) {
        return container.insideOk(cmd);
    }

    @BeforeAll
    static void bootContainer() throws Exception {
        host = Hosts.kvm().require("systemd-nspawn", "systemd-container").require("dnsmasq", "dnsmasq-base")
                .require("dig", "bind9-dnsutils");
        root = new OverlayRoot(host, BASE);
        String spt = SptCoreTest.SPT_IMAGES.resolve("resolver.spt").toString();
        root.copy("/var/lib/tender", Tender.image("resolver.hvt").toString(), spt);
        root.copy("/var/lib/tender/incoming", spt, SptCoreTest.SPT_IMAGES.resolve("hello.spt").toString());
        host.ok("sh", "-ec", "cd \"$0/var/lib/tender/incoming\" && mv resolver.spt resolver-next.spt"
                + " && printf 'another build' >> resolver-next.spt && mv hello.spt broken.spt", root.dir);
        install("resolver", "resolver.hvt", "tap-resolver", "10.0.0");
        install("resolver-spt", "resolver.spt", "tap-rspt", "10.0.1");

        container = root.boot(MACHINE, true);
    }

    /**
     * {@code tender systemd install NAME} for {@code image} (hvt or spt, which install reads from the image) on
     * TAP {@code tap}, the host side NET.1/24 and the guest NET.2, answering from the upstream at 10.53.0.1.
     */
    private static void install(String name, String image, String tap, String net) {
        host.ok(Tender.BIN.toString(), "systemd", "install", name, "--root=" + root.dir,
                "--launcher=" + LAUNCHER, "--image=/var/lib/tender/" + image, "--mem=32",
                "--net=service=" + tap, "--tap-address=" + tap + "=" + net + ".1/24", "--",
                "--ipv4=" + net + ".2/24", "--ipv4-gateway=" + net + ".1", "--upstream=10.53.0.1", "--verbose");
    }

    @AfterAll
    static void shutDown() {
        if (root != null) {
            root.close();
        }
    }

    /** The upstream resolver both instances ask, on the container's loopback, logging its queries. */
    private static void startUpstream() {
        UpstreamDns.startIn(container, "www.example.test,10.1.2.3,300", "spt.example.test,10.1.2.4,300");
    }

    @Test
    @Order(1)
    void hvtResolverRunsAsANotifyService() {
        String show = serve("resolver", "10.0.0", "www.example.test", "10.1.2.3");
        assertThat(show).contains("MemoryMax=301989888", "DeviceAllow=/dev/kvm rw");
        assertThat(insideOk("cat", "/etc/tender/resolver.conf")).contains("TENDER_KIND=\"hvt\"");
    }

    @Test
    @Order(2)
    void sptResolverRunsWithoutKvm() {
        String show = serve("resolver-spt", "10.0.1", "spt.example.test", "10.1.2.4");
        assertThat(show).doesNotContain("/dev/kvm");
        assertThat(insideOk("cat", "/etc/tender/resolver-spt.conf")).contains("TENDER_KIND=\"spt\"");
        String pid = insideOk("systemctl", "show", "-p", "MainPID", "--value", "tender@resolver-spt.service").trim();
        assertThat(insideOk("cat", "/proc/" + pid + "/status")).as("the launcher's own seccomp filter")
                .containsPattern("Seccomp:\\s+2");
    }

    @Test
    @Order(3)
    void psAndLogsShowBothInstances() {
        String table = tender("ps");
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATE", "KIND", "UPTIME",
                "MEMORY", "IMAGE", "SHA256");
        // MEMORY is systemd's MemoryCurrent: a figure where the container's systemd has the memory controller,
        // "-" where it has none (as on a cgroup v1 machine whose container gets no memory hierarchy).
        String current = insideOk("systemctl", "show", "-p", "MemoryCurrent", "--value", "tender@resolver.service").trim();
        String memory = current.matches("[0-9]+") ? "[0-9.]+[KMG]" : "-";
        assertThat(table).containsPattern("(?m)^resolver\\s+active \\(running\\)\\s+hvt\\s+\\S+\\s+" + memory + "\\s+"
                + "/var/lib/tender/resolver.hvt\\s+[0-9a-f]{12}$");
        assertThat(table).containsPattern("(?m)^resolver-spt\\s+active \\(running\\)\\s+spt\\s+");
        String json = tender("ps", "--json");
        String sha = insideOk("sha256sum", "/var/lib/tender/resolver.spt").substring(0, 64);
        assertThat(json).contains("\"name\" : \"resolver-spt\"", "\"kind\" : \"spt\"", "\"sha256\" : \"" + sha + "\"");
        assertThat(tender("logs", "resolver-spt")).contains("resolver: ready, serving DNS on 10.0.1.2:53",
                "spt.example.test. A: cached");
        assertThat(tender("logs", "resolver", "-n", "1").lines().count()).isEqualTo(1);
        TestHost.Result unknown = inside(120, LAUNCHER, "logs", "nobody");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.stderr()).startsWith("tender logs: no instance 'nobody'");
    }

    /**
     * Five cached queries to each instance, on a TAP kept quiet (no IPv6, a permanent neighbour entry for the
     * guest): exactly five frames in and five out, counted by the hvt tender itself and, for spt, by the TAP.
     * Then the same figures through {@code tender metrics}, once printed and once served over HTTP, parsed by
     * Prometheus' own parser.
     */
    @Test
    @Order(4)
    void statsCountTheQueriesExactlyAndMetricsParse() {
        Map<String, Long> hvt = StatsOutput.countQueries(container, LAUNCHER, "resolver", "10.0.0", "tap-resolver", "www.example.test");
        assertThat(hvt.get("guest_memory_bytes{}")).isEqualTo(32L << 20);
        assertThat(hvt.get("hypercalls{call=HALT}")).isZero();
        assertThat(hvt.get("vm_exits{reason=io}")).isPositive();
        assertThat(hvt.get("cpu_microseconds{}")).isPositive();
        assertThat(hvt.get("resident_memory_bytes{}")).isPositive();
        assertThat(hvt.get("net_rx_dropped{device=service,interface=tap-resolver}")).isZero();
        assertThat(hvt.keySet()).anyMatch(k -> k.startsWith("kvm_vcpu_exits"));
        String pid = insideOk("systemctl", "show", "-p", "MainPID", "--value", "tender@resolver.service").trim();
        assertThat(insideOk("sh", "-c", "grep -h '^Seccomp:' /proc/$0/task/*/status | sort -u", pid).trim())
                .as("every thread of the hvt tender, the stats thread included, filtered").isEqualTo("Seccomp:\t2");
        Map<String, Long> spt = StatsOutput.countQueries(container, LAUNCHER, "resolver-spt", "10.0.1", "tap-rspt", "spt.example.test");
        assertThat(spt.get("guest_memory_bytes{}")).isEqualTo(32L << 20);
        assertThat(spt.get("process_read_calls{}")).isPositive();
        assertThat(spt.keySet()).noneMatch(k -> k.startsWith("vm_exits"));

        Map<String, Double> printed = StatsOutput.prometheus(tender("metrics"));
        assertThat(printed).containsEntry("tender_up{kind=\"hvt\",unikernel=\"resolver\"}", 1.0)
                .containsEntry("tender_up{kind=\"spt\",unikernel=\"resolver-spt\"}", 1.0)
                .containsEntry("tender_net_rx_packets_total{device=\"service\",interface=\"tap-resolver\","
                        + "unikernel=\"resolver\"}", (double) hvt.get(StatsOutput.RX + "tap-resolver}"))
                .containsEntry("tender_net_tx_packets_total{device=\"service\",interface=\"tap-rspt\","
                        + "unikernel=\"resolver-spt\"}", (double) spt.get(StatsOutput.TX + "tap-rspt}"));
        insideOk("systemd-run", "--unit=tender-metrics", "--service-type=exec", LAUNCHER, "metrics",
                "--listen=127.0.0.1:9477");
        // curl's retry notes go where the container's console merges them with the body: the body goes to a file
        insideOk("curl", "-sf", "--retry", "30", "--retry-delay", "1", "--retry-connrefused", "--max-time", "20",
                "-o", "/run/metrics.txt", "http://127.0.0.1:9477/metrics");
        String served = insideOk("cat", "/run/metrics.txt");
        String said = insideOk("journalctl", "--no-pager", "-o", "cat", "-u", "tender-metrics.service");
        insideOk("systemctl", "stop", "tender-metrics.service");
        assertThat(StatsOutput.prometheus(served)).as("served, with the exporter saying: %s", said).containsAllEntriesOf(printed.entrySet().stream()
                .filter(e -> e.getKey().startsWith("tender_net_")).collect(Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)));
    }

    @Test
    @Order(5)
    void updateKeepsAGoodImageAndRollsBackABrokenOne() {
        String sha = insideOk("sha256sum", "/var/lib/tender/incoming/resolver-next.spt").substring(0, 64);
        String placed = "/var/lib/tender/resolver-" + sha.substring(0, 12) + ".spt";
        TestHost.Result good = inside(300, LAUNCHER, "update", "resolver-spt",
                "--image=/var/lib/tender/incoming/resolver-next.spt", "--grace=3");
        assertThat(good.status()).as(good.output()).isZero();
        assertThat(good.stderr()).contains("tender update: resolver-spt: updated to " + placed);
        assertThat(tender("ps")).containsPattern("(?m)^resolver-spt\\s+active \\(running\\).*" + placed);
        assertAnswers("10.0.1", "spt.example.test", "10.1.2.4");

        TestHost.Result bad = inside(300, LAUNCHER, "update", "resolver-spt",
                "--image=/var/lib/tender/incoming/broken.spt", "--grace=3");
        assertThat(bad.status()).as(bad.output()).isEqualTo(1);
        assertThat(bad.stderr()).contains("tender update: resolver-spt: the new image failed: ",
                "tender update: resolver-spt: rolled back to " + placed + ", running again");
        assertThat(insideOk("cat", "/etc/tender/resolver-spt.conf")).contains("TENDER_IMAGE=\"" + placed + "\"");
        assertAnswers("10.0.1", "spt.example.test", "10.1.2.4");
    }

    @Test
    @Order(6)
    void stopStopsBoth() {
        tender("stop", "resolver");
        assertStopped("resolver", "tap-resolver");
        assertThat(inside(30, "test", "-e", "/run/tender/resolver").status()).as("the stats socket's directory")
                .isNotZero();
        TestHost.Result stats = inside(120, LAUNCHER, "stats", "resolver");
        assertThat(stats.status()).isEqualTo(1);
        assertThat(stats.stderr()).isEqualTo("tender stats: resolver is not running (inactive (dead))\n");
        assertThat(journal("resolver")).contains("tender hvt: Exiting on signal 15");
        tender("stop", "resolver-spt");
        assertStopped("resolver-spt", "tap-rspt");
        assertThat(tender("ps")).containsPattern("(?m)^resolver\\s+inactive \\(dead\\)\\s+hvt\\s+-\\s+-\\s+");
    }

    /** The installed tender inside the container, as an operator runs it there. */
    private static String tender(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER));
        cmd.addAll(List.of(args));
        return insideOk(cmd.toArray(new String[0]));
    }

    private static void assertAnswers(String net, String host, String address) {
        assertThat(insideOk("dig", "@" + net + ".2", "+tries=3", "+time=4", host, "A"))
                .contains("status: NOERROR", address);
    }

    /**
     * Starts tender@NAME (the start returns on READY=1), asks the guest at NET.2 for {@code host} twice (the
     * second answer from its cache) and returns {@code systemctl show} of the running unit.
     */
    private static String serve(String name, String net, String host, String address) {
        startUpstream();
        String unit = "tender@" + name + ".service";
        insideOk("systemctl", "start", unit);
        String show = insideOk("systemctl", "show", "-p",
                "ActiveState,SubState,StatusText,MemoryMax,DevicePolicy,DeviceAllow", unit);
        assertThat(show).contains("ActiveState=active", "SubState=running", "DevicePolicy=closed",
                "StatusText=Running /var/lib/tender/" + imageOf(name));

        String first = insideOk("dig", "@" + net + ".2", "+tries=3", "+time=4", host, "A");
        assertThat(first).contains("status: NOERROR")
                .containsPattern(host.replace(".", "\\.") + "\\.\\s+300\\s+IN\\s+A\\s+" + address.replace(".", "\\."));
        String again = insideOk("dig", "@" + net + ".2", "+tries=3", "+time=4", host, "A");
        assertThat(again).contains("status: NOERROR", address);
        String upstreamLog = insideOk("cat", "/run/dnsmasq.log");
        assertThat(upstreamLog.lines().filter(l -> l.contains("query[A] " + host + " from " + net + ".2")).count())
                .as("the second answer came from the cache").isEqualTo(1);
        assertThat(journal(name)).contains("resolver: ready, serving DNS on " + net + ".2:53", host + ". A: cached");
        return show;
    }

    private static String imageOf(String name) {
        return name.equals("resolver") ? "resolver.hvt" : "resolver.spt";
    }

    private static String journal(String name) {
        return insideOk("journalctl", "--no-pager", "-u", "tender@" + name + ".service");
    }

    private static void assertStopped(String name, String tap) {
        assertThat(insideOk("systemctl", "show", "-p", "ActiveState,Result", "tender@" + name + ".service"))
                .contains("ActiveState=inactive", "Result=success");
        assertThat(inside(30, "ip", "link", "show", tap).status()).as("TAP removed after the stop").isNotZero();
    }
}
