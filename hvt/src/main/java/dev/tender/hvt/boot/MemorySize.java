package dev.tender.hvt.boot;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;

/** Guest memory sizing: parsing {@code --mem=}, 2 MiB rounding, limits and the ring overhead (§3). */
public final class MemorySize {
    public static final long DEFAULT = 0x20000000L;
    public static final long GRANULE = 0x200000L;
    public static final long MAX = 0x100000000L;
    /** sizeof(struct hvt_ring) rounded up to the granule. */
    public static final long RING_OVERHEAD = GRANULE;

    private MemorySize() {
    }

    /**
     * Parses the text after {@code --mem=} like sscanf("%zd"): leading white space, an optional sign, decimal
     * digits, trailing junk ignored. Returns the size in bytes ({@code N << 20}, wrapping as size_t does).
     */
    public static long parse(String text) throws TenderException {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
            i++;
        }
        if (i == digits) {
            throw new TenderException("Malformed argument to --mem");
        }
        if (overflow) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = -value;
        }
        long bytes = value << 20;
        if (bytes == 0) {
            throw new TenderException("Malformed argument to --mem");
        }
        return bytes;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Rounds down to 2 MiB (minimum 2 MiB), warns if that changed it, and enforces the 4 GiB maximum. */
    public static long adjust(long requested, Diagnostics diag) throws TenderException {
        long mem = requested & -GRANULE;
        if (mem == 0) {
            mem = GRANULE;
        }
        if (mem != requested) {
            diag.warn("adjusting memory to " + Long.toUnsignedString(mem) + " bytes");
        }
        if (Long.compareUnsigned(mem, MAX) > 0) {
            throw new TenderException("guest memory size " + Long.toUnsignedString(mem)
                    + " bytes exceeds the max size " + MAX + " bytes");
        }
        return mem;
    }

    /** Adds the 2 MiB ring reservation, rounded up to the granule and capped at 4 GiB. */
    public static long withRing(long mem) {
        long grown = (mem + RING_OVERHEAD + GRANULE - 1) & -GRANULE;
        return Math.min(grown, MAX);
    }
}
