package dev.tender.hvt.debug;

import dev.tender.hvt.debug.gdb.PointKind;
import java.util.Arrays;

/**
 * The hardware break- and watchpoints set by the debugger, by slot: the slot index is the debug register pair
 * the architecture programs (DR0-DR3 on x86_64, where breakpoints and watchpoints share the four; the
 * DBGBCR/DBGBVR and DBGWCR/DBGWVR pairs on arm64, two separate pools).
 */
public final class HardwarePoints {
    /** One hardware point: its kind (never {@link PointKind#SOFTWARE_BREAKPOINT}), address and length. */
    public record Point(PointKind kind, long address, int length) {
    }

    private final Point[] breakpoints;
    private final Point[] watchpoints;

    private HardwarePoints(Point[] breakpoints, Point[] watchpoints) {
        this.breakpoints = breakpoints;
        this.watchpoints = watchpoints;
    }

    /** {@code slots} registers that any kind of point may use (x86_64). */
    public static HardwarePoints shared(int slots) {
        Point[] pool = new Point[slots];
        return new HardwarePoints(pool, pool);
    }

    /** Separate pools for breakpoints and watchpoints (arm64). */
    public static HardwarePoints separate(int breakpointSlots, int watchpointSlots) {
        return new HardwarePoints(new Point[Math.max(0, breakpointSlots)], new Point[Math.max(0, watchpointSlots)]);
    }

    /** Takes a free slot for {@code p}; false when its pool is full. */
    public boolean insert(Point p) {
        Point[] pool = poolOf(p.kind());
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] == null) {
                pool[i] = p;
                return true;
            }
        }
        return false;
    }

    /** Frees the slot holding {@code p}; false when no slot holds it. */
    public boolean remove(Point p) {
        Point[] pool = poolOf(p.kind());
        for (int i = 0; i < pool.length; i++) {
            if (p.equals(pool[i])) {
                pool[i] = null;
                return true;
            }
        }
        return false;
    }

    public void clear() {
        Arrays.fill(breakpoints, null);
        Arrays.fill(watchpoints, null);
    }

    public boolean isEmpty() {
        return Arrays.stream(breakpoints).allMatch(p -> p == null) && Arrays.stream(watchpoints).allMatch(p -> p == null);
    }

    /** The breakpoint slots (on x86_64 the same array as {@link #watchpointSlots()}); free slots are null. */
    public Point[] breakpointSlots() {
        return breakpoints.clone();
    }

    /** The watchpoint slots; free slots are null. */
    public Point[] watchpointSlots() {
        return watchpoints.clone();
    }

    private Point[] poolOf(PointKind kind) {
        if (kind == PointKind.SOFTWARE_BREAKPOINT) {
            throw new IllegalArgumentException("software breakpoints take no hardware slot");
        }
        return kind == PointKind.HARDWARE_BREAKPOINT ? breakpoints : watchpoints;
    }
}
