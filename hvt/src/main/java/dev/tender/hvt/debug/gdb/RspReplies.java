package dev.tender.hvt.debug.gdb;

/**
 * The stub's fixed replies: the error numbers it answers with, and the stop reply for each {@link Stop}. gdb shows
 * an error reply's number but gives it no meaning, so these are the stub's own.
 */
final class RspReplies {
    /** The packet is not supported (gdb then tries another way, or gives the feature up). */
    static final String UNSUPPORTED = "";
    static final String OK = "OK";
    /** m/M: the range is not inside guest memory. */
    static final String OUTSIDE_MEMORY = "E01";
    /** An argument that does not parse: bad hex, a missing separator, a number past 64 bits, M data not len bytes. */
    static final String MALFORMED = "E02";
    /** The packet was longer than the PacketSize advertised; it was read to its end and dropped. */
    static final String TOO_LONG = "E03";
    /** With acknowledgments off, a packet whose checksum did not match (it was dropped). */
    static final String BAD_CHECKSUM = "E04";
    /** The target failed the operation (a KVM call). */
    static final String TARGET_FAILED = "E14";
    /** Z/z: no slot left, the kind or length is not supported, or there was no such point to remove. */
    static final String POINT_REFUSED = "E22";

    private static final int SIGTRAP = 5;
    private static final int SIGSEGV = 11;

    private RspReplies() {
    }

    /**
     * The stop reply for {@code stop}. Breakpoint stops name their kind ({@code swbreak}, {@code hwbreak}) only when
     * gdb said in qSupported that it understands it; watchpoint stops always name theirs and the address.
     */
    static String stop(Stop stop, boolean swbreak, boolean hwbreak) {
        if (stop instanceof Stop.SoftwareBreakpoint) {
            return swbreak ? trapWith("swbreak", "") : signal(SIGTRAP);
        }
        if (stop instanceof Stop.HardwareBreakpoint) {
            return hwbreak ? trapWith("hwbreak", "") : signal(SIGTRAP);
        }
        if (stop instanceof Stop.Watchpoint w) {
            return watch(w);
        }
        return signal(stop instanceof Stop.Fault ? SIGSEGV : SIGTRAP);
    }

    /** {@code W} with the exit status (0..255). */
    static String exited(int status) {
        return "W" + RspArgs.hexByte(status);
    }

    /** {@code X} with SIGKILL: the tender ended the guest. */
    static String killed() {
        return "X09";
    }

    private static String watch(Stop.Watchpoint w) {
        String name = w.kind() == null ? null : switch (w.kind()) {
            case WRITE_WATCHPOINT -> "watch";
            case READ_WATCHPOINT -> "rwatch";
            case ACCESS_WATCHPOINT -> "awatch";
            default -> null;
        };
        return name == null ? signal(SIGTRAP) : trapWith(name, Long.toHexString(w.address()));
    }

    private static String signal(int number) {
        return "S" + RspArgs.hexByte(number);
    }

    private static String trapWith(String reason, String value) {
        return "T" + RspArgs.hexByte(SIGTRAP) + reason + ":" + value + ";";
    }
}
