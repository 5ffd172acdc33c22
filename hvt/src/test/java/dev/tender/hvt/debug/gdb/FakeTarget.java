package dev.tender.hvt.debug.gdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A guest for the stub without KVM: a byte array of memory, a register block, and a few point slots. */
final class FakeTarget implements GdbTarget {
    final byte[] memory;
    final byte[] registers;
    final List<String> points = new ArrayList<>();
    private final int slots;
    boolean failing;
    int removeAllCalls;

    FakeTarget(int memorySize, int registerBytes, int slots) {
        this.memory = new byte[memorySize];
        this.registers = new byte[registerBytes];
        this.slots = slots;
        for (int i = 0; i < registers.length; i++) {
            registers[i] = (byte) i;
        }
    }

    /** How a point is kept, for tests to look for. */
    static String point(PointKind kind, long addr, int len) {
        return kind + "@" + Long.toHexString(addr) + "/" + len;
    }

    @Override
    public byte[] readRegisters() throws GdbTargetException {
        check();
        return registers.clone();
    }

    @Override
    public void writeRegisters(byte[] block) throws GdbTargetException {
        check();
        if (block.length > registers.length) {
            throw new GdbTargetException("block of " + block.length + " bytes");
        }
        System.arraycopy(block, 0, registers, 0, block.length);
    }

    @Override
    public long memorySize() {
        return memory.length;
    }

    @Override
    public byte[] readMemory(long addr, int len) {
        return Arrays.copyOfRange(memory, Math.toIntExact(addr), Math.toIntExact(addr + len));
    }

    @Override
    public void writeMemory(long addr, byte[] data) {
        System.arraycopy(data, 0, memory, Math.toIntExact(addr), data.length);
    }

    @Override
    public boolean insertPoint(PointKind kind, long addr, int len) throws GdbTargetException {
        check();
        if (points.size() == slots) {
            return false;
        }
        points.add(point(kind, addr, len));
        return true;
    }

    @Override
    public boolean removePoint(PointKind kind, long addr, int len) throws GdbTargetException {
        check();
        return points.remove(point(kind, addr, len));
    }

    @Override
    public void removeAllPoints() throws GdbTargetException {
        check();
        removeAllCalls++;
        points.clear();
    }

    private void check() throws GdbTargetException {
        if (failing) {
            throw new GdbTargetException("KVM_SET_GUEST_DEBUG: Invalid argument");
        }
    }
}
