package dev.tender.hvt.boot;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;

/**
 * hvt guest memory sizing (docs/abi.md §4.1): rounding to the architecture's granule, its maximum, and the
 * ring reservation; parsing is CommandLine's. The architecture supplies the granule and the maximum.
 */
public final class MemorySize {
    private final long granule;
    private final long max;
    private final long ringOverhead;

    /** {@code granule}: a power of two; {@code max}: a multiple of it. */
    public MemorySize(long granule, long max) {
        if (Long.bitCount(granule) != 1 || max % granule != 0) {
            throw new IllegalArgumentException("granule " + granule + ", max " + max);
        }
        this.granule = granule;
        this.max = max;
        this.ringOverhead = granule;
    }

    public long granule() {
        return granule;
    }

    public long max() {
        return max;
    }

    /**
     * What the ring takes from the top of guest memory: sizeof(struct hvt_ring) (48 KiB) rounded up to the
     * granule, so one granule (hvt's granule is 2 MiB on every architecture).
     */
    public long ringOverhead() {
        return ringOverhead;
    }

    /** Rounds down to the granule (minimum one granule), warns if that changed it, and enforces the maximum. */
    public long adjust(long requested, Diagnostics diag) throws TenderException {
        long mem = requested & -granule;
        if (mem == 0) {
            mem = granule;
        }
        if (mem != requested) {
            diag.warn("adjusting memory to " + Long.toUnsignedString(mem) + " bytes");
        }
        if (Long.compareUnsigned(mem, max) > 0) {
            throw new TenderException("guest memory size " + Long.toUnsignedString(mem)
                    + " bytes exceeds the max size " + max + " bytes");
        }
        return mem;
    }

    /** Adds the ring reservation, rounded up to the granule and capped at the maximum. */
    public long withRing(long mem) {
        long grown = (mem + ringOverhead + granule - 1) & -granule;
        return Math.min(grown, max);
    }
}
