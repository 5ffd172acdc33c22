package dev.tender.core.mem;

/**
 * A region at the top of guest memory that the tender reserved for itself (the net ring): above the
 * guest-visible size, so no guest pointer check lets a guest range reach it, yet mapped for the guest, which
 * finds it through the boot info and writes it concurrently. Every value read here is therefore guest-controlled.
 *
 * <p>Accessors take offsets from the start of the region and stay inside it ({@link IndexOutOfBoundsException}
 * otherwise). The volatile and ordered variants give the memory ordering a ring shared with the guest needs.
 */
public final class ReservedRegion {
    private final GuestMemory memory;
    private final long gpa;
    private final long size;

    ReservedRegion(GuestMemory memory, long gpa, long size) {
        this.memory = memory;
        this.gpa = gpa;
        this.size = size;
    }

    /** The guest physical address the region starts at. */
    public long gpa() {
        return gpa;
    }

    public long size() {
        return size;
    }

    public int getInt(long offset) {
        return memory.raw.getInt(at(offset, 4));
    }

    public long getLong(long offset) {
        return memory.raw.getLong(at(offset, 8));
    }

    public void putInt(long offset, int value) {
        memory.raw.putInt(writable(offset, 4), value);
    }

    /** Acquire load, for a field the guest writes concurrently. */
    public int getIntVolatile(long offset) {
        return memory.raw.getIntVolatile(at(offset, 4));
    }

    /** Release store: visible after every earlier store, as a guest reading the ring expects. */
    public void putIntOrdered(long offset, int value) {
        memory.raw.putIntOrdered(writable(offset, 4), value);
    }

    /** Store then full fence. */
    public void putIntVolatile(long offset, int value) {
        memory.raw.putIntVolatile(writable(offset, 4), value);
    }

    public void fill(long offset, long length, byte value) {
        memory.raw.fill(writable(offset, length), length, value);
    }

    private long at(long offset, long bytes) {
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(size - offset, bytes) < 0) {
            throw new IndexOutOfBoundsException(String.format("offset %s+%d outside a reserved region of %d bytes",
                    Long.toUnsignedString(offset), bytes, size));
        }
        memory.checkOpen();
        return gpa + offset;
    }

    private long writable(long offset, long bytes) {
        long at = at(offset, bytes);
        memory.checkWritable(at, bytes);
        return at;
    }
}
