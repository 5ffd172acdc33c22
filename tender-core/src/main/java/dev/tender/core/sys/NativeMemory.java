package dev.tender.core.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A small off-heap scratch buffer for system-call arguments (struct layouts written by offset).
 * Owned by one thread; freed with the JVM's native allocator when closed.
 */
public final class NativeMemory implements AutoCloseable {
    private Memory memory;
    private final long size;

    public NativeMemory(long size) {
        this.memory = new Memory(size);
        this.size = size;
        memory.clear();
    }

    public long address() {
        return Pointer.nativeValue(memory);
    }

    public long size() {
        return size;
    }

    public void clear() {
        memory.clear();
    }

    public long getLong(long off) {
        return memory.getLong(off);
    }

    public int getInt(long off) {
        return memory.getInt(off);
    }

    public short getShort(long off) {
        return memory.getShort(off);
    }

    public byte getByte(long off) {
        return memory.getByte(off);
    }

    public void putLong(long off, long v) {
        memory.setLong(off, v);
    }

    public void putInt(long off, int v) {
        memory.setInt(off, v);
    }

    public void putShort(long off, short v) {
        memory.setShort(off, v);
    }

    public void putByte(long off, byte v) {
        memory.setByte(off, v);
    }

    public void write(long off, byte[] src) {
        memory.write(off, src, 0, src.length);
    }

    public byte[] read(long off, int len) {
        return memory.getByteArray(off, len);
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
