package dev.tender.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    private static final long SIZE = 4L << 20;
    private GuestMemory mem;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(SIZE);
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    @Test
    void rangeEndingOneBeforeTheTopIsValidButEndingAtTheTopIsNot() {
        // Solo5: PUTS of 4 bytes at mem_size-5 is fine, at mem_size-4 it is fatal.
        assertThat(GuestMemory.isValidRange(SIZE - 5, 4, SIZE)).isTrue();
        assertThat(GuestMemory.isValidRange(SIZE - 4, 4, SIZE)).isFalse();
        assertThat(GuestMemory.isValidRange(SIZE - 1, 0, SIZE)).isTrue();
        assertThat(GuestMemory.isValidRange(SIZE, 0, SIZE)).isFalse();
    }

    @Test
    void overflowingAndHugeRangesAreRejectedUnsigned() {
        assertThat(GuestMemory.isValidRange(0x1000, -1L, SIZE)).isFalse();
        assertThat(GuestMemory.isValidRange(-1L, 1, SIZE)).isFalse();
        assertThat(GuestMemory.isValidRange(-16L, 32, SIZE)).isFalse();
        assertThat(GuestMemory.isValidRange(1, Long.MAX_VALUE, SIZE)).isFalse();
        assertThat(GuestMemory.isValidRange(0, SIZE - 1, SIZE)).isTrue();
        assertThat(GuestMemory.isValidRange(0, SIZE, SIZE)).isFalse();
    }

    @Test
    void guestRangesAreCheckedAgainstTheVisibleSizeAfterAReservation() throws Exception {
        mem.reserveTop(2L << 20);
        assertThat(mem.size()).isEqualTo(2L << 20);
        assertThat(mem.allocationSize()).isEqualTo(SIZE);
        mem.newRange().request((2L << 20) - 5, 4);
        assertThatThrownBy(() -> mem.newRange().request((2L << 20) - 4, 4))
                .isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x1ffffc, sz=4");
    }

    @Test
    void hostAddressIsBaseplusGpaOnlyForValidRanges() throws Exception {
        assertThat(mem.newRange().request(0x1234, 16).hostAddress()).isEqualTo(mem.hostBase() + 0x1234);
        assertThatThrownBy(() -> mem.newRange().request(SIZE - 8, 8)).isInstanceOf(GuestAccessException.class);
    }

    @Test
    void internalAccessorsStayInsideTheAllocation() {
        mem.putLong(SIZE - 8, 0x1122334455667788L);
        assertThat(mem.getLong(SIZE - 8)).isEqualTo(0x1122334455667788L);
        assertThat(mem.getInt(SIZE - 8)).isEqualTo(0x55667788);
        assertThatThrownBy(() -> mem.getLong(SIZE - 7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mem.putInt(-4L, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mem.read(SIZE - 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void memoryStartsZeroedAndRoundTripsBytes() {
        assertThat(mem.read(0x100000, 16)).containsOnly(0);
        mem.write(0x100000, new byte[] {1, 2, 3});
        assertThat(mem.read(0x100000, 4)).containsExactly(1, 2, 3, 0);
        mem.fill(0x100000, 2, (byte) 9);
        assertThat(mem.read(0x100000, 3)).containsExactly(9, 9, 3);
    }

    @Test
    void writesIntoHostReadOnlyRangesAreRefusedNotFaulted() throws Exception {
        mem.protect(0x101000, 0x1000, dev.tender.core.sys.LibC.PROT_READ);
        assertThat(mem.getInt(0x101000)).isZero();
        assertThatThrownBy(() -> mem.putInt(0x101ffc, 1)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x101ffc, sz=4");
        assertThatThrownBy(() -> mem.putLong(0x100ffc, 1)).as("straddles into the range")
                .isInstanceOf(GuestWriteFault.class);
        GuestRange range = mem.newRange().request(0x101800, 16);
        assertThatThrownBy(range::hostAddressForWrite).isInstanceOf(GuestWriteFault.class);
        mem.putInt(0x100ff8, 7);
        mem.putInt(0x102000, 7);
        assertThat(range.hostAddress()).as("reading is fine").isEqualTo(mem.hostBase() + 0x101800);
    }

    @Test
    void accessAfterCloseFailsInsteadOfTouchingUnmappedMemory() {
        mem.close();
        assertThatThrownBy(() -> mem.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
