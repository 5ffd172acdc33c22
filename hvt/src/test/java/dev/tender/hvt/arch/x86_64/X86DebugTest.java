package dev.tender.hvt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.debug.HardwarePoints;
import dev.tender.hvt.debug.gdb.PointKind;
import dev.tender.hvt.debug.gdb.Stop;
import dev.tender.hvt.kvm.VmExit;
import org.junit.jupiter.api.Test;

class X86DebugTest {
    private final X86Debug debug = new X86Debug();

    @Test
    void dr7EnablesEachUsedSlotWithItsTypeAndLength() {
        HardwarePoints points = HardwarePoints.shared(4);
        assertThat(points.insert(new HardwarePoints.Point(PointKind.HARDWARE_BREAKPOINT, 0x100000, 1))).isTrue();
        assertThat(points.insert(new HardwarePoints.Point(PointKind.WRITE_WATCHPOINT, 0x200000, 4))).isTrue();
        assertThat(points.insert(new HardwarePoints.Point(PointKind.ACCESS_WATCHPOINT, 0x200008, 8))).isTrue();
        // slot 0: L0, RW 00, LEN 00; slot 1: L1, RW 01, LEN 11; slot 2: L2, RW 11, LEN 10
        long expected = 1L | 1L << 2 | 1L << 4 | 0b01L << 20 | 0b11L << 22 | 0b11L << 24 | 0b10L << 26;
        assertThat(X86Debug.dr7(points.breakpointSlots())).isEqualTo(expected);
    }

    @Test
    void breakpointsAndWatchpointsShareTheFourDebugRegisters() {
        HardwarePoints points = debug.hardwarePoints(null);
        for (int i = 0; i < 4; i++) {
            assertThat(points.insert(new HardwarePoints.Point(PointKind.WRITE_WATCHPOINT, 8L * i, 8))).isTrue();
        }
        assertThat(points.insert(new HardwarePoints.Point(PointKind.HARDWARE_BREAKPOINT, 0x1000, 1))).isFalse();
    }

    @Test
    void onlyWhatTheDebugRegistersCanWatchIsSupported() {
        assertThat(debug.supports(PointKind.WRITE_WATCHPOINT, 0x1004, 4)).isTrue();
        assertThat(debug.supports(PointKind.WRITE_WATCHPOINT, 0x1002, 4)).isFalse();
        assertThat(debug.supports(PointKind.WRITE_WATCHPOINT, 0x1000, 3)).isFalse();
        assertThat(debug.supports(PointKind.READ_WATCHPOINT, 0x1000, 4)).isFalse();
        assertThat(debug.supports(PointKind.HARDWARE_BREAKPOINT, 0x1001, 1)).isTrue();
    }

    @Test
    void dr6SaysWhichPointFiredAndSingleStepIsATrap() {
        HardwarePoints points = HardwarePoints.shared(4);
        points.insert(new HardwarePoints.Point(PointKind.HARDWARE_BREAKPOINT, 0x100000, 1));
        points.insert(new HardwarePoints.Point(PointKind.WRITE_WATCHPOINT, 0x200000, 4));
        assertThat(debug.decodeDebugExit(new VmExit.Debug(1, 0x100010, 0x2), points))
                .isEqualTo(new Stop.Watchpoint(PointKind.WRITE_WATCHPOINT, 0x200000));
        assertThat(debug.decodeDebugExit(new VmExit.Debug(1, 0x100000, 0x1), points))
                .isEqualTo(new Stop.HardwareBreakpoint());
        assertThat(debug.decodeDebugExit(new VmExit.Debug(1, 0x100004, 0x4000), points)).isEqualTo(new Stop.Trap());
        assertThat(debug.decodeDebugExit(new VmExit.Debug(3, 0x100004, 0), points))
                .isEqualTo(new Stop.SoftwareBreakpoint());
    }
}
