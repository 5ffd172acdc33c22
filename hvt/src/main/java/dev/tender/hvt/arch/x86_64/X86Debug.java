package dev.tender.hvt.arch.x86_64;

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
import dev.tender.hvt.sys.KvmX86;
import dev.tender.hvt.sys.KvmX86.Debug;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.util.function.LongPredicate;

/**
 * Debugging on x86_64 (docs/debugging.md): gdb's amd64 register block, DR0-DR3 and DR7 for hardware points
 * (four in all, shared by breakpoints and watchpoints), and {@code hlt} as the software breakpoint. hvt has no
 * in-kernel interrupt controller, so every KVM returns a guest's {@code hlt} to the tender (KVM_EXIT_HLT, the
 * instruction pointer after it); {@code int3} would rely on KVM intercepting #BP, which QEMU's emulation of AMD
 * SVM does not do for {@code int3} (the guest's own handler got it, measured in the emulated test host).
 */
final class X86Debug implements DebugArch {
    /** The debug registers DR0-DR3. */
    private static final int SLOTS = 4;
    private static final int VECTOR_DB = 1;
    private static final int VECTOR_BP = 3;
    /** The one-byte {@code hlt} instruction. */
    private static final byte HLT = (byte) 0xF4;
    /** DR6.B0-B3: which of DR0-DR3 triggered. */
    private static final long DR6_HIT = 0xF;
    /** DR7.RW: 00 instruction, 01 data write, 11 data read or write (x86 has no read-only watchpoint). */
    private static final int RW_EXECUTE = 0b00;
    private static final int RW_WRITE = 0b01;
    private static final int RW_ACCESS = 0b11;

    @Override
    public byte[] readGdbRegisters(Vcpu vcpu) throws ErrnoException {
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE); NativeMemory sregs = new NativeMemory(Sregs.SIZE)) {
            vcpu.getRegs(regs);
            vcpu.getSregs(sregs);
            return X86GdbRegisters.block(regs, sregs);
        }
    }

    @Override
    public void writeGdbRegisters(Vcpu vcpu, byte[] block) throws ErrnoException {
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE)) {
            vcpu.getRegs(regs);
            if (X86GdbRegisters.apply(block, regs)) {
                vcpu.setRegs(regs);
            }
        }
    }

    @Override
    public byte[] breakpointInstruction() {
        return new byte[] {HLT};
    }

    @Override
    public boolean atSoftwareBreakpoint(VmExit exit, Vcpu vcpu, LongPredicate isBreakpoint) throws ErrnoException {
        if (!(exit instanceof VmExit.Unhandled u) || u.reason() != KvmApi.EXIT_HLT) {
            return false;
        }
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE)) {
            vcpu.getRegs(regs);
            long at = regs.getLong(KvmX86.Regs.RIP) - 1;
            if (!isBreakpoint.test(at)) {
                return false;
            }
            regs.putLong(KvmX86.Regs.RIP, at);
            vcpu.setRegs(regs);
            return true;
        }
    }

    @Override
    public HardwarePoints hardwarePoints(Kvm kvm) {
        return HardwarePoints.shared(SLOTS);
    }

    @Override
    public boolean supports(PointKind kind, long address, int length) {
        switch (kind) {
            case HARDWARE_BREAKPOINT:
                return length == 1;
            case WRITE_WATCHPOINT:
            case ACCESS_WATCHPOINT:
                return (length == 1 || length == 2 || length == 4 || length == 8) && (address & (length - 1)) == 0;
            default:
                return false;
        }
    }

    @Override
    public void applyGuestDebug(Vcpu vcpu, boolean step, boolean softwareBreakpoints, HardwarePoints points)
            throws ErrnoException {
        try (NativeMemory dbg = new NativeMemory(Debug.SIZE)) {
            HardwarePoints.Point[] slots = points.breakpointSlots();
            for (int i = 0; i < slots.length; i++) {
                dbg.putLong(Debug.DEBUGREG + i * 8, slots[i] == null ? 0 : slots[i].address());
            }
            dbg.putLong(Debug.DEBUGREG + 7 * 8, dr7(slots));
            // software breakpoints are hlt, which exits without any flag (see the class comment)
            dbg.putInt(KvmApi.GuestDebug.CONTROL, GuestDebugControl.of(step, 0, points.isEmpty() ? 0 : Debug.USE_HW_BP));
            vcpu.setGuestDebug(KvmX86.KVM_SET_GUEST_DEBUG, dbg);
        }
    }

    /** DR7 for the slots: local enable (bit 2i), RW (bits 16+4i) and LEN (bits 18+4i) per used slot. */
    static long dr7(HardwarePoints.Point[] slots) {
        long dr7 = 0;
        for (int i = 0; i < slots.length; i++) {
            HardwarePoints.Point p = slots[i];
            if (p == null) {
                continue;
            }
            int rw = p.kind() == PointKind.HARDWARE_BREAKPOINT ? RW_EXECUTE
                    : p.kind() == PointKind.WRITE_WATCHPOINT ? RW_WRITE : RW_ACCESS;
            int len = p.kind() == PointKind.HARDWARE_BREAKPOINT ? 0 : lengthBits(p.length());
            dr7 |= 1L << (2 * i);
            dr7 |= (long) rw << (16 + 4 * i);
            dr7 |= (long) len << (18 + 4 * i);
        }
        return dr7;
    }

    /** DR7.LEN: 00 one byte, 01 two, 11 four, 10 eight. */
    private static int lengthBits(int length) {
        switch (length) {
            case 2:
                return 0b01;
            case 4:
                return 0b11;
            case 8:
                return 0b10;
            default:
                return 0b00;
        }
    }

    @Override
    public Stop decodeDebugExit(VmExit.Debug exit, HardwarePoints points) {
        int vector = (int) exit.word0();
        long dr6 = exit.word2();
        if (vector == VECTOR_BP) {
            return new Stop.SoftwareBreakpoint();
        }
        if (vector == VECTOR_DB && (dr6 & DR6_HIT) != 0) {
            HardwarePoints.Point[] slots = points.breakpointSlots();
            for (int i = 0; i < slots.length; i++) {
                if ((dr6 & (1L << i)) != 0 && slots[i] != null) {
                    HardwarePoints.Point p = slots[i];
                    return p.kind() == PointKind.HARDWARE_BREAKPOINT ? new Stop.HardwareBreakpoint()
                            : new Stop.Watchpoint(p.kind(), p.address());
                }
            }
        }
        return new Stop.Trap();
    }

    @Override
    public CoreLayout coreLayout() {
        return X86CoreRegisters.LAYOUT;
    }

    @Override
    public byte[] coreRegisters(Vcpu vcpu, GuestMemory mem, long cookie) throws ErrnoException {
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE); NativeMemory sregs = new NativeMemory(Sregs.SIZE)) {
            vcpu.getRegs(regs);
            vcpu.getSregs(sregs);
            X86CoreRegisters.TrapFrame frame = cookie == 0 ? null : X86CoreRegisters.TrapFrame.read(mem, cookie);
            return X86CoreRegisters.prReg(ByteBuffer.wrap(regs.read(0, KvmX86.Regs.SIZE)),
                    ByteBuffer.wrap(sregs.read(0, Sregs.SIZE)), frame);
        }
    }
}
