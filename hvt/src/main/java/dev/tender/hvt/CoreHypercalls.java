package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestRange;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;

/** The "core" module: WALLTIME, PUTS and POLL (docs/abi.md §7.3–§7.5). HALT belongs to the run loop. */
final class CoreHypercalls implements TenderModule {
    static final int WALLTIME_SIZE = 8;
    static final int PUTS_SIZE = 16;
    static final int POLL_SIZE = 24;
    private static final int STDOUT = 1;

    private final int console;

    CoreHypercalls() {
        this(STDOUT);
    }

    /** With the guest console on {@code console} instead of stdout (for tests). */
    CoreHypercalls(int console) {
        this.console = console;
    }

    @Override
    public String name() {
        return "core";
    }

    @Override
    public void setup(ModuleContext ctx) {
        if (!(ctx.tender() instanceof TenderKind.Hvt hvt)) {
            throw new IllegalStateException("hvt's core module set up outside hvt");
        }
        registerWalltime(hvt);
        registerPuts(hvt);
        registerPoll(hvt);
    }

    /** {@code nsecs} (out, offset 0) = CLOCK_REALTIME in nanoseconds. */
    private static void registerWalltime(TenderKind.Hvt hvt) {
        GuestRange args = hvt.newGuestRange();
        NativeMemory timespec = new NativeMemory(16);
        hvt.hypercalls().register(HvtCalls.WALLTIME, "WALLTIME", gpa -> {
            args.request(gpa, WALLTIME_SIZE);
            try {
                Epoll.clockGettime(Epoll.CLOCK_REALTIME, timespec.address());
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error in WALLTIME: " + e.getMessage());
            }
            args.putLong(0, timespec.getLong(0) * 1_000_000_000L + timespec.getLong(8));
        });
    }

    /** {@code data} (offset 0) and {@code len} (offset 8): one write of the guest's bytes to the console. */
    private void registerPuts(TenderKind.Hvt hvt) {
        GuestRange args = hvt.newGuestRange();
        GuestRange text = hvt.newGuestRange();
        hvt.hypercalls().register(HvtCalls.PUTS, "PUTS", gpa -> {
            args.request(gpa, PUTS_SIZE);
            text.request(args.getLong(0), args.getLong(8));
            try {
                LibC.write(console, text.hostAddress(), text.size());
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error when writing to console: " + e.reason());
            }
        });
    }

    /** {@code timeout_nsecs} (in, 0), {@code ready_set} (out, 8), {@code ret} (out, 16): the ready count. */
    private static void registerPoll(TenderKind.Hvt hvt) {
        GuestRange args = hvt.newGuestRange();
        Poller poller = hvt.poller();
        hvt.hypercalls().register(HvtCalls.POLL, "POLL", gpa -> {
            args.request(gpa, POLL_SIZE);
            long ready;
            try {
                ready = poller.poll(args.getLong(0));
            } catch (ErrnoException e) {
                throw new TenderException("Fatal error in POLL: " + e.getMessage());
            }
            args.putLong(8, ready);
            args.putInt(16, Long.bitCount(ready));
        });
    }
}
