package dev.tender.hvt.debug;

import dev.tender.core.TenderException;
import dev.tender.hvt.kvm.VmExit;

/**
 * Where a debugger joins the run loop: before the guest's first instruction, at every exit (before the
 * architecture decodes it), and at the end. The normal tender runs with {@link #NONE}.
 */
public interface DebugHooks {
    DebugHooks NONE = new DebugHooks() {
    };

    /** The guest is about to execute its first instruction. */
    default void beforeFirstEntry() throws TenderException {
    }

    /** True when the exit was the debugger's (a debug trap it has dealt with): the guest is entered again. */
    default boolean onExit(VmExit exit) throws TenderException {
        return false;
    }

    /** The guest halted with {@code status}; the tender exits with it. */
    default void halted(int status) {
    }

    /** The tender ends the guest for any other reason (a fatal exit, a bad hypercall). */
    default void ended() {
    }
}
