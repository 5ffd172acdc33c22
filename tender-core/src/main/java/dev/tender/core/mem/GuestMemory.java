package dev.tender.core.mem;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.RawMemory;

/**
 * The guest's physical memory: one anonymous shared mapping, the only way the tender touches guest memory.
 *
 * <p>Two sizes: the <em>allocation</em> (what is mapped, and what KVM sees) and the <em>guest-visible</em>
 * size (smaller by the ring reservation). Guest-supplied ranges are validated with Solo5's rule against the
 * visible size ({@link #checkGuest}); tender-internal accesses must lie inside the allocation. All
 * comparisons are unsigned and overflow-safe, so no access can reach outside the mapping.
 */
public final class GuestMemory implements AutoCloseable {
    private final long host;
    private final long allocation;
    private final RawMemory raw;
    private long visible;
    private boolean closed;
    /** Ranges made read-only on the host (ELF text and rodata): the tender must not write there. */
    private long[] readOnly = new long[0];

    private GuestMemory(long host, long allocation) {
        this.host = host;
        this.allocation = allocation;
        this.visible = allocation;
        this.raw = new RawMemory(host);
    }

    /** Maps {@code bytes} of zero-filled read-write memory. */
    public static GuestMemory allocate(long bytes) throws ErrnoException {
        long addr = LibC.mmap(0, bytes, LibC.PROT_READ | LibC.PROT_WRITE,
                LibC.MAP_SHARED | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0, "mmap");
        return new GuestMemory(addr, bytes);
    }

    public long allocationSize() {
        return allocation;
    }

    /** The size the guest may use for I/O (hvt_boot_info.mem_size). */
    public long size() {
        return visible;
    }

    /** Shrinks the guest-visible size, for a region at the top reserved by the tender (the ring). */
    public void reserveTop(long bytes) {
        if (Long.compareUnsigned(bytes, visible) > 0) {
            throw new IllegalArgumentException("reservation larger than memory");
        }
        visible -= bytes;
    }

    /** Host virtual address of guest physical address 0 (for KVM's memslot). */
    public long hostBase() {
        return host;
    }

    /** Solo5's guest-pointer rule: {@code gpa < size}, no overflow, and {@code gpa + len < size} (strict). */
    public static boolean isValidRange(long gpa, long len, long size) {
        long end = gpa + len;
        return Long.compareUnsigned(gpa, size) < 0
                && Long.compareUnsigned(end, gpa) >= 0
                && Long.compareUnsigned(end, size) < 0;
    }

    /** Validates a guest-supplied range against the guest-visible size. */
    public void checkGuest(long gpa, long len) throws GuestAccessException {
        if (!isValidRange(gpa, len, visible)) {
            throw new GuestAccessException(gpa, len);
        }
    }

    /** Host address of a validated guest range, for zero-copy system calls (read/write straight into it). */
    public long hostAddress(long gpa, long len) throws GuestAccessException {
        checkGuest(gpa, len);
        return host + gpa;
    }

    private long writable(long gpa, long len) {
        inside(gpa, len);
        for (int i = 0; i < readOnly.length; i += 2) {
            if (Long.compareUnsigned(gpa, readOnly[i + 1]) < 0 && Long.compareUnsigned(gpa + len, readOnly[i]) > 0) {
                throw new GuestWriteFault(gpa, len);
            }
        }
        return gpa;
    }

    private long inside(long gpa, long len) {
        long end = gpa + len;
        if (closed || Long.compareUnsigned(end, gpa) < 0 || Long.compareUnsigned(end, allocation) > 0) {
            throw new IndexOutOfBoundsException(String.format("guest range 0x%x+%d outside allocation", gpa, len));
        }
        return gpa;
    }

    public long getLong(long gpa) {
        return raw.getLong(inside(gpa, 8));
    }

    public int getInt(long gpa) {
        return raw.getInt(inside(gpa, 4));
    }

    public byte getByte(long gpa) {
        return raw.getByte(inside(gpa, 1));
    }

    public void putLong(long gpa, long v) {
        raw.putLong(writable(gpa, 8), v);
    }

    public void putInt(long gpa, int v) {
        raw.putInt(writable(gpa, 4), v);
    }

    public void putByte(long gpa, byte v) {
        raw.putByte(writable(gpa, 1), v);
    }

    /** Acquire load, for memory the guest writes concurrently (the ring). */
    public int getIntVolatile(long gpa) {
        return raw.getIntVolatile(inside(gpa, 4));
    }

    /** Release store: visible after every earlier store, as a guest reading the ring expects. */
    public void putIntOrdered(long gpa, int v) {
        raw.putIntOrdered(writable(gpa, 4), v);
    }

    /** Store then full fence. */
    public void putIntVolatile(long gpa, int v) {
        raw.putIntVolatile(writable(gpa, 4), v);
    }

    public void write(long gpa, byte[] src) {
        raw.write(writable(gpa, src.length), src, 0, src.length);
    }

    public byte[] read(long gpa, int len) {
        byte[] out = new byte[len];
        raw.read(inside(gpa, len), out, 0, len);
        return out;
    }

    public void fill(long gpa, long len, byte value) {
        raw.fill(writable(gpa, len), len, value);
    }

    /** A direct buffer over a tender-owned range inside the allocation ({@code len} fits an int). */
    public java.nio.ByteBuffer buffer(long gpa, int len) {
        return raw.buffer(inside(gpa, len), len);
    }

    /** Sets host protections on {@code [gpa, gpa+len)} (page aligned); read-only ranges are remembered. */
    public void protect(long gpa, long len, int prot) throws ErrnoException {
        LibC.mprotect(host + inside(gpa, len), len, prot);
        if ((prot & LibC.PROT_WRITE) == 0) {
            long[] more = java.util.Arrays.copyOf(readOnly, readOnly.length + 2);
            more[readOnly.length] = gpa;
            more[readOnly.length + 1] = gpa + len;
            readOnly = more;
        }
    }

    /**
     * Host address of a validated guest range that the tender will write into (reads from a device), or a
     * {@link GuestWriteFault} if the range is read-only on the host.
     */
    public long hostAddressForWrite(long gpa, long len) throws GuestAccessException {
        checkGuest(gpa, len);
        return host + writable(gpa, len);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.munmapQuietly(host, allocation);
        }
    }
}
