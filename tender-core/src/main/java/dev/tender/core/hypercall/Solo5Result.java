package dev.tender.core.hypercall;

/** solo5_result_t (solo5.h, docs/abi.md §1.3): what a tender writes into a request's {@code ret} field. */
public final class Solo5Result {
    public static final int OK = 0;
    /** Nothing to read yet. */
    public static final int AGAIN = 1;
    /** A bad handle, offset or size. */
    public static final int EINVAL = 2;
    /** Any other failure. */
    public static final int EUNSPEC = 3;

    private Solo5Result() {
    }
}
