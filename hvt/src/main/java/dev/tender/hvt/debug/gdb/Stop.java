package dev.tender.hvt.debug.gdb;

/** Why the guest is stopped, as the stub reports it to gdb (the stop reply). */
public sealed interface Stop {
    /** Stopped before the first instruction (reported as {@code S05}, like a fresh attach). */
    record Initial() implements Stop {
    }

    /** A software breakpoint was hit (SIGTRAP). */
    record SoftwareBreakpoint() implements Stop {
    }

    /** A hardware breakpoint was hit (SIGTRAP). */
    record HardwareBreakpoint() implements Stop {
    }

    /** A watchpoint triggered on an access to {@code address} (SIGTRAP); {@code kind} is one of the watchpoint kinds. */
    record Watchpoint(PointKind kind, long address) implements Stop {
    }

    /** A single step completed, or any other debug trap (SIGTRAP). */
    record Trap() implements Stop {
    }

    /** The guest faulted in a way the tender cannot resume from (SIGSEGV, 11): KVM entry failure, internal error. */
    record Fault() implements Stop {
    }
}
