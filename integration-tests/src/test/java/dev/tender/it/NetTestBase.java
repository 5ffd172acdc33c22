package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.HostProcess;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network tests both tenders pass (docs/upstream-tests.md §2.5), with real flood-ping traffic, each test in a network
 * namespace of its own: TAPs and addresses exist only there, and the namespace is deleted afterwards. Ping
 * counts are smaller than upstream's 100000 to keep the suite short; the images take the count on their
 * command line. Subclasses name the tender and add what is particular to it.
 */
abstract class NetTestBase {
    static final int PINGS = 3000;
    NetNs ns;

    /** "hvt" or "spt". */
    abstract String target();

    /** Where this tender's images run. */
    abstract TestHost host();

    /** The memory option the upstream test helper passes (hvt_run: 4096, spt_run: 2). */
    abstract String memory();

    /** The test image {@code test_X} for this tender. */
    abstract Path image(String test);

    /** How many times longer than on x86_64 everything may take on this host (emulated arm64: a slow JVM start). */
    int slowdown() {
        return 1;
    }

    /** {@code seconds} as this host needs it. */
    int seconds(int seconds) {
        return seconds * slowdown();
    }

    @BeforeEach
    void namespace() {
        ns = new NetNs(host().require("ping", "iputils-ping").require("ip", "iproute2"));
    }

    @AfterEach
    void cleanup() {
        ns.close();
    }

    /** The tender with upstream's memory option, inside the namespace. */
    Running start(String... args) {
        List<String> full = new ArrayList<>(List.of(target(), "--mem=" + memory()));
        full.addAll(List.of(args));
        return Tender.startIn(ns, full);
    }

    /** Without --mem: upstream's --mem= quirk would print every option warning twice. */
    Result plain(String... args) {
        List<String> full = new ArrayList<>(List.of(target()));
        full.addAll(List.of(args));
        return Tender.startIn(ns, full).await(seconds(30));
    }

    HostProcess flood(String address, int count, String... extra) {
        // At most 150 s: 10000 flood pings took 56 s in the emulated host on a loaded machine.
        List<String> cmd = new ArrayList<>(List.of("timeout", seconds(150) + "s", "ping", "-fq", "-c", Integer.toString(count)));
        cmd.addAll(List.of(extra));
        cmd.add(address);
        return ns.background(cmd.toArray(new String[0]));
    }

    String prefix() {
        return "tender " + target() + ": ";
    }

    @Test
    void net() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = start("--net:service0=tap100", "--", image("test_net").toString(), "limit", "" + PINGS);
        t.awaitOutput("Serving ping on 10.0.0.2", seconds(30));
        HostProcess ping = flood("10.0.0.2", PINGS);
        Result r = t.await(seconds(90));
        assertThat(ping.waitFor(Duration.ofSeconds(seconds(160)))).isTrue();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).containsPattern("\\[service0\\] Serving ping on 10\\.0\\.0\\.2, with MAC: [0-9a-f]{12}")
                .contains("Limit reached, exiting", "SUCCESS");
        String mac = r.stdout().replaceAll("(?s).*with MAC: ([0-9a-f]{12}).*", "$1");
        assertThat(Integer.parseInt(mac.substring(0, 2), 16) & 0x03).as("locally administered unicast").isEqualTo(2);
    }

    /**
     * A peer that starts the moment the TAP has carrier, without waiting for the guest: the tender attaches its
     * TAPs before it reads the image, and from then on every frame must queue in the TAP until the guest reads
     * it (none may be dropped). The neighbour entry is static, so the pings go to the TAP at once instead of
     * waiting in ARP resolution; 200 of them fit the TAP's queue (500 frames) however late the guest starts.
     */
    @Test
    void framesSentFromCarrierOnAreQueuedUntilTheGuestServes() throws Exception {
        int count = 200;
        ns.tap("tap100", "10.0.0.1/24", 1500);
        ns.exec("ip", "neigh", "replace", "10.0.0.2", "lladdr", "02:00:0a:00:00:2a", "dev", "tap100", "nud",
                "permanent");
        // Polls the carrier (bounded by timeout) and starts ping in the same shell, the moment it is there.
        HostProcess ping = ns.background("timeout", seconds(60) + "s", "sh", "-c",
                "until [ \"$(cat /sys/class/net/tap100/carrier)\" = 1 ]; do sleep 0.005; done; "
                        + "exec ping -c " + count + " -i 0.01 -W " + seconds(10) + " 10.0.0.2");
        Running t = start("--net-mac:service0=02:00:0a:00:00:2a", "--net:service0=tap100", "--",
                image("test_net").toString(), "limit", "" + count);
        Result r = t.await(seconds(60));
        assertThat(ping.waitFor(Duration.ofSeconds(seconds(70)))).isTrue();
        assertThat(ping.stdout()).as(ping.stdout() + ping.stderr())
                .contains(count + " packets transmitted, " + count + " received, 0% packet loss");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Limit reached, exiting", "SUCCESS");
    }

    /** Starts test_net with a fixed MAC, checks ARP resolves it and three pings come back. */
    Running withFixedMac() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = start("--net-mac:service0=02:00:0a:00:00:2a", "--net:service0=tap100", "--",
                image("test_net").toString());
        t.awaitOutput("with MAC: 02000a00002a", seconds(30));
        assertThat(ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "10.0.0.2")).contains("3 received");
        assertThat(ns.exec("ip", "neigh", "show", "10.0.0.2")).contains("02:00:0a:00:00:2a");
        return t;
    }

    @Test
    void net2if() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500).tap("tap101", "10.1.0.1/24", 1500);
        Running t = start("--net:service0=tap100", "--net:service1=tap101", "--", image("test_net_2if").toString(),
                "limit", "" + PINGS);
        t.awaitOutput("Serving ping on 10.1.0.2", seconds(30));
        HostProcess p0 = flood("10.0.0.2", PINGS / 2);
        HostProcess p1 = flood("10.1.0.2", PINGS / 2);
        Result r = t.await(seconds(90));
        assertThat(p0.waitFor(Duration.ofSeconds(seconds(160)))).isTrue();
        assertThat(p1.waitFor(Duration.ofSeconds(seconds(160)))).isTrue();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("[service0] Serving ping on 10.0.0.2", "[service1] Serving ping on 10.1.0.2",
                "SUCCESS");
    }

    @Test
    void netMtu() {
        ns.tap("tap102", null, 9000);
        Result r = start("--net:service0=tap102", "--", image("test_net_mtu").toString()).await(seconds(60));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("MTU is 9000", "SUCCESS");
    }

    @Test
    void netRingKeepsFramesIntact() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = start("--net:service0=tap100", "--", image("test_net_ring").toString());
        t.awaitOutput("10.0.0.2", seconds(30));
        HostProcess ping = flood("10.0.0.2", 10000, "-p", "deadbeef");
        Result r = t.await(seconds(180));
        assertThat(ping.waitFor(Duration.ofSeconds(seconds(160)))).isTrue();
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Verified 10000 packets, 0 corrupted", "SUCCESS").doesNotContain("CORRUPT");
    }

    @Test
    void attachErrors() {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        ns.exec("ip", "tuntap", "add", "tap103", "mode", "tap");
        String img = image("test_net").toString();
        Result missing = plain("--net:service0=tapxx", "--", img);
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).startsWith(prefix() + "Could not attach interface: tapxx: No such file or directory\n"
                + prefix() + "Invalid option: `--net:service0=tapxx'\nusage: tender " + target() + " ");
        assertThat(plain("--net:service0=tap103", "--", img).stderr())
                .startsWith(prefix() + "Could not attach interface: tap103: Network is down\n");
        assertThat(plain("--net:service0=averyveryverylongname", "--", img).stderr())
                .startsWith(prefix() + "Could not attach interface: averyveryverylongna: File name too long\n");
        assertThat(plain("--net:service9=tap100", "--", img).stderr())
                .startsWith(prefix() + "Resource not declared in manifest: 'service9'\n");
        assertThat(plain("--net-mac:service0=02:00", "--net:service0=tap100", "--", img).stderr())
                .startsWith(prefix() + "Invalid option: `--net-mac:service0=02:00'\n");
        Result twice = start("--net:service0=tapxx", "--", img).await(seconds(30));
        assertThat(twice.stderr()).as("the --mem= quirk").startsWith(
                prefix() + "Could not attach interface: tapxx: No such file or directory\n"
                        + prefix() + "Could not attach interface: tapxx: No such file or directory\n"
                        + prefix() + "Invalid option: `--net:service0=tapxx'\n");
        Result unattached = plain(img);
        assertThat(unattached.stderr()).isEqualTo(
                prefix() + "Device 'service0' of type NET_BASIC declared but not attached.\n"
                        + prefix() + "All declared devices must be attached. See --help for syntax.\n");
    }
}
