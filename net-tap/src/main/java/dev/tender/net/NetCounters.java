package dev.tender.net;

import dev.tender.core.stats.Counter;
import dev.tender.core.stats.Families;
import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.ManifestEntry;
import java.util.List;
import java.util.Map;

/**
 * One NET device's counters, from the guest's side: rx is what it read (NET_READ, ring READ), tx what it wrote.
 * Frames the kernel dropped before the guest read them are the TAP's own count (tender stats reads those).
 */
final class NetCounters {
    final Counter rxPackets;
    final Counter rxBytes;
    final Counter txPackets;
    final Counter txBytes;

    private NetCounters(StatsRegistry r, String device, String iface) {
        String[] l = {"device", device, "interface", iface};
        rxPackets = r.counter(Families.NET_RX_PACKETS, l);
        rxBytes = r.counter(Families.NET_RX_BYTES, l);
        txPackets = r.counter(Families.NET_TX_PACKETS, l);
        txBytes = r.counter(Families.NET_TX_BYTES, l);
    }

    /**
     * The counters of every NET_BASIC entry (all are attached once the guest runs), indexed by manifest index (the
     * guest's handle); null for the other entries. {@code interfaces} maps device names to what --net: named.
     */
    static NetCounters[] register(StatsRegistry r, List<ManifestEntry> entries, Map<String, String> interfaces) {
        NetCounters[] all = new NetCounters[entries.size()];
        for (ManifestEntry e : entries) {
            if (e.type() == DeviceType.NET_BASIC) {
                all[e.index()] = new NetCounters(r, e.name(), interfaces.getOrDefault(e.name(), "?"));
            }
        }
        return all;
    }

    /** A frame of {@code n} bytes the guest read. */
    void received(long n) {
        rxPackets.increment();
        rxBytes.add(n);
    }

    /** A frame of {@code n} bytes the guest wrote. */
    void sent(long n) {
        txPackets.increment();
        txBytes.add(n);
    }

    static MetricFamily kicks(StatsRegistry r) {
        return r.family("net_ring_wakeups", Type.COUNTER, "Times the ring I/O thread was woken by the guest's doorbell");
    }
}
