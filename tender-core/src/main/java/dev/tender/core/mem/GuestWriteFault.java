package dev.tender.core.mem;

/**
 * The tender was about to write into guest memory that is read-only on the host (the guest handed it a
 * structure in its text or rodata). Reported like an invalid guest access; without this check the write
 * would fault in the tender process.
 */
public final class GuestWriteFault extends RuntimeException {
    private final long gpa;
    private final long size;

    public GuestWriteFault(long gpa, long size) {
        super(String.format("Invalid guest access: gpa=0x%x, sz=%s", gpa, Long.toUnsignedString(size)), null,
                false, false);
        this.gpa = gpa;
        this.size = size;
    }

    public long gpa() {
        return gpa;
    }

    public long size() {
        return size;
    }
}
