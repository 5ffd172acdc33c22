package dev.tender.core.mem;

/** A guest handed the tender a range outside its memory: fatal for the guest, as in Solo5. */
public final class GuestAccessException extends Exception {
    private final long gpa;
    private final long size;

    public GuestAccessException(long gpa, long size) {
        super(String.format("Invalid guest access: gpa=0x%x, sz=%s", gpa, Long.toUnsignedString(size)),
                null, false, false);
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
