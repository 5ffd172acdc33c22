package dev.tender.net;

import dev.tender.core.Diagnostics;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * An hvt guest without KVM, for the net module's tests: real guest memory (4 MiB), the hypercall table, a poll
 * set and a manifest of {reserved, service0 = NET_BASIC, storage = BLOCK_BASIC}. The test plays the guest by
 * writing guest memory and calling handlers with guest addresses.
 */
final class HvtNetGuest implements AutoCloseable {
    static final long MEM = 4L << 20;
    static final int NET = 1;
    static final int BLOCK = 2;

    final GuestMemory memory;
    final HypercallTable table = new HypercallTable(9);
    final Poller poller;
    final Manifest manifest = Manifest.of(List.of(new Manifest.Device("service0", DeviceType.NET_BASIC),
            new Manifest.Device("storage", DeviceType.BLOCK_BASIC)));
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final TenderKind.Hvt hvt;
    final ModuleContext context;
    private NetCounters[] counters;

    HvtNetGuest() throws Exception {
        memory = GuestMemory.allocate(MEM);
        poller = new Poller();
        hvt = new TenderKind.Hvt(memory, table, poller);
        context = new ModuleContext(manifest, new Diagnostics("solo5-hvt", new PrintStream(err, true)), hvt);
    }

    /** Attaches fd to the NET device (as --net would). */
    ManifestEntry attachNet(int fd) {
        ManifestEntry e = manifest.entries().get(NET);
        e.setHostFd(fd);
        e.setAttached(true);
        return e;
    }

    List<ManifestEntry> entries() {
        return manifest.entries();
    }

    /** The net device's counters, registered in {@link #context}'s statistics. */
    NetCounters[] counters() {
        if (counters == null) {
            counters = NetCounters.register(context.stats(), manifest.entries(), Map.of("service0", "tap-test"));
        }
        return counters;
    }

    /** The NET device's counters as {@code rx=PACKETS/BYTES tx=PACKETS/BYTES}. */
    String counted() {
        NetCounters c = counters()[NET];
        return "rx=" + c.rxPackets.get() + "/" + c.rxBytes.get() + " tx=" + c.txPackets.get() + "/" + c.txBytes.get();
    }

    @Override
    public void close() {
        poller.close();
        memory.close();
    }
}
