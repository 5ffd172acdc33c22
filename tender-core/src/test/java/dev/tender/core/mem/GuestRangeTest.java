package dev.tender.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.sys.LibC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A guest range: Solo5's check once at request time, then reads and writes confined to the range. */
class GuestRangeTest {
    private static final long SIZE = 4L << 20;
    private GuestMemory mem;
    private GuestRange range;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(SIZE);
        range = mem.newRange();
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    @Test
    void offsetsAreRelativeToTheRequestedAddress() throws Exception {
        range.request(0x200000, 16);
        range.putLong(0, 0x1122334455667788L);
        range.putInt(8, 0x01020304);
        assertThat(mem.getLong(0x200000)).isEqualTo(0x1122334455667788L);
        assertThat(mem.getInt(0x200008)).isEqualTo(0x01020304);
        assertThat(range.getLong(0)).isEqualTo(0x1122334455667788L);
        assertThat(range.getInt(12)).isZero();
        assertThat(range.gpa()).isEqualTo(0x200000);
        assertThat(range.size()).isEqualTo(16);
    }

    @Test
    void theLastValidRangesEndOneByteBelowTheTop() throws Exception {
        range.request(SIZE - 2, 1);
        range.request(SIZE - 1, 0);
        range.request(SIZE - 9, 8).putLong(0, -1L);
        assertThat(mem.getLong(SIZE - 9)).isEqualTo(-1L);
        assertThat(mem.getByte(SIZE - 1)).as("the final byte is out of every guest range").isZero();
        assertThatThrownBy(() -> range.request(SIZE - 1, 1)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3fffff, sz=1");
        assertThatThrownBy(() -> range.request(SIZE - 8, 8)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3ffff8, sz=8");
        assertThatThrownBy(() -> range.request(SIZE, 0)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x400000, sz=0");
    }

    @Test
    void wrappingAndHugeRangesAreRefusedWithTheUnsignedSize() {
        assertThatThrownBy(() -> range.request(0x100000, -0x100L)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x100000, sz=18446744073709551360");
        assertThatThrownBy(() -> range.request(-16L, 32)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0xfffffffffffffff0, sz=32");
        assertThatThrownBy(() -> range.request(0, Long.MAX_VALUE)).isInstanceOf(GuestAccessException.class);
        assertThatThrownBy(() -> range.request(0, -1L)).isInstanceOf(GuestAccessException.class);
    }

    @Test
    void accessesOutsideTheRangeFailInsteadOfReachingNeighbours() throws Exception {
        range.request(0x1000, 12);
        assertThat(range.getInt(8)).isZero();
        assertThatThrownBy(() -> range.getLong(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.putInt(12, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.getInt(-4L)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.getInt(Long.MIN_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(mem.getInt(0x100c)).isZero();
    }

    @Test
    void anEmptyRangeHasAnAddressButNoBytes() throws Exception {
        range.request(0x1000, 0);
        assertThat(range.hostAddress()).isEqualTo(mem.hostBase() + 0x1000);
        assertThatThrownBy(() -> range.getInt(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aRefusedRequestLeavesTheViewEmptyNotBoundToTheOldRange() throws Exception {
        range.request(0x1000, 16);
        assertThatThrownBy(() -> range.request(SIZE, 16)).isInstanceOf(GuestAccessException.class);
        assertThat(range.size()).isZero();
        assertThatThrownBy(() -> range.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aNewViewIsEmptyUntilRequested() {
        assertThat(range.size()).isZero();
        assertThatThrownBy(() -> range.getInt(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writesIntoHostReadOnlyMemoryNameTheBytesWritten() throws Exception {
        mem.protect(0x101000, 0x1000, LibC.PROT_READ);
        range.request(0x100ff0, 32);
        range.putLong(8, 5);
        assertThatThrownBy(() -> range.putLong(12, 1)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x100ffc, sz=8");
        assertThatThrownBy(() -> range.putInt(16, 1)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x101000, sz=4");
        assertThatThrownBy(range::hostAddressForWrite).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x100ff0, sz=32");
        assertThat(range.getInt(16)).as("reading is fine").isZero();
        assertThat(mem.newRange().request(0x100000, 0xff0).hostAddressForWrite()).isEqualTo(mem.hostBase() + 0x100000);
    }

    /**
     * A zero-length read into read-only memory touches nothing: Solo5's tender makes the read(2) of 0 bytes and
     * answers OK (found by test_fuzz: a 0-byte BLOCK_READ into the guest's text ended the guest).
     */
    @Test
    void anEmptyRangeInsideReadOnlyMemoryCanBeFilled() throws Exception {
        mem.protect(0x101000, 0x2000, LibC.PROT_READ);
        for (long gpa : new long[] {0x101000, 0x101001, 0x102fff, 0x103000}) {
            assertThat(mem.newRange().request(gpa, 0).hostAddressForWrite()).isEqualTo(mem.hostBase() + gpa);
        }
        assertThatThrownBy(() -> mem.newRange().request(0x101800, 1).hostAddressForWrite())
                .isInstanceOf(GuestWriteFault.class).hasMessage("Invalid guest access: gpa=0x101800, sz=1");
        assertThatThrownBy(() -> mem.newRange().request(0x100fff, 2).hostAddressForWrite())
                .isInstanceOf(GuestWriteFault.class).hasMessage("Invalid guest access: gpa=0x100fff, sz=2");
        assertThat(mem.newRange().request(0x100fff, 1).hostAddressForWrite()).isEqualTo(mem.hostBase() + 0x100fff);
    }

    @Test
    void theReservedTopIsOutsideEveryGuestRange() throws Exception {
        ReservedRegion top = mem.reserveTop(1L << 20);
        assertThat(top.gpa()).isEqualTo(3L << 20);
        assertThatThrownBy(() -> range.request(top.gpa(), 4)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x300000, sz=4");
        assertThatThrownBy(() -> range.request(top.gpa() - 4, 4)).isInstanceOf(GuestAccessException.class);
        range.request(top.gpa() - 5, 4);
    }

    @Test
    void aViewOfUnmappedMemoryFailsInsteadOfTouchingIt() throws Exception {
        range.request(0x1000, 16);
        mem.close();
        assertThatThrownBy(() -> range.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.putInt(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(range::hostAddress).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
