package dev.tender.hvt;

import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.stats.Counter;
import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.hvt.kvm.VmExit;

/**
 * What the vCPU loop counts: KVM_RUN returns by the reason the tender saw (port I/O, MMIO, a signal, ...), and
 * hypercalls by name. Written by the vCPU thread only.
 */
final class GuestCounters {
    private final Counter io;
    private final Counter mmio;
    private final Counter interrupted;
    private final Counter other;
    private final Counter[] calls;

    private GuestCounters(StatsRegistry r, HypercallTable table) {
        MetricFamily exits = r.family("vm_exits", Type.COUNTER, "Returns from KVM_RUN by the reason the tender saw");
        io = r.counter(exits, "reason", "io");
        mmio = r.counter(exits, "reason", "mmio");
        interrupted = r.counter(exits, "reason", "signal");
        other = r.counter(exits, "reason", "other");
        MetricFamily hypercalls = r.family("hypercalls", Type.COUNTER, "Hypercalls the guest made, by name");
        calls = new Counter[table.limit()];
        for (int nr = 1; nr < calls.length; nr++) {
            if (table.lookup(nr) != null || nr == HvtCalls.HALT) {
                calls[nr] = r.counter(hypercalls, "call", nr == HvtCalls.HALT ? "HALT" : table.name(nr));
            }
        }
    }

    /** The counters, registered in {@code registry} for the calls {@code table} serves (HALT included). */
    static GuestCounters register(StatsRegistry registry, HypercallTable table) {
        return new GuestCounters(registry, table);
    }

    void exit(VmExit e) {
        if (e instanceof VmExit.Io) {
            io.increment();
        } else if (e instanceof VmExit.Mmio) {
            mmio.increment();
        } else if (e instanceof VmExit.Interrupted) {
            interrupted.increment();
        } else {
            other.increment();
        }
    }

    /** A call with a valid number (served or HALT); others end the guest and are not counted. */
    void call(int nr) {
        if (nr > 0 && nr < calls.length && calls[nr] != null) {
            calls[nr].increment();
        }
    }
}
