package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Hypercall;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestRange;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.module.ModuleContext.HaltHook;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.arch.HvtArch;
import dev.tender.hvt.debug.DebugHooks;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.VmExit;

/**
 * The vCPU loop (docs/abi.md §9.1): enter the guest, let the architecture decode the exit, dispatch hypercalls
 * through the table, end on HALT or a fatal exit. A debugger ({@link DebugHooks}) sees the guest before its
 * first instruction and every exit first, as upstream's exit hooks do.
 */
final class RunLoop {
    private final HvtArch arch;
    private final VirtualCpu vcpu;
    private final GuestMemory mem;
    private final HypercallTable table;
    private final HaltHook haltHooks;
    private final DebugHooks debug;
    private final GuestCounters counters;

    /** {@code haltHooks} runs once when the guest halts, before the exit status is returned. */
    RunLoop(HvtArch arch, VirtualCpu vcpu, GuestMemory mem, HypercallTable table, HaltHook haltHooks,
            GuestCounters counters) {
        this(arch, vcpu, mem, table, haltHooks, DebugHooks.NONE, counters);
    }

    RunLoop(HvtArch arch, VirtualCpu vcpu, GuestMemory mem, HypercallTable table, HaltHook haltHooks,
            DebugHooks debug, GuestCounters counters) {
        this.counters = counters;
        this.arch = arch;
        this.vcpu = vcpu;
        this.mem = mem;
        this.table = table;
        this.haltHooks = haltHooks;
        this.debug = debug;
    }

    /** Runs until the guest halts; returns the process exit status. */
    int run() throws TenderException {
        try {
            debug.beforeFirstEntry();
            int status = loop();
            debug.halted(status);
            return status;
        } catch (TenderException e) {
            debug.ended();
            throw e;
        }
    }

    private int loop() throws TenderException {
        try {
            for (;;) {
                VmExit exit = vcpu.run();
                counters.exit(exit);
                if (debug.onExit(exit)) {
                    continue;
                }
                ExitAction action = arch.decodeExit(exit, vcpu, mem);
                if (action instanceof ExitAction.Hypercall call) {
                    counters.call(call.number());
                    if (call.number() == HvtCalls.HALT) {
                        return halt(call.gpa());
                    }
                    dispatch(call.number(), call.gpa());
                }
            }
        } catch (ErrnoException e) {
            throw KvmFailures.fatal(e);
        }
    }

    private void dispatch(int nr, long gpa) throws TenderException {
        Hypercall handler = table.lookup(nr);
        if (handler == null) {
            throw new TenderException("Invalid guest hypercall: num=" + nr);
        }
        try {
            handler.handle(gpa);
        } catch (GuestAccessException e) {
            throw invalidAccess(table.name(nr), nr, e.getMessage());
        } catch (GuestWriteFault e) {
            throw invalidAccess(table.name(nr), nr, e.getMessage());
        }
    }

    /** Solo5 prints {@code <source>:<line>: Invalid guest access: ...}; tender names the hypercall instead. */
    private static TenderException invalidAccess(String name, int nr, String message) {
        return new TenderException("hvt/" + name + ":" + nr + ": " + message);
    }

    /** HALT (docs/abi.md §9.2): validate the structure and the cookie, run the halt hooks, return status & 0xFF. */
    private int halt(long gpa) throws TenderException {
        try {
            GuestRange args = mem.newRange().request(gpa, 16);
            long cookie = args.getLong(0);
            int status = args.getInt(8);
            if (cookie != 0) {
                mem.newRange().request(cookie, HvtAbi.HALT_COOKIE_SIZE);
            }
            haltHooks.halted(status & 0xFF, cookie);
            return status & 0xFF;
        } catch (GuestAccessException e) {
            throw invalidAccess("HALT", HvtCalls.HALT, e.getMessage());
        }
    }
}
