package dev.tender.spt;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;

/**
 * Guest memory on spt is exactly {@code --mem=} (parsed as on hvt, {@code CommandLine.parseMemory}): no rounding,
 * no 4 GiB cap. The only limit is the address space: guest memory must end below the launcher's image, which
 * plays the part of a non-PIE solo5-spt's text (docs/abi.md §13.3), with that build's messages.
 */
public final class MemorySize {
    private MemorySize() {
    }

    public static void checkLimit(long memSize, Diagnostics diag) throws TenderException {
        if (Long.compareUnsigned(memSize - 1, SptAbi.LAUNCHER_BASE) >= 0) {
            diag.warn("Maximum guest memory size (" + (SptAbi.LAUNCHER_BASE >>> 20) + " MB) exceeded.");
            throw new TenderException("Either decrease --mem-size, or recompile solo5-spt as a PIE executable.");
        }
    }
}
