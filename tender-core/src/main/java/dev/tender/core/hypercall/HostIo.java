package dev.tender.core.hypercall;

import dev.tender.core.TenderException;
import dev.tender.core.sys.LibC;

/** The host side of a device hypercall: a failed or short transfer is fatal, with Solo5's unprefixed words. */
public final class HostIo {
    private HostIo() {
    }

    /**
     * Requires that a read or write system call moved all {@code len} bytes ({@code n} is its result, errno
     * still this thread's): {@code Fatal error when writing: <strerror>} / {@code Fatal error: wrote only N out
     * of M bytes}, and the same with reading/read.
     */
    public static void requireAll(long n, long len, boolean write) throws TenderException {
        if (n < 0) {
            throw TenderException.unprefixed((write ? "Fatal error when writing: " : "Fatal error when reading: ")
                    + LibC.strerror(LibC.errno()));
        }
        if (n != len) {
            throw TenderException.unprefixed("Fatal error: " + (write ? "wrote" : "read") + " only " + n
                    + " out of " + len + " bytes");
        }
    }
}
