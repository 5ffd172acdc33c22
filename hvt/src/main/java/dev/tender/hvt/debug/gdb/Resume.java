package dev.tender.hvt.debug.gdb;

/** What the run loop does after the stub's command loop returns. */
public enum Resume {
    /** Run until the next break- or watchpoint. */
    CONTINUE,
    /** Execute one instruction, then stop again. */
    STEP,
    /** gdb detached: run on with no debugging (all points already removed). */
    DETACHED
}
