package dev.tender.spt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.image.SegmentPlan;
import dev.tender.manifest.elf.ElfImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {
    @Test
    void bootInfoLayout() throws Exception {
        byte[] mft = new byte[8 + 104];
        byte[] bi = BootInfo.encode(8 << 20, 0x109000, mft, BootInfo.commandLine(List.of("a", "b")), 6, 7);
        ByteBuffer b = ByteBuffer.wrap(bi).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bi).hasSize(40 + 112 + 4);
        assertThat(b.getLong(0)).isEqualTo(8 << 20);
        assertThat(b.getLong(8)).isEqualTo(0x109000);
        assertThat(b.getLong(16)).isEqualTo(0x11028 + 112);
        assertThat(b.getLong(24)).isEqualTo(0x11028);
        assertThat(b.getInt(32)).isEqualTo(6);
        assertThat(b.getInt(36)).isEqualTo(7);
        assertThat(new String(bi, 152, 3)).isEqualTo("a b");
        assertThat(bi[155]).isZero();
    }

    @Test
    void headerAndTrailer() {
        byte[] plan = LaunchPlan.encode("solo5-spt", "img", 9, true, 6, 7, 2 << 20,
                emptyPlan(), List.of(4, 5), List.of(new LaunchPlan.Watch(5, 1)), new byte[41], new byte[16]);
        ByteBuffer b = ByteBuffer.wrap(plan).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(LaunchPlan.MAGIC);
        assertThat(b.getInt(4)).isEqualTo(LaunchPlan.VERSION);
        assertThat(b.getInt(8)).isEqualTo(9);
        assertThat(new String(plan, 12, 9)).isEqualTo("solo5-spt");
        assertThat(b.getInt(21)).isEqualTo(3);
        assertThat(new String(plan, 25, 3)).isEqualTo("img");
        assertThat(b.getInt(28)).as("the image's fd, right after its path").isEqualTo(9);
        assertThat(b.getInt(plan.length - 4)).isEqualTo(LaunchPlan.END);
        // magic, version, 2 strings, image fd, 3 u32, 2 u64, 0 segments, 2 keeps, 1 watch, boot info, 2 insns, end
        assertThat(plan).hasSize(8 + 13 + 7 + 4 + 12 + 16 + 4 + 4 + 8 + 4 + 12 + 4 + 41 + 4 + 16 + 4);
    }

    /** A plan with no segments, from a minimal image file. */
    private static SegmentPlan emptyPlan() {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("spt-plan", ".elf");
            ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
            b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1).putLong(24, 0x100000).putLong(32, 64);
            b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1).putInt(64, 6);
            java.nio.file.Files.write(f, b.array());
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
                return SegmentPlan.of(ElfImage.read(ch, "img", ElfImage.EM_X86_64), 2 << 20, ch.size());
            } finally {
                java.nio.file.Files.delete(f);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
