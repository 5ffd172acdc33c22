package dev.tender.core.module;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.manifest.Manifest;
import java.util.List;

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
     * Opens the host resources this module's options name, right after pass 1 found KERNEL and before the image
     * is read, so that they exist as early as the process can make them: a TAP has carrier from then on, and
     * the frames a peer sends early queue in it instead of being dropped. Nothing is reported here; each
     * outcome is kept for {@link #handleOption}, which reports it (see {@link Preopened}). {@code options} are
     * the arguments before KERNEL (up to a {@code --}), unchecked.
     */
    default void preopen(List<String> options) {
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
