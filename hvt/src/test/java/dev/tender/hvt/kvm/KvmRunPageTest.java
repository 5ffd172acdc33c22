package dev.tender.hvt.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.sys.NativeMemory;
import dev.tender.core.sys.RawMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmApi.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kvm_run as KVM leaves it after an exit, read back as a {@link VmExit}. */
class KvmRunPageTest {
    /** Like a real mapping: the kvm_run struct in page 0, KVM's port data page after it. */
    private static final int AREA = 2 * 4096;
    private static final int PIO_PAGE = 4096;

    private final NativeMemory page = new NativeMemory(AREA);

    @AfterEach
    void free() {
        page.close();
    }

    private VmExit read() {
        return KvmRunPage.readExit(new RawMemory(page.address()), AREA);
    }

    private void io(int direction, int size, int port, long dataOffset, int data) {
        page.putInt(Run.EXIT_REASON, KvmApi.EXIT_IO);
        page.putByte(Run.IO_DIRECTION, (byte) direction);
        page.putByte(Run.IO_SIZE, (byte) size);
        page.putShort(Run.IO_PORT, (short) port);
        page.putInt(Run.IO_COUNT, 1);
        page.putLong(Run.IO_DATA_OFFSET, dataOffset);
        if (dataOffset >= 0 && dataOffset <= AREA - 4) {
            page.putInt(dataOffset, data);
        }
    }

    @Test
    void portOutputCarriesPortSizeAndTheFourDataBytes() {
        io(KvmApi.EXIT_IO_OUT, 4, 0x502, PIO_PAGE, 0x0012_3450);
        assertThat(read()).isEqualTo(new VmExit.Io(0x502, 4, true, 0x0012_3450L));
    }

    @Test
    void theValueIsZeroExtendedNotSignExtended() {
        io(KvmApi.EXIT_IO_OUT, 4, 0x505, PIO_PAGE, 0xFFFF_F000);
        assertThat(read()).isEqualTo(new VmExit.Io(0x505, 4, true, 0xFFFF_F000L));
    }

    @Test
    void portsAboveThe16BitSignBitStayPositive() {
        io(0, 1, 0xFFF0, PIO_PAGE, 7);
        assertThat(read()).isEqualTo(new VmExit.Io(0xFFF0, 1, false, 7L));
    }

    @Test
    void aDataOffsetOutsideTheAreaReadsAsZero() {
        for (long offset : new long[] {AREA - 3, AREA, -8, Long.MAX_VALUE - 2, Long.MIN_VALUE}) {
            page.write(0, filled(AREA, (byte) 0xFF));
            io(KvmApi.EXIT_IO_OUT, 4, 0x501, offset, 0);
            assertThat(read()).as("offset %x", offset).isEqualTo(new VmExit.Io(0x501, 4, true, 0L));
        }
        io(KvmApi.EXIT_IO_OUT, 4, 0x501, AREA - 4, 0x1234);
        assertThat(read()).as("last 4 bytes").isEqualTo(new VmExit.Io(0x501, 4, true, 0x1234L));
    }

    private static byte[] filled(int len, byte value) {
        byte[] b = new byte[len];
        java.util.Arrays.fill(b, value);
        return b;
    }

    @Test
    void mmioFailEntryAndInternalError() {
        page.putInt(Run.EXIT_REASON, KvmApi.EXIT_MMIO);
        page.putLong(Run.MMIO_PHYS_ADDR, 0x1_0000_0000L);
        page.putLong(Run.MMIO_DATA, 0x1122_3344_5566_7788L);
        page.putInt(Run.MMIO_LEN, 8);
        page.putByte(Run.MMIO_IS_WRITE, (byte) 1);
        assertThat(read()).isEqualTo(new VmExit.Mmio(0x1_0000_0000L, 8, true, 0x1122_3344_5566_7788L));

        page.clear();
        page.putInt(Run.EXIT_REASON, KvmApi.EXIT_FAIL_ENTRY);
        page.putLong(Run.FAIL_ENTRY_REASON, 0x8000_0021L);
        assertThat(read()).isEqualTo(new VmExit.FailEntry(0x8000_0021L));

        page.clear();
        page.putInt(Run.EXIT_REASON, KvmApi.EXIT_INTERNAL_ERROR);
        page.putInt(Run.INTERNAL_SUBERROR, 1);
        assertThat(read()).isEqualTo(new VmExit.InternalError(1));
    }

    @Test
    void everyOtherReasonIsUnhandledWithItsNumber() {
        for (int reason : new int[] {KvmApi.EXIT_HLT, KvmApi.EXIT_SHUTDOWN, 0, 99}) {
            page.putInt(Run.EXIT_REASON, reason);
            assertThat(read()).isEqualTo(new VmExit.Unhandled(reason));
        }
    }

    @Test
    void aDebugExitCarriesTheArchitecturesThreeWords() {
        page.clear();
        page.putInt(Run.EXIT_REASON, KvmApi.EXIT_DEBUG);
        page.putLong(Run.DEBUG_ARCH, 3);
        page.putLong(Run.DEBUG_ARCH + 8, 0x100123L);
        page.putLong(Run.DEBUG_ARCH + 16, 0x4000L);
        assertThat(read()).isEqualTo(new VmExit.Debug(3, 0x100123L, 0x4000L));
    }
}
