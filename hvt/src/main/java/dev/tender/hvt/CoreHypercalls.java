package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;

/** The "core" module: WALLTIME, PUTS and POLL (docs/abi.md §7.3–§7.5). HALT belongs to the run loop. */
final class CoreHypercalls implements TenderModule {
    private static final int STDOUT = 1;

    @Override
    public String name() {
        return "core";
    }

    @Override
    public void setup(ModuleContext ctx) {
        if (!(ctx.tender() instanceof TenderKind.Hvt hvt)) {
            throw new IllegalStateException("hvt's core module set up outside hvt");
        }
        GuestMemory mem = hvt.memory();
        Poller poller = hvt.poller();
        NativeMemory timespec = new NativeMemory(16);
        hvt.hypercalls().register(HvtCalls.WALLTIME, "WALLTIME", gpa -> {
            mem.checkGuest(gpa, 8);
            try {
                Epoll.clockGettime(Epoll.CLOCK_REALTIME, timespec.address());
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error in WALLTIME: " + e.getMessage());
            }
            mem.putLong(gpa, timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8));
        });
        hvt.hypercalls().register(HvtCalls.PUTS, "PUTS", gpa -> {
            mem.checkGuest(gpa, 16);
            long data = mem.getLong(gpa);
            long len = mem.getLong(gpa + 8);
            long host = mem.hostAddress(data, len);
            try {
                LibC.write(STDOUT, host, len);
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error when writing to console: " + e.reason());
            }
        });
        hvt.hypercalls().register(HvtCalls.POLL, "POLL", gpa -> {
            mem.checkGuest(gpa, 24);
            long ready;
            try {
                ready = poller.poll(mem.getLong(gpa));
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error in POLL: " + e.getMessage());
            }
            mem.putLong(gpa + 8, ready);
            mem.putInt(gpa + 16, Long.bitCount(ready));
        });
    }
}
