package dev.tender.core;

/**
 * A fatal tender error: the process prints {@code <prog>: <message>} on stderr and exits with
 * {@link #exitStatus()} (1, as Solo5's err()/errx()). With {@link #withUsage()} the usage text follows.
 */
public class TenderException extends Exception {
    private final boolean usage;
    private final boolean prefixed;

    public TenderException(String message) {
        this(message, false, true);
    }

    protected TenderException(String message, boolean usage, boolean prefixed) {
        super(message, null, false, false);
        this.usage = usage;
        this.prefixed = prefixed;
    }

    /** An error after which the usage text is printed (invalid option, missing KERNEL). */
    public static TenderException withUsage(String message) {
        return new TenderException(message, true, true);
    }

    /** An error printed without the program-name prefix (Solo5 prints some with plain fprintf). */
    public static TenderException unprefixed(String message) {
        return new TenderException(message, false, false);
    }

    public boolean printsUsage() {
        return usage;
    }

    public boolean prefixed() {
        return prefixed;
    }

    public int exitStatus() {
        return 1;
    }
}
