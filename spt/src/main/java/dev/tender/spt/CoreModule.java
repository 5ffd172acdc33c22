package dev.tender.spt;

import dev.tender.core.Diagnostics;
import dev.tender.core.module.TenderModule;
import dev.tender.manifest.Manifest;

/**
 * spt's "core" module: its one option, {@code --x-exec-heap}, matched as a 13-character prefix as upstream does,
 * maps all guest memory executable (the ELF segments still get their own protections). Its seccomp rules are
 * added by {@link SptPolicy}.
 */
final class CoreModule implements TenderModule {
    static final String X_EXEC_HEAP = "--x-exec-heap";

    private boolean execHeap;

    @Override
    public String name() {
        return "core";
    }

    @Override
    public String usage() {
        return "    --x-exec-heap (make the heap executable). WARNING: This option is dangerous and not recommended "
                + "as it makes the heap and stack executable.";
    }

    @Override
    public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) {
        if (!arg.startsWith(X_EXEC_HEAP)) {
            return false;
        }
        diag.warn("WARNING: The use of --x-exec-heap is dangerous and not recommended as it makes the heap and "
                + "stack executable.");
        execHeap = true;
        return true;
    }

    boolean execHeap() {
        return execHeap;
    }
}
