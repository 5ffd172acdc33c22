package dev.tender.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.stats.MetricFamily.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsJsonTest {
    private final StatsRegistry registry = new StatsRegistry();

    @Test
    void aSnapshotGoesOutGroupedByFamilyAndComesBackTheSame() throws IOException {
        MetricFamily rx = registry.family("net_rx_packets", Type.COUNTER, "Frames the guest read");
        Counter a = registry.counter(rx, "device", "service", "interface", "tap0");
        registry.gauge(registry.family("guest_memory_bytes", Type.GAUGE, "Guest memory"), () -> 512L << 20);
        Counter b = registry.counter(rx, "device", "admin", "interface", "tap1");
        a.add(3);
        b.increment();
        b.add(-2L);                                     // 1 - 2 wraps to 2^64 - 1, read as unsigned
        String json = new String(StatsJson.encode("hvt", 77, registry.snapshot()), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"format\":1,\"tender\":\"hvt\",\"pid\":77,\"families\":["
                + "{\"name\":\"net_rx_packets\",\"type\":\"counter\",\"help\":\"Frames the guest read\",\"samples\":["
                + "{\"labels\":{\"device\":\"service\",\"interface\":\"tap0\"},\"value\":3},"
                + "{\"labels\":{\"device\":\"admin\",\"interface\":\"tap1\"},\"value\":18446744073709551615}]},"
                + "{\"name\":\"guest_memory_bytes\",\"type\":\"gauge\",\"help\":\"Guest memory\",\"samples\":["
                + "{\"labels\":{},\"value\":536870912}]}]}");
        StatsJson.Answer back = StatsJson.decode(json);
        assertThat(back.tender()).isEqualTo("hvt");
        assertThat(back.pid()).isEqualTo(77);
        List<Sample> now = registry.snapshot();
        assertThat(back.samples()).as("grouped by family").containsExactly(now.get(0), now.get(2), now.get(1));
    }

    @Test
    void anythingButFormatOneIsRefusedWithAReason() {
        assertThatThrownBy(() -> StatsJson.decode("{\"format\":2,\"tender\":\"hvt\",\"families\":[]}"))
                .hasMessage("format 2, expected 1");
        assertThatThrownBy(() -> StatsJson.decode("[1]")).hasMessageStartingWith("expected START_OBJECT");
        assertThatThrownBy(() -> StatsJson.decode("{\"format\":1,\"tender\":\"hvt\",\"families\":[{\"name\":\"Bad-Name\","
                + "\"type\":\"counter\",\"help\":\"h\",\"samples\":[]}]}")).hasMessageContaining("Bad-Name");
        assertThatThrownBy(() -> StatsJson.decode("{\"format\":1,\"tender\":\"hvt\",\"families\":[{\"name\":\"x\","
                + "\"type\":\"counter\",\"help\":\"h\",\"samples\":[{\"labels\":{},\"value\":1.5}]}]}"))
                .hasMessage("a sample without an integer value");
        assertThatThrownBy(() -> StatsJson.decode("{\"format\":1,\"tender\":\"hvt\",\"families\":[{\"name\":\"x\","
                + "\"type\":\"counter\",\"help\":\"h\",\"samples\":[{\"labels\":{},\"value\":18446744073709551616}]}]}"))
                .hasMessageStartingWith("a value out of range");
        assertThatThrownBy(() -> StatsJson.decode("{\"format\":1,\"tender\":\"hvt\",\"fami"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void familiesAreNamedTheWayTheExporterCanPrefixThem() {
        assertThatThrownBy(() -> new MetricFamily("net_rx_total", Type.COUNTER, "h")).hasMessageContaining("net_rx");
        assertThatThrownBy(() -> new MetricFamily("Net", Type.COUNTER, "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricFamily("net", Type.COUNTER, "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class);
        registry.family("x", Type.COUNTER, "h");
        assertThatThrownBy(() -> registry.family("x", Type.GAUGE, "h")).hasMessage("x is a counter, not a gauge");
        assertThat(new Sample(new MetricFamily("x", Type.GAUGE, "h"), List.of("a", "b"), 1).labels()).hasSize(2);
        assertThatThrownBy(() -> new Sample(new MetricFamily("x", Type.GAUGE, "h"), List.of("a"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
