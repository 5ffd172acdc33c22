package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.debug.HardwarePoints;
import dev.tender.hvt.debug.gdb.PointKind;
import dev.tender.hvt.debug.gdb.Stop;
import dev.tender.hvt.kvm.VmExit;
import org.junit.jupiter.api.Test;

class Arm64DebugTest {
    private final Arm64Debug debug = new Arm64Debug();

    @Test
    void theBreakpointInstructionIsBrkZero() {
        assertThat(debug.breakpointInstruction()).containsExactly(0x00, 0x00, 0x20, 0xD4);
    }

    @Test
    void controlWordsSelectTheWatchedBytesOfTheirDoubleword() {
        HardwarePoints.Point bp = new HardwarePoints.Point(PointKind.HARDWARE_BREAKPOINT, 0x100040, 4);
        assertThat(Arm64Debug.control(bp)).isEqualTo(0x1E7L);
        assertThat(Arm64Debug.value(bp)).isEqualTo(0x100040L);
        // a 2-byte store watch at offset 4 of its doubleword: E, PAC 11, LSC 10, BAS 0b00110000
        HardwarePoints.Point wp = new HardwarePoints.Point(PointKind.WRITE_WATCHPOINT, 0x200014, 2);
        assertThat(Arm64Debug.control(wp)).isEqualTo(1L | 0b11L << 1 | 0b10L << 3 | 0b00110000L << 5);
        assertThat(Arm64Debug.value(wp)).isEqualTo(0x200010L);
        assertThat(Arm64Debug.control(new HardwarePoints.Point(PointKind.READ_WATCHPOINT, 0x200010, 8)))
                .isEqualTo(1L | 0b11L << 1 | 0b01L << 3 | 0xFFL << 5);
    }

    @Test
    void aWatchMustStayInsideOneDoubleword() {
        assertThat(debug.supports(PointKind.ACCESS_WATCHPOINT, 0x200014, 4)).isTrue();
        assertThat(debug.supports(PointKind.ACCESS_WATCHPOINT, 0x200016, 4)).isFalse();
        assertThat(debug.supports(PointKind.HARDWARE_BREAKPOINT, 0x100042, 4)).isFalse();
    }

    @Test
    void theSyndromeSaysWhatStoppedTheGuest() {
        HardwarePoints points = HardwarePoints.separate(2, 2);
        points.insert(new HardwarePoints.Point(PointKind.WRITE_WATCHPOINT, 0x200014, 4));
        assertThat(debug.decodeDebugExit(new VmExit.Debug(0x3CL << 26, 0, 0), points))
                .isEqualTo(new Stop.SoftwareBreakpoint());
        assertThat(debug.decodeDebugExit(new VmExit.Debug(0x30L << 26, 0, 0), points))
                .isEqualTo(new Stop.HardwareBreakpoint());
        assertThat(debug.decodeDebugExit(new VmExit.Debug(0x34L << 26, 0x200016, 0), points))
                .isEqualTo(new Stop.Watchpoint(PointKind.WRITE_WATCHPOINT, 0x200014));
        assertThat(debug.decodeDebugExit(new VmExit.Debug(0x32L << 26, 0, 0), points)).isEqualTo(new Stop.Trap());
    }
}
