package dev.tender.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tender's reserved top of guest memory (the ring): offsets inside the region, nowhere else. */
class ReservedRegionTest {
    private static final long SIZE = 4L << 20;
    private static final long TOP = 2L << 20;
    private GuestMemory mem;
    private ReservedRegion region;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(SIZE);
        region = mem.reserveTop(TOP);
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    @Test
    void theRegionIsTheTopOfTheFormerVisibleMemory() {
        assertThat(region.gpa()).isEqualTo(SIZE - TOP);
        assertThat(region.size()).isEqualTo(TOP);
        assertThat(mem.size()).isEqualTo(SIZE - TOP);
        assertThatThrownBy(() -> mem.reserveTop(SIZE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessorsUseOffsetsFromTheRegionStart() {
        region.putInt(64, 7);
        region.putIntOrdered(68, 8);
        region.putIntVolatile(72, 9);
        assertThat(mem.getInt(SIZE - TOP + 64)).isEqualTo(7);
        assertThat(region.getIntVolatile(68)).isEqualTo(8);
        assertThat(region.getInt(72)).isEqualTo(9);
        assertThat(region.getLong(64)).isEqualTo(0x0000000800000007L);
        region.fill(64, 12, (byte) 0);
        assertThat(region.getLong(64)).isZero();
        assertThat(region.getInt(72)).isZero();
    }

    @Test
    void offsetsOutsideTheRegionFail() {
        region.putInt(TOP - 4, 1);
        assertThatThrownBy(() -> region.putInt(TOP - 3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> region.getLong(TOP - 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> region.getInt(-4L)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> region.fill(1, TOP, (byte) 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unmappedMemoryIsNotTouched() {
        mem.close();
        assertThatThrownBy(() -> region.getIntVolatile(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
