package dev.tender.hvt.debug;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.debug.gdb.GdbTarget;
import dev.tender.hvt.debug.gdb.GdbTargetException;
import dev.tender.hvt.debug.gdb.PointKind;
import dev.tender.hvt.kvm.Vcpu;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stopped KVM guest as gdb sees it: registers through the architecture, guest memory, and the break- and
 * watchpoints. Software breakpoints are the architecture's breakpoint instruction written over the code, with
 * the original bytes kept here; memory reads show the original bytes, so gdb never sees its own breakpoints.
 */
final class KvmGdbTarget implements GdbTarget {
    private final DebugArch arch;
    private final Vcpu vcpu;
    private final GuestMemory mem;
    private final HardwarePoints hardware;
    private final byte[] instruction;
    /** Address of each inserted software breakpoint, and the bytes it covers. */
    private final TreeMap<Long, byte[]> software = new TreeMap<>(Long::compareUnsigned);

    KvmGdbTarget(DebugArch arch, Vcpu vcpu, GuestMemory mem, HardwarePoints hardware) {
        this.arch = arch;
        this.vcpu = vcpu;
        this.mem = mem;
        this.hardware = hardware;
        this.instruction = arch.breakpointInstruction();
    }

    HardwarePoints hardware() {
        return hardware;
    }

    boolean isSoftwareBreakpoint(long addr) {
        return software.containsKey(addr);
    }

    boolean hasSoftwareBreakpoints() {
        return !software.isEmpty();
    }

    @Override
    public byte[] readRegisters() throws GdbTargetException {
        try {
            return arch.readGdbRegisters(vcpu);
        } catch (ErrnoException e) {
            throw new GdbTargetException(e.getMessage());
        }
    }

    @Override
    public void writeRegisters(byte[] block) throws GdbTargetException {
        try {
            arch.writeGdbRegisters(vcpu, block);
        } catch (ErrnoException e) {
            throw new GdbTargetException(e.getMessage());
        }
    }

    @Override
    public long memorySize() {
        return mem.size();
    }

    @Override
    public byte[] readMemory(long addr, int len) {
        byte[] data = mem.read(addr, len);
        for (Map.Entry<Long, byte[]> bp : software.entrySet()) {
            overlay(data, addr, bp.getKey(), bp.getValue());
        }
        return data;
    }

    @Override
    public void writeMemory(long addr, byte[] data) {
        mem.write(addr, data);
        for (Map.Entry<Long, byte[]> bp : software.entrySet()) {
            long at = bp.getKey();
            if (overlay(bp.getValue(), at, addr, data)) {
                mem.write(at, instruction);
            }
        }
    }

    /**
     * Copies the part of {@code src} (at address {@code srcAddr}) that overlaps {@code dst} (at {@code dstAddr})
     * into {@code dst}; true if they overlapped.
     */
    private static boolean overlay(byte[] dst, long dstAddr, long srcAddr, byte[] src) {
        boolean any = false;
        for (int i = 0; i < src.length; i++) {
            long d = srcAddr + i - dstAddr;
            if (d >= 0 && d < dst.length) {
                dst[(int) d] = src[i];
                any = true;
            }
        }
        return any;
    }

    @Override
    public boolean insertPoint(PointKind kind, long addr, int len) {
        if (kind != PointKind.SOFTWARE_BREAKPOINT) {
            return arch.supports(kind, addr, len) && hardware.insert(new HardwarePoints.Point(kind, addr, len));
        }
        if (software.containsKey(addr)) {
            return true;
        }
        if (!fits(addr)) {
            return false;
        }
        software.put(addr, mem.read(addr, instruction.length));
        mem.write(addr, instruction);
        return true;
    }

    @Override
    public boolean removePoint(PointKind kind, long addr, int len) {
        if (kind != PointKind.SOFTWARE_BREAKPOINT) {
            return hardware.remove(new HardwarePoints.Point(kind, addr, len));
        }
        byte[] original = software.remove(addr);
        if (original == null) {
            return false;
        }
        mem.write(addr, original);
        return true;
    }

    @Override
    public void removeAllPoints() {
        for (Map.Entry<Long, byte[]> bp : software.entrySet()) {
            mem.write(bp.getKey(), bp.getValue());
        }
        software.clear();
        hardware.clear();
    }

    /** Whether the breakpoint instruction fits in guest memory at {@code addr} (unsigned, no overflow). */
    private boolean fits(long addr) {
        long end = addr + instruction.length;
        return Long.compareUnsigned(end, addr) > 0 && Long.compareUnsigned(end, mem.size()) <= 0;
    }
}
