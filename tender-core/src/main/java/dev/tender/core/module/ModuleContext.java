package dev.tender.core.module;

import dev.tender.core.Diagnostics;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
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
    private long ringGpa;
    private Doorbell doorbell;
    private int hostFeatures;
    private long netRing;

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

    /**
     * Binds an eventfd to the guest's ring doorbell (hvt: KVM_IOEVENTFD on the kick port), so that a guest
     * kick signals the eventfd without leaving the guest.
     */
    @FunctionalInterface
    public interface Doorbell {
        void bind(int eventfd) throws ErrnoException;
    }

    /** The ring region the tender reserved for the net module (0: none), and how to wire its doorbell. */
    public void offerRing(long gpa, Doorbell bell) {
        this.ringGpa = gpa;
        this.doorbell = bell;
    }

    public long ringGpa() {
        return ringGpa;
    }

    /** The doorbell binder, or null when the host cannot signal without an exit (no ioeventfd). */
    public Doorbell doorbell() {
        return doorbell;
    }

    /** Called by the module that activates ring I/O: advertised to the guest in the boot info. */
    public void activateRing(int features, long ring) {
        this.hostFeatures |= features;
        this.netRing = ring;
    }

    public int hostFeatures() {
        return hostFeatures;
    }

    public long netRing() {
        return netRing;
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
