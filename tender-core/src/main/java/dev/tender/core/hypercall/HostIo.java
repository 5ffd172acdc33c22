package dev.tender.core.hypercall;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestRange;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;

/**
 * The host side of a device hypercall: one write/pwrite/pread straight between a device fd and a checked guest
 * range, all of it. A failed or short transfer is fatal, with Solo5's unprefixed words:
 * {@code Fatal error when writing: <strerror>} / {@code Fatal error: wrote only N out of M bytes}, and the same
 * with reading/read.
 */
public final class HostIo {
    private HostIo() {
    }

    /** write(2) of the whole range. */
    public static void write(int fd, GuestRange data) throws TenderException {
        long n;
        try {
            n = LibC.write(fd, data.hostAddress(), data.size());
        } catch (ErrnoException e) {
            throw failed(e, true);
        }
        requireAll(n, data.size(), true);
    }

    /** pwrite(2) of the whole range to {@code offset}. */
    public static void pwrite(int fd, GuestRange data, long offset) throws TenderException {
        long n;
        try {
            n = LibC.pwrite(fd, data.hostAddress(), data.size(), offset);
        } catch (ErrnoException e) {
            throw failed(e, true);
        }
        requireAll(n, data.size(), true);
    }

    /** pread(2) from {@code offset} filling the whole range (which must be writable on the host). */
    public static void pread(int fd, GuestRange data, long offset) throws TenderException {
        long n;
        try {
            n = LibC.pread(fd, data.hostAddressForWrite(), data.size(), offset);
        } catch (ErrnoException e) {
            throw failed(e, false);
        }
        requireAll(n, data.size(), false);
    }

    /** {@code Fatal error when writing: <strerror>} / {@code Fatal error when reading: <strerror>}. */
    public static TenderException failed(ErrnoException e, boolean write) {
        return TenderException.unprefixed((write ? "Fatal error when writing: " : "Fatal error when reading: ")
                + e.reason());
    }

    private static void requireAll(long n, long len, boolean write) throws TenderException {
        if (n != len) {
            throw TenderException.unprefixed("Fatal error: " + (write ? "wrote" : "read") + " only " + n
                    + " out of " + len + " bytes");
        }
    }
}
