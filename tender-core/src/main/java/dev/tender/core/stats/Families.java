package dev.tender.core.stats;

import dev.tender.core.stats.MetricFamily.Type;

/**
 * The families more than one side reports under the same name: an hvt tender counts them itself, {@code tender
 * stats} reads them from the host for an spt instance (its TAPs, /proc, its configuration). One definition, so
 * that both sides give the same type and help.
 */
public final class Families {
    public static final MetricFamily NET_RX_PACKETS = new MetricFamily("net_rx_packets", Type.COUNTER,
            "Frames the guest read from the device");
    public static final MetricFamily NET_RX_BYTES = new MetricFamily("net_rx_bytes", Type.COUNTER,
            "Bytes of the frames the guest read");
    public static final MetricFamily NET_TX_PACKETS = new MetricFamily("net_tx_packets", Type.COUNTER,
            "Frames the guest wrote to the device");
    public static final MetricFamily NET_TX_BYTES = new MetricFamily("net_tx_bytes", Type.COUNTER,
            "Bytes of the frames the guest wrote");
    public static final MetricFamily GUEST_MEMORY = new MetricFamily("guest_memory_bytes", Type.GAUGE,
            "Guest memory size");
    public static final MetricFamily CPU = new MetricFamily("cpu_microseconds", Type.COUNTER,
            "CPU time of the tender process, all threads");

    private Families() {
    }
}
