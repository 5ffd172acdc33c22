package dev.tender.hvt.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.sys.KvmApi.StatsDesc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** KVM_GET_STATS_FD's descriptors as the kernel lays them out (linux/kvm.h, struct kvm_stats_desc). */
class KvmStatsTest {
    private static final int NAME_SIZE = 48;

    private static void desc(ByteBuffer b, int flags, int size, int offset, String name) {
        int at = b.position();
        b.putInt(at + StatsDesc.FLAGS, flags);
        b.putShort(at + StatsDesc.SIZE, (short) size);
        b.putInt(at + StatsDesc.OFFSET, offset);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n.length; i++) {
            b.put(at + StatsDesc.NAME + i, n[i]);
        }
        b.position(at + StatsDesc.NAME + NAME_SIZE);
    }

    @Test
    void singleValuesAreKeptWithTheirFileOffsetsAndHistogramsLeftOut() {
        ByteBuffer b = ByteBuffer.allocate(5 * (StatsDesc.NAME + NAME_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        int seconds = 0x20;
        desc(b, StatsDesc.TYPE_CUMULATIVE, 1, 0, "exits");
        desc(b, StatsDesc.TYPE_INSTANT | seconds, 1, 8, "halt_wait_ns");
        desc(b, 4 /* log histogram */, 32, 16, "halt_wait_hist");
        desc(b, StatsDesc.TYPE_PEAK, 1, 272, "max_mmu_page_hash_collisions");
        desc(b, StatsDesc.TYPE_CUMULATIVE, 1, 280, "a".repeat(NAME_SIZE));
        assertThat(KvmStats.parse(b, 5, NAME_SIZE, 4096)).containsExactly(
                new KvmStats.Stat("exits", true, 4096),
                new KvmStats.Stat("halt_wait_ns", false, 4104),
                new KvmStats.Stat("max_mmu_page_hash_collisions", false, 4368),
                new KvmStats.Stat("a".repeat(NAME_SIZE), true, 4376));
    }
}
