package dev.tender.core.sys;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Unchecked access to a host mapping (guest memory, kvm_run). Callers do the bounds checks.
 */
public final class RawMemory {
    private final Pointer base;

    public RawMemory(long address) {
        this.base = new Pointer(address);
    }

    public long getLong(long off) {
        return base.getLong(off);
    }

    public int getInt(long off) {
        return base.getInt(off);
    }

    public short getShort(long off) {
        return base.getShort(off);
    }

    public byte getByte(long off) {
        return base.getByte(off);
    }

    public void putLong(long off, long v) {
        base.setLong(off, v);
    }

    public void putInt(long off, int v) {
        base.setInt(off, v);
    }

    public void putShort(long off, short v) {
        base.setShort(off, v);
    }

    public void putByte(long off, byte v) {
        base.setByte(off, v);
    }

    public void write(long off, byte[] src, int srcOff, int len) {
        base.write(off, src, srcOff, len);
    }

    public void read(long off, byte[] dst, int dstOff, int len) {
        base.read(off, dst, dstOff, len);
    }

    public void fill(long off, long len, byte value) {
        base.setMemory(off, len, value);
    }

    /** A direct buffer over {@code [off, off+len)}; {@code len} must fit an int. */
    public ByteBuffer buffer(long off, int len) {
        return base.getByteBuffer(off, len);
    }
}
