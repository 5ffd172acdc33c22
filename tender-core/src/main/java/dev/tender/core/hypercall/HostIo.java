package dev.tender.core.hypercall;

import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;

/**
 * The host side of a device hypercall: one write/pwrite/pread between a device fd and guest memory. A failed or
 * short transfer is fatal, with Solo5's unprefixed words: {@code Fatal error when writing: <strerror>} /
 * {@code Fatal error: wrote only N out of M bytes}, and the same with reading/read.
 */
public final class HostIo {
    private HostIo() {
    }

    /** write(2) of all {@code len} bytes at host address {@code buf}. */
    public static void write(int fd, long buf, long len) throws TenderException {
        long n;
        try {
            n = LibC.write(fd, buf, len);
        } catch (ErrnoException e) {
            throw failed(e, true);
        }
        requireAll(n, len, true);
    }

    /** pwrite(2) of all {@code len} bytes at host address {@code buf} to {@code offset}. */
    public static void pwrite(int fd, long buf, long len, long offset) throws TenderException {
        long n;
        try {
            n = LibC.pwrite(fd, buf, len, offset);
        } catch (ErrnoException e) {
            throw failed(e, true);
        }
        requireAll(n, len, true);
    }

    /** pread(2) of all {@code len} bytes from {@code offset} into host address {@code buf}. */
    public static void pread(int fd, long buf, long len, long offset) throws TenderException {
        long n;
        try {
            n = LibC.pread(fd, buf, len, offset);
        } catch (ErrnoException e) {
            throw failed(e, false);
        }
        requireAll(n, len, false);
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
