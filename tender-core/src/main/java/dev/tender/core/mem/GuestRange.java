package dev.tender.core.mem;

/**
 * A view of one range of guest memory that the guest named (a hypercall's argument structure, a buffer it points
 * to), checked once with Solo5's rule when it is {@linkplain #request requested}. Reads and writes take offsets
 * from the start of the range and stay inside it; an offset outside is a tender bug
 * ({@link IndexOutOfBoundsException}), never an access elsewhere.
 *
 * <p>Reusable: {@link #request} binds the view to a new range, so a handler keeps one view per structure or buffer
 * and allocates nothing per call. A view belongs to one thread (the vCPU's, or the ring worker's). Writes refuse
 * memory the ELF loader made read-only on the host ({@link GuestWriteFault}, naming the bytes written).
 */
public final class GuestRange {
    private final GuestMemory memory;
    private long gpa;
    private long size;

    GuestRange(GuestMemory memory) {
        this.memory = memory;
    }

    /**
     * Binds this view to {@code [gpa, gpa + size)} if Solo5 accepts it (docs/abi.md §7.2: {@code gpa} below the
     * guest-visible size, no overflow, the end strictly below it; all unsigned). Otherwise the view is left empty
     * and the guest's access is fatal: {@code Invalid guest access: gpa=0x…, sz=…}.
     */
    public GuestRange request(long gpa, long size) throws GuestAccessException {
        if (!GuestMemory.isValidRange(gpa, size, memory.size())) {
            this.gpa = 0;
            this.size = 0;
            throw new GuestAccessException(gpa, size);
        }
        this.gpa = gpa;
        this.size = size;
        return this;
    }

    /** The guest physical address the range starts at. */
    public long gpa() {
        return gpa;
    }

    /** The range's length in bytes (unsigned; 0 before the first request). */
    public long size() {
        return size;
    }

    public long getLong(long offset) {
        return memory.raw.getLong(at(offset, 8));
    }

    public int getInt(long offset) {
        return memory.raw.getInt(at(offset, 4));
    }

    public void putLong(long offset, long value) {
        memory.raw.putLong(writable(offset, 8), value);
    }

    public void putInt(long offset, int value) {
        memory.raw.putInt(writable(offset, 4), value);
    }

    /** Host address of the range, for a system call that reads all {@link #size()} bytes from it (write(2)). */
    public long hostAddress() {
        return memory.hostAddressOf(at(0, 0));
    }

    /**
     * Host address of the range, for a system call that fills it (read(2)); a {@link GuestWriteFault} if any of it
     * is read-only on the host.
     */
    public long hostAddressForWrite() {
        memory.checkWritable(gpa, size);
        return hostAddress();
    }

    private long at(long offset, int bytes) {
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(size - offset, bytes) < 0) {
            throw new IndexOutOfBoundsException(String.format("offset %s+%d outside a guest range of %s bytes",
                    Long.toUnsignedString(offset), bytes, Long.toUnsignedString(size)));
        }
        memory.checkOpen();
        return gpa + offset;
    }

    private long writable(long offset, int bytes) {
        long at = at(offset, bytes);
        memory.checkWritable(at, bytes);
        return at;
    }
}
