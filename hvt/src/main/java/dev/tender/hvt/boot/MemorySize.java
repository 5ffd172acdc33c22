package dev.tender.hvt.boot;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;

/** hvt guest memory sizing (docs/abi.md §4.1): 2 MiB rounding, limits, ring overhead; parsing is CommandLine's. */
public final class MemorySize {
    public static final long GRANULE = 0x200000L;
    public static final long MAX = 0x100000000L;
    /** sizeof(struct hvt_ring) rounded up to the granule. */
    public static final long RING_OVERHEAD = GRANULE;

    private MemorySize() {
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
