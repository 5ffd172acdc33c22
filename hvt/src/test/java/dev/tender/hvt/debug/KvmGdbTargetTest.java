package dev.tender.hvt.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.mem.GuestMemory;
import dev.tender.hvt.arch.aarch64.Arm64HvtArch;
import dev.tender.hvt.debug.gdb.PointKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Software breakpoints in guest memory: written, hidden from gdb's reads, kept across gdb's writes, removed. */
class KvmGdbTargetTest {
    private static final long SIZE = 1 << 20;
    private GuestMemory mem;
    private KvmGdbTarget target;

    @BeforeEach
    void setUp() throws Exception {
        mem = GuestMemory.allocate(SIZE);
        mem.write(0x1000, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        target = new KvmGdbTarget(new Arm64HvtArch().debug(), null, mem, HardwarePoints.separate(2, 2));
    }

    @AfterEach
    void tearDown() {
        mem.close();
    }

    @Test
    void aBreakpointIsInTheCodeButNotInWhatGdbReads() {
        assertThat(target.insertPoint(PointKind.SOFTWARE_BREAKPOINT, 0x1004, 4)).isTrue();
        assertThat(mem.read(0x1004, 4)).containsExactly(0x00, 0x00, 0x20, 0xD4);
        assertThat(target.readMemory(0x1002, 6)).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(target.isSoftwareBreakpoint(0x1004)).isTrue();

        assertThat(target.removePoint(PointKind.SOFTWARE_BREAKPOINT, 0x1004, 4)).isTrue();
        assertThat(mem.read(0x1000, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(target.removePoint(PointKind.SOFTWARE_BREAKPOINT, 0x1004, 4)).isFalse();
    }

    @Test
    void gdbWritingOverABreakpointChangesWhatItRestores() {
        target.insertPoint(PointKind.SOFTWARE_BREAKPOINT, 0x1004, 4);
        target.writeMemory(0x1003, new byte[] {9, 9, 9});
        assertThat(mem.read(0x1004, 4)).containsExactly(0x00, 0x00, 0x20, 0xD4);
        assertThat(target.readMemory(0x1000, 8)).containsExactly(1, 2, 3, 9, 9, 9, 7, 8);
        target.removeAllPoints();
        assertThat(mem.read(0x1000, 8)).containsExactly(1, 2, 3, 9, 9, 9, 7, 8);
        assertThat(target.hasSoftwareBreakpoints()).isFalse();
    }

    @Test
    void aBreakpointMustFitInGuestMemory() {
        assertThat(target.insertPoint(PointKind.SOFTWARE_BREAKPOINT, SIZE - 4, 4)).isTrue();
        assertThat(target.insertPoint(PointKind.SOFTWARE_BREAKPOINT, SIZE - 2, 4)).isFalse();
        assertThat(target.insertPoint(PointKind.SOFTWARE_BREAKPOINT, -2L, 4)).isFalse();
    }

    @Test
    void hardwarePointsAreRefusedWhenTheArchitectureCannotOrTheSlotsAreFull() {
        assertThat(target.insertPoint(PointKind.WRITE_WATCHPOINT, 0x2000, 4)).isTrue();
        assertThat(target.insertPoint(PointKind.WRITE_WATCHPOINT, 0x2008, 4)).isTrue();
        assertThat(target.insertPoint(PointKind.WRITE_WATCHPOINT, 0x2010, 4)).as("two slots").isFalse();
        assertThat(target.insertPoint(PointKind.HARDWARE_BREAKPOINT, 0x1002, 4)).as("unaligned").isFalse();
        assertThat(target.removePoint(PointKind.WRITE_WATCHPOINT, 0x2000, 4)).isTrue();
        assertThat(target.insertPoint(PointKind.WRITE_WATCHPOINT, 0x2010, 4)).isTrue();
    }
}
