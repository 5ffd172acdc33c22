package dev.tender.core.mem;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.RawMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The guest's physical memory: one anonymous shared mapping, the only way the tender touches guest memory.
 *
 * <p>Two sizes: the <em>allocation</em> (what is mapped, and what KVM sees) and the <em>guest-visible</em>
 * size (smaller by the tender's reservation at the top, {@link #reserveTop}). Three ways in:
 * <ul>
 * <li>{@link GuestRange}s ({@link #newRange()}) for every range the guest names: Solo5's check against the
 *     visible size is applied once, when the range is requested, and the view reads and writes only inside it.
 *     This is all a hypercall handler or device gets.</li>
 * <li>The {@link ReservedRegion} the tender keeps for itself (the ring).</li>
 * <li>The accessors below, for the tender's own boot structures (page tables, boot info, ELF segments): by
 *     absolute address, inside the allocation.</li>
 * </ul>
 * All comparisons are unsigned and overflow-safe, so no access can reach outside the mapping, also after close.
 */
public final class GuestMemory implements AutoCloseable {
    private final long host;
    private final long allocation;
    final RawMemory raw;
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

    /** Host virtual address of guest physical address 0 (for KVM's memslot). */
    public long hostBase() {
        return host;
    }

    /**
     * Takes the top {@code bytes} of the guest-visible memory for the tender (the ring): the visible size shrinks
     * by that much, and the region is returned.
     */
    public ReservedRegion reserveTop(long bytes) {
        if (Long.compareUnsigned(bytes, visible) > 0) {
            throw new IllegalArgumentException("reservation larger than memory");
        }
        visible -= bytes;
        return new ReservedRegion(this, visible, bytes);
    }

    /** Solo5's guest-pointer rule: {@code gpa < size}, no overflow, and {@code gpa + len < size} (strict). */
    public static boolean isValidRange(long gpa, long len, long size) {
        long end = gpa + len;
        return Long.compareUnsigned(gpa, size) < 0
                && Long.compareUnsigned(end, gpa) >= 0
                && Long.compareUnsigned(end, size) < 0;
    }

    /** A view for ranges the guest names, empty until {@link GuestRange#request} binds it. */
    public GuestRange newRange() {
        return new GuestRange(this);
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
    public ByteBuffer buffer(long gpa, int len) {
        return raw.buffer(inside(gpa, len), len);
    }

    /** Sets host protections on {@code [gpa, gpa+len)} (page aligned); read-only ranges are remembered. */
    public void protect(long gpa, long len, int prot) throws ErrnoException {
        LibC.mprotect(host + inside(gpa, len), len, prot);
        if ((prot & LibC.PROT_WRITE) == 0) {
            long[] more = Arrays.copyOf(readOnly, readOnly.length + 2);
            more[readOnly.length] = gpa;
            more[readOnly.length + 1] = gpa + len;
            readOnly = more;
        }
    }

    /**
     * Makes all of memory host-writable again and forgets the read-only ranges: a debugger patches breakpoints
     * into the guest's code. Nothing becomes executable.
     */
    public void unprotectAll() throws ErrnoException {
        LibC.mprotect(host, allocation, LibC.PROT_READ | LibC.PROT_WRITE);
        readOnly = new long[0];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.munmapQuietly(host, allocation);
        }
    }

    /** Host address of {@code gpa}, which a view has checked. */
    long hostAddressOf(long gpa) {
        return host + gpa;
    }

    void checkOpen() {
        if (closed) {
            throw new IndexOutOfBoundsException("guest memory is unmapped");
        }
    }

    /**
     * Refuses a write that would touch a host read-only range: {@link GuestWriteFault} naming the bytes. An empty
     * range touches nothing, wherever it starts.
     */
    void checkWritable(long gpa, long len) {
        if (len == 0) {
            return;
        }
        for (int i = 0; i < readOnly.length; i += 2) {
            if (Long.compareUnsigned(gpa, readOnly[i + 1]) < 0 && Long.compareUnsigned(gpa + len, readOnly[i]) > 0) {
                throw new GuestWriteFault(gpa, len);
            }
        }
    }

    private long writable(long gpa, long len) {
        inside(gpa, len);
        checkWritable(gpa, len);
        return gpa;
    }

    private long inside(long gpa, long len) {
        long end = gpa + len;
        if (closed || Long.compareUnsigned(end, gpa) < 0 || Long.compareUnsigned(end, allocation) > 0) {
            throw new IndexOutOfBoundsException(String.format("guest range 0x%x+%d outside allocation", gpa, len));
        }
        return gpa;
    }
}
