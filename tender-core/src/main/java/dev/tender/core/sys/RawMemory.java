package dev.tender.core.sys;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/**
 * Unchecked access to a host mapping (guest memory, kvm_run) by address. Scalar reads and writes are
 * compiler intrinsics (sun.misc.Unsafe), which matters on the hypercall and ring paths; the volatile and
 * ordered variants give the memory ordering the shared ring needs. Callers do the bounds checks.
 */
public final class RawMemory {
    private static final Unsafe U = unsafe();
    private static final long BYTES = Unsafe.ARRAY_BYTE_BASE_OFFSET;

    private final long base;

    public RawMemory(long address) {
        this.base = address;
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public long getLong(long off) {
        return U.getLong(base + off);
    }

    public int getInt(long off) {
        return U.getInt(base + off);
    }

    public short getShort(long off) {
        return U.getShort(base + off);
    }

    public byte getByte(long off) {
        return U.getByte(base + off);
    }

    public void putLong(long off, long v) {
        U.putLong(base + off, v);
    }

    public void putInt(long off, int v) {
        U.putInt(base + off, v);
    }

    public void putShort(long off, short v) {
        U.putShort(base + off, v);
    }

    public void putByte(long off, byte v) {
        U.putByte(base + off, v);
    }

    /** A load that is neither cached nor reordered with later loads (acquire). */
    public int getIntVolatile(long off) {
        return U.getIntVolatile(null, base + off);
    }

    /** A store that becomes visible after every earlier store (release), without a full fence. */
    public void putIntOrdered(long off, int v) {
        U.putOrderedInt(null, base + off, v);
    }

    /** A store followed by a full fence (sequentially consistent). */
    public void putIntVolatile(long off, int v) {
        U.putIntVolatile(null, base + off, v);
    }

    public void write(long off, byte[] src, int srcOff, int len) {
        U.copyMemory(src, BYTES + srcOff, null, base + off, len);
    }

    public void read(long off, byte[] dst, int dstOff, int len) {
        U.copyMemory(null, base + off, dst, BYTES + dstOff, len);
    }

    public void fill(long off, long len, byte value) {
        U.setMemory(base + off, len, value);
    }

    /** A direct buffer over {@code [off, off+len)}; {@code len} must fit an int. */
    public ByteBuffer buffer(long off, int len) {
        return new Pointer(base + off).getByteBuffer(0, len);
    }
}
