package dev.tender.hvt.debug;

import dev.tender.core.TenderException;
import dev.tender.core.module.TenderModule;
import java.util.List;

/**
 * The modules only the debug tender ({@code tender hvt-debug}, {@code solo5-hvt-debug}) has: {@code gdb} and
 * {@code dumpcore}. The normal tender has none of this and keeps its seccomp filter and read-only code.
 */
public final class HvtDebugModules {
    private final GdbModule gdb = new GdbModule();
    private final DumpcoreModule dumpcore = new DumpcoreModule();

    /** In upstream's order, after core, block and net. */
    public List<TenderModule> modules() {
        return List.of(gdb, dumpcore);
    }

    /** Gives the modules the machine; called before any module's set-up. */
    public void attach(DebugTarget target) {
        gdb.attach(target);
        dumpcore.attach(target);
    }

    /** The run loop's hooks, after set-up. */
    public DebugHooks hooks() throws TenderException {
        return gdb.hooks();
    }
}
