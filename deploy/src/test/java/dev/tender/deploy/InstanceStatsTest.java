package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tender.core.stats.Counter;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.core.stats.StatsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures of an hvt instance (its stats socket, for real) and an spt one (/proc and sysfs, as files). */
class InstanceStatsTest {
    @TempDir
    Path root;
    private HostFigures host;

    private static final String STAT = "42 (java thread) S 1 42 42 0 -1 4194560 900 0 0 0 250 125 0 0 20 0 19 0 100 "
            + "1000 2000 18446744073709551615";

    @BeforeEach
    void fakeProcAndSys() throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/42"));
        Files.writeString(proc.resolve("stat"), STAT + "\n");
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmHWM:\t  90000 kB\nVmRSS:\t   81234 kB\nThreads:\t19\n");
        Files.writeString(proc.resolve("io"), "rchar: 5000\nwchar: 6000\nsyscr: 50\nsyscw: 60\nread_bytes: 0\n");
        Path tap = Files.createDirectories(root.resolve("sys/tap0/statistics"));
        for (String[] f : new String[][] {{"rx_packets", "11"}, {"rx_bytes", "1100"}, {"tx_packets", "22"},
                {"tx_bytes", "2200"}, {"rx_dropped", "1"}, {"tx_dropped", "3"}}) {
            Files.writeString(tap.resolve(f[0]), f[1] + "\n");
        }
        host = new HostFigures(root.resolve("proc"), root.resolve("sys"));
    }

    private static UnitState running() {
        return new UnitState("tender@dns.service", "active", "running", 42, 0, 1, OptionalLong.empty());
    }

    private static InstanceConfig config(String kind) {
        return InstanceConfig.parse("dns", "TENDER_KIND=\"" + kind + "\"\nTENDER_IMAGE=\"/srv/dns." + kind + "\"\n"
                + "TENDER_MEM=\"64\"\nTENDER_DEVICES=\"--net:service=tap0 --block:storage=/srv/disk\"\n");
    }

    @Test
    void anSptInstanceIsSeenFromOutside() {
        StatsSnapshot s = new InstanceStats(new Installer(root), host).collect(config("spt"), running());
        assertThat(s.kind()).isEqualTo("spt");
        assertThat(s.value("guest_memory_bytes")).isEqualTo(64L << 20);
        assertThat(s.value("cpu_microseconds")).as("375 ticks of 10 ms").isEqualTo(3_750_000);
        assertThat(s.value("resident_memory_bytes")).isEqualTo(81234L * 1024);
        assertThat(s.value("process_read_calls")).isEqualTo(50);
        assertThat(s.value("process_written_bytes")).isEqualTo(6000);
        String[] tap = {"device", "service", "interface", "tap0"};
        assertThat(s.value("net_rx_packets", tap)).as("the TAP's tx").isEqualTo(22);
        assertThat(s.value("net_tx_bytes", tap)).as("the TAP's rx").isEqualTo(1100);
        assertThat(s.value("net_rx_dropped", tap)).isEqualTo(3);
        assertThat(s.value("net_tx_dropped", tap)).isEqualTo(1);
    }

    @Test
    void anHvtInstanceAnswersOnItsSocketAndTheHostAddsWhatTheTenderCannotSee() throws Exception {
        StatsRegistry r = new StatsRegistry();
        String[] tap = {"device", "service", "interface", "tap0"};
        Counter rx = r.counter(r.family("net_rx_packets", Type.COUNTER, "Frames the guest read"), tap);
        rx.add(7);
        r.gauge(r.family("cpu_microseconds", Type.COUNTER, "CPU time"), () -> 123L);
        Path socket = Files.createDirectories(root.resolve("run/tender/dns")).resolve("stats.sock");
        StatsServer.open(socket, r, "hvt").start();
        StatsSnapshot s = new InstanceStats(new Installer(root), host).collect(config("hvt"), running());
        assertThat(s.kind()).isEqualTo("hvt");
        assertThat(s.value("net_rx_packets", tap)).as("the tender's count, not the TAP's").isEqualTo(7);
        assertThat(s.value("cpu_microseconds")).as("the tender's own figure wins").isEqualTo(123);
        assertThat(s.value("resident_memory_bytes")).isEqualTo(81234L * 1024);
        assertThat(s.value("net_rx_dropped", tap)).isEqualTo(3);
        assertThat(s.value("process_read_calls")).as("the tender's reads are not the guest's").isEqualTo(-1);
        assertThat(s.samples().stream().map(x -> x.family().name()).toList()).containsExactly("net_rx_packets",
                "cpu_microseconds", "resident_memory_bytes", "net_rx_dropped", "net_tx_dropped");
    }

    @Test
    void aStoppedInstanceOrAMissingSocketIsSaidInOneLine() {
        InstanceStats stats = new InstanceStats(new Installer(root), host);
        UnitState dead = new UnitState("tender@dns.service", "inactive", "dead", 0, 0, 0, OptionalLong.empty());
        assertThatThrownBy(() -> stats.collect(config("hvt"), dead)).hasMessage("dns is not running (inactive (dead))");
        assertThatThrownBy(() -> stats.collect(config("hvt"), running()))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith(root.resolve("run/tender/dns/stats.sock") + ": ")
                .hasMessageEndingWith("(is the instance running under tender hvt?)");
        assertThat(HostFigures.fields("VmRSS:\t12 kB\nbad\nx: y\n")).containsExactly(entry("VmRSS", 12L));
    }
}
