package dev.tender.core.module;

import dev.tender.core.Diagnostics;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a module sees at set-up: the manifest, the diagnostics, which tender it runs in (and what that tender
 * offers, {@link TenderKind}) and the halt hooks. Device-specific state (a net ring, a block file) belongs to the
 * module that owns the device.
 */
public final class ModuleContext {
    private final Manifest manifest;
    private final Diagnostics diagnostics;
    private final TenderKind tender;
    private final List<HaltHook> haltHooks = new ArrayList<>();
    private final HostFds hostFds = new HostFds();
    private final StatsRegistry stats = new StatsRegistry();

    public ModuleContext(Manifest manifest, Diagnostics diagnostics, TenderKind tender) {
        this.manifest = manifest;
        this.diagnostics = diagnostics;
        this.tender = tender;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The tender being set up: {@link TenderKind.Hvt} or {@link TenderKind.Spt}. */
    public TenderKind tender() {
        return tender;
    }

    /** The host descriptors the modules keep using while the guest runs (each module declares its own). */
    public HostFds hostFds() {
        return hostFds;
    }

    /** The tender's statistics: modules register the counters of their devices (served by the stats socket). */
    public StatsRegistry stats() {
        return stats;
    }

    /** What runs when the guest halts: with the guest's exit status and its cookie (0 for none). */
    @FunctionalInterface
    public interface HaltHook {
        void halted(int status, long cookie);
    }

    /** Runs when the guest halts, before the tender exits (in registration order). */
    public void onHalt(Runnable hook) {
        haltHooks.add((status, cookie) -> hook.run());
    }

    /** Runs when the guest halts, told its exit status and cookie (the cookie's range is already checked). */
    public void onHalt(HaltHook hook) {
        haltHooks.add(hook);
    }

    public void runHaltHooks(int status, long cookie) {
        for (HaltHook hook : haltHooks) {
            hook.halted(status, cookie);
        }
    }
}
