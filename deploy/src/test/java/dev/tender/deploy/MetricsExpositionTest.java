package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {
    private static final MetricFamily RX = new MetricFamily("net_rx_packets", Type.COUNTER, "Frames the guest read");
    private static final MetricFamily MEM = new MetricFamily("guest_memory_bytes", Type.GAUGE, "Guest memory size");

    @Test
    void everyInstanceIsOneLabelOfTheSameFamiliesAndAStoppedOneIsDown() {
        StatsSnapshot dns = new StatsSnapshot("hvt", List.of(new Sample(RX, List.of("device", "service"), 12),
                new Sample(MEM, List.of(), 64L << 20)));
        StatsSnapshot www = new StatsSnapshot("spt", List.of(new Sample(RX, List.of("device", "service"), -1L)));
        String text = MetricsExposition.text(MetricsExposition.snapshots(List.of(
                new MetricsExposition.Figures("dns", "hvt", dns, null),
                new MetricsExposition.Figures("old", "spt", null, "old is not running (inactive (dead))"),
                new MetricsExposition.Figures("www", "spt", www, null))));
        assertThat(text).isEqualTo("""
                # HELP tender_guest_memory_bytes Guest memory size
                # TYPE tender_guest_memory_bytes gauge
                tender_guest_memory_bytes{unikernel="dns"} 6.7108864E7
                # HELP tender_net_rx_packets_total Frames the guest read
                # TYPE tender_net_rx_packets_total counter
                tender_net_rx_packets_total{device="service",unikernel="dns"} 12.0
                tender_net_rx_packets_total{device="service",unikernel="www"} 1.8446744073709552E19
                # HELP tender_up 1 when the instance runs and its figures were read, else 0
                # TYPE tender_up gauge
                tender_up{kind="hvt",unikernel="dns"} 1.0
                tender_up{kind="spt",unikernel="old"} 0.0
                tender_up{kind="spt",unikernel="www"} 1.0
                """);
    }
}
