package dev.tender.hvt;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.stats.Families;
import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.Sample;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.core.stats.StatsServer;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.kvm.KvmStats;
import dev.tender.hvt.kvm.Vcpu;
import java.util.List;
import java.util.Locale;

/**
 * The hvt tender's own figures beside the modules' (guest memory, CPU time, KVM's statistics of the vCPU) and the
 * stats socket that serves them all, when {@code $TENDER_STATS_SOCKET} asks for one. Set up before the tender
 * confines itself; {@link #socketFd} and {@link #kvmStatsFd} are what the filter must let the stats thread use.
 */
final class HvtStats {
    private final StatsServer server;
    private final KvmStats kvm;

    private HvtStats(StatsServer server, KvmStats kvm) {
        this.server = server;
        this.kvm = kvm;
    }

    /** Registers the tender's figures in {@code r} and opens the socket; null when no socket is asked for. */
    static HvtStats open(StatsRegistry r, long guestMemory, Vcpu vcpu, Diagnostics diag) throws TenderException {
        StatsServer server = StatsServer.fromEnvironment(r, "hvt");
        if (server == null) {
            return null;
        }
        r.gauge(Families.GUEST_MEMORY, () -> guestMemory);
        r.gauge(Families.CPU, HvtStats::cpuMicros);
        KvmStats kvm = null;
        try {
            kvm = KvmStats.open(vcpu.openStats());
            register(r, kvm);
        } catch (ErrnoException e) {
            diag.warn("KVM statistics are not available: " + e.getMessage());
        }
        return new HvtStats(server, kvm);
    }

    private static long cpuMicros() {
        try {
            return Epoll.clockNanos(Epoll.CLOCK_PROCESS_CPUTIME_ID) / 1000;
        } catch (ErrnoException e) {
            return 0;
        }
    }

    /** One family per KVM statistic ({@code kvm_vcpu_exits}, ...), read together with one pread per snapshot. */
    private static void register(StatsRegistry r, KvmStats kvm) {
        List<KvmStats.Stat> stats = kvm.stats();
        MetricFamily[] families = new MetricFamily[stats.size()];
        for (int i = 0; i < families.length; i++) {
            KvmStats.Stat s = stats.get(i);
            String name = "kvm_vcpu_" + s.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")
                    .replaceAll("_total$", "_count");
            families[i] = r.family(name, s.cumulative() ? Type.COUNTER : Type.GAUGE,
                    "KVM's vCPU statistic " + s.name());
        }
        r.source(out -> {
            long[] values;
            try {
                values = kvm.read();
            } catch (ErrnoException e) {
                return;
            }
            for (int i = 0; i < values.length; i++) {
                out.accept(new Sample(families[i], List.of(), values[i]));
            }
        });
    }

    int socketFd() {
        return server.fd();
    }

    int kvmStatsFd() {
        return kvm == null ? -1 : kvm.fd();
    }

    void start() {
        server.start();
    }
}
