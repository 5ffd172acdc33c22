package dev.tender.block;

import dev.tender.core.stats.Counter;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.ManifestEntry;
import java.util.List;

/** One BLOCK device's counters: the guest's completed reads and writes and their bytes. */
final class BlockCounters {
    final Counter reads;
    final Counter readBytes;
    final Counter writes;
    final Counter writtenBytes;

    private BlockCounters(StatsRegistry r, String device) {
        reads = r.counter(r.family("block_reads", Type.COUNTER, "BLOCK_READ requests served"), "device", device);
        readBytes = r.counter(r.family("block_read_bytes", Type.COUNTER, "Bytes the guest read from the device"),
                "device", device);
        writes = r.counter(r.family("block_writes", Type.COUNTER, "BLOCK_WRITE requests served"), "device", device);
        writtenBytes = r.counter(r.family("block_written_bytes", Type.COUNTER, "Bytes the guest wrote to the device"),
                "device", device);
    }

    /** The counters of every BLOCK_BASIC entry, indexed by manifest index; null for the other entries. */
    static BlockCounters[] register(StatsRegistry r, List<ManifestEntry> entries) {
        BlockCounters[] all = new BlockCounters[entries.size()];
        for (ManifestEntry e : entries) {
            if (e.type() == DeviceType.BLOCK_BASIC) {
                all[e.index()] = new BlockCounters(r, e.name());
            }
        }
        return all;
    }

    void done(boolean write, long n) {
        (write ? writes : reads).increment();
        (write ? writtenBytes : readBytes).add(n);
    }
}
