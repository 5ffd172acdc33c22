package dev.tender.core.module;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.manifest.Manifest;

/**
 * A tender module (core, block, net, ...): claims command-line options, then sets itself up once guest
 * memory exists, registering hypercalls, poll fds and halt hooks.
 */
public interface TenderModule {
    /** Name shown in "Compiled-in modules:". */
    String name();

    /** Usage lines for "Compiled-in module options:" (complete lines, indentation included), or none. */
    default String usage() {
        return "";
    }

    /**
     * Offers one argument. Returns false when the argument is not this module's or fails validation (after
     * printing the specific warning through {@code diag}); throws for errors that are fatal at once.
     */
    default boolean handleOption(String arg, Manifest manifest, Diagnostics diag) throws TenderException {
        return false;
    }

    /** Called after all options and guest memory set-up; a failure aborts the start. */
    default void setup(ModuleContext context) throws TenderException {
    }
}
