package dev.tender.hvt.arch.aarch64;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.debug.DebugArch;
import dev.tender.hvt.debug.GuestDebugControl;
import dev.tender.hvt.debug.HardwarePoints;
import dev.tender.hvt.debug.core.CoreLayout;
import dev.tender.hvt.debug.gdb.PointKind;
import dev.tender.hvt.debug.gdb.Stop;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmArm64;
import dev.tender.hvt.sys.KvmArm64.Debug;

/**
 * Debugging on aarch64 (docs/debugging.md): gdb's aarch64 core register block, {@code brk #0} as the software
 * breakpoint, and the breakpoint (DBGBCR/DBGBVR) and watchpoint (DBGWCR/DBGWVR) register pairs KVM offers,
 * as many as its KVM_CAP_GUEST_DEBUG_HW_BPS/WPS say.
 */
final class Arm64Debug implements DebugArch {
    /** ESR_EL2.EC of the debug exceptions KVM passes on. */
    private static final int EC_BREAKPOINT_LOWER = 0x30;
    private static final int EC_BREAKPOINT_SAME = 0x31;
    private static final int EC_WATCHPOINT_LOWER = 0x34;
    private static final int EC_WATCHPOINT_SAME = 0x35;
    private static final int EC_BRK64 = 0x3C;
    /** DBGBCR: enabled, at EL1 and EL0 (PMC 0b11), all four bytes of the instruction (BAS 0b1111). */
    private static final long BCR = 1 | 0b11 << 1 | 0b1111 << 5;
    /** DBGWCR: enabled, at EL1 and EL0 (PAC 0b11); LSC (bits 3-4) and BAS (bits 5-12) per point. */
    private static final long WCR = 1 | 0b11 << 1;
    private static final long DOUBLEWORD = 8;

    @Override
    public byte[] readGdbRegisters(Vcpu vcpu) throws ErrnoException {
        return Arm64GdbRegisters.read(vcpu);
    }

    @Override
    public void writeGdbRegisters(Vcpu vcpu, byte[] block) throws ErrnoException {
        Arm64GdbRegisters.write(vcpu, block);
    }

    @Override
    public byte[] breakpointInstruction() {
        return new byte[] {0x00, 0x00, 0x20, (byte) 0xD4};
    }

    /** {@code brk} traps: KVM reports it as a debug exit, decoded by {@link #decodeDebugExit}. */
    @Override
    public boolean atSoftwareBreakpoint(VmExit exit, Vcpu vcpu, java.util.function.LongPredicate isBreakpoint) {
        return false;
    }

    @Override
    public HardwarePoints hardwarePoints(Kvm kvm) throws ErrnoException {
        int bps = Math.min(Debug.SLOTS, kvm.checkExtension(KvmApi.KVM_CAP_GUEST_DEBUG_HW_BPS));
        int wps = Math.min(Debug.SLOTS, kvm.checkExtension(KvmApi.KVM_CAP_GUEST_DEBUG_HW_WPS));
        return HardwarePoints.separate(bps, wps);
    }

    @Override
    public boolean supports(PointKind kind, long address, int length) {
        if (kind == PointKind.HARDWARE_BREAKPOINT) {
            return length == 4 && (address & 3) == 0;
        }
        return kind != PointKind.SOFTWARE_BREAKPOINT && length >= 1 && length <= DOUBLEWORD
                && (address & (DOUBLEWORD - 1)) + length <= DOUBLEWORD;
    }

    @Override
    public void applyGuestDebug(Vcpu vcpu, boolean step, boolean softwareBreakpoints, HardwarePoints points)
            throws ErrnoException {
        try (NativeMemory dbg = new NativeMemory(Debug.SIZE)) {
            if (!points.isEmpty()) {
                program(dbg, points.breakpointSlots(), Debug.BCR, Debug.BVR);
                program(dbg, points.watchpointSlots(), Debug.WCR, Debug.WVR);
            }
            dbg.putInt(KvmApi.GuestDebug.CONTROL, GuestDebugControl.of(step,
                    softwareBreakpoints ? Debug.USE_SW_BP : 0, points.isEmpty() ? 0 : Debug.USE_HW));
            vcpu.setGuestDebug(KvmArm64.KVM_SET_GUEST_DEBUG, dbg);
        }
    }

    private static void program(NativeMemory dbg, HardwarePoints.Point[] slots, int controlArray, int valueArray) {
        for (int i = 0; i < slots.length; i++) {
            HardwarePoints.Point p = slots[i];
            if (p != null) {
                dbg.putLong(controlArray + 8L * i, control(p));
                dbg.putLong(valueArray + 8L * i, value(p));
            }
        }
    }

    /** The control register of a point: DBGBCR as is; DBGWCR with load/store and the watched bytes. */
    static long control(HardwarePoints.Point p) {
        if (p.kind() == PointKind.HARDWARE_BREAKPOINT) {
            return BCR;
        }
        long lsc = p.kind() == PointKind.READ_WATCHPOINT ? 0b01 : p.kind() == PointKind.WRITE_WATCHPOINT ? 0b10 : 0b11;
        long bas = ((1L << p.length()) - 1) << (p.address() & (DOUBLEWORD - 1));
        return WCR | lsc << 3 | bas << 5;
    }

    /** The value register: the instruction address, or the doubleword the watched bytes are in. */
    static long value(HardwarePoints.Point p) {
        return p.kind() == PointKind.HARDWARE_BREAKPOINT ? p.address() : p.address() & ~(DOUBLEWORD - 1);
    }

    @Override
    public Stop decodeDebugExit(VmExit.Debug exit, HardwarePoints points) {
        int ec = (int) (exit.word0() >>> 26) & 0x3F;
        long far = exit.word1();
        switch (ec) {
            case EC_BRK64:
                return new Stop.SoftwareBreakpoint();
            case EC_BREAKPOINT_LOWER:
            case EC_BREAKPOINT_SAME:
                return new Stop.HardwareBreakpoint();
            case EC_WATCHPOINT_LOWER:
            case EC_WATCHPOINT_SAME:
                return watchpoint(far, points);
            default:
                return new Stop.Trap();
        }
    }

    /** The watchpoint whose doubleword holds the faulting address, reported at its own address. */
    private static Stop watchpoint(long far, HardwarePoints points) {
        for (HardwarePoints.Point p : points.watchpointSlots()) {
            if (p != null && (far & ~(DOUBLEWORD - 1)) == value(p)) {
                return new Stop.Watchpoint(p.kind(), p.address());
            }
        }
        return new Stop.Watchpoint(PointKind.ACCESS_WATCHPOINT, far);
    }

    @Override
    public CoreLayout coreLayout() {
        return Arm64CoreRegisters.LAYOUT;
    }

    /** The vCPU's registers: the aarch64 guest runtime passes no trap frame (its cookie is always NULL). */
    @Override
    public byte[] coreRegisters(Vcpu vcpu, GuestMemory mem, long cookie) throws ErrnoException {
        Arm64GdbRegisters.Snapshot s = Arm64GdbRegisters.snapshot(vcpu);
        return Arm64CoreRegisters.prReg(s.x(), s.sp(), s.pc(), s.pstate());
    }
}
