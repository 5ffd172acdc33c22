package dev.tender.core.module;

import dev.tender.core.Diagnostics;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;

/** What a module sees at set-up: the manifest, guest memory, the hypercall table, the poll set and hooks. */
public final class ModuleContext {
    private final Manifest manifest;
    private final GuestMemory memory;
    private final HypercallTable hypercalls;
    private final Poller poller;
    private final Diagnostics diagnostics;
    private final List<Runnable> haltHooks = new ArrayList<>();

    public ModuleContext(Manifest manifest, GuestMemory memory, HypercallTable hypercalls, Poller poller,
            Diagnostics diagnostics) {
        this.manifest = manifest;
        this.memory = memory;
        this.hypercalls = hypercalls;
        this.poller = poller;
        this.diagnostics = diagnostics;
    }

    public Manifest manifest() {
        return manifest;
    }

    public GuestMemory memory() {
        return memory;
    }

    public HypercallTable hypercalls() {
        return hypercalls;
    }

    public Poller poller() {
        return poller;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Runs when the guest halts, before the tender exits (in registration order). */
    public void onHalt(Runnable hook) {
        haltHooks.add(hook);
    }

    public void runHaltHooks() {
        for (Runnable hook : haltHooks) {
            hook.run();
        }
    }
}
