package dev.tender.hvt.debug.gdb;

/** The break- and watchpoint types of the {@code Z}/{@code z} packets, by their protocol number. */
public enum PointKind {
    SOFTWARE_BREAKPOINT, HARDWARE_BREAKPOINT, WRITE_WATCHPOINT, READ_WATCHPOINT, ACCESS_WATCHPOINT;

    /** The kind for a {@code Z}/{@code z} type number 0..4, or null for any other. */
    public static PointKind ofProtocolType(int type) {
        PointKind[] all = values();
        return type >= 0 && type < all.length ? all[type] : null;
    }
}
