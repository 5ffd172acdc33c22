package dev.tender.hvt;

import dev.tender.core.hypercall.HvtCalls;
import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Hypercall;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;

/** The vCPU loop (docs/abi.md §9.1): enter the guest, dispatch hypercalls, end on HALT or a fatal exit. */
final class RunLoop {
    private final VirtualCpu vcpu;
    private final GuestMemory mem;
    private final HypercallTable table;
    private final ModuleContext context;

    RunLoop(VirtualCpu vcpu, GuestMemory mem, HypercallTable table, ModuleContext context) {
        this.vcpu = vcpu;
        this.mem = mem;
        this.table = table;
        this.context = context;
    }

    /** Runs until the guest halts; returns the process exit status. */
    int run() throws TenderException {
        try {
            for (;;) {
                VmExit exit = vcpu.run();
                if (exit instanceof VmExit.Io) {
                    VmExit.Io io = (VmExit.Io) exit;
                    int port = io.port();
                    if (!io.out() || io.size() != 4 || port < HvtAbi.PIO_BASE
                            || port >= HvtAbi.PIO_BASE + HvtCalls.MAX) {
                        throw new TenderException(String.format("Invalid guest port access: port=0x%x", port));
                    }
                    int nr = port - HvtAbi.PIO_BASE;
                    if (nr == HvtCalls.HALT) {
                        return halt(io.value());
                    }
                    dispatch(nr, io.value());
                } else if (exit instanceof VmExit.Interrupted) {
                    continue;
                } else {
                    fatalExit(exit);
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
            mem.checkGuest(gpa, 16);
            long cookie = mem.getLong(gpa);
            int status = mem.getInt(gpa + 8);
            if (cookie != 0) {
                mem.checkGuest(cookie, HvtAbi.HALT_COOKIE_SIZE);
            }
            context.runHaltHooks();
            return status & 0xFF;
        } catch (GuestAccessException e) {
            throw invalidAccess("HALT", HvtCalls.HALT, e.getMessage());
        }
    }

    private void fatalExit(VmExit exit) throws TenderException, ErrnoException {
        if (exit instanceof VmExit.TranslationFault || isWriteToGuestRam(exit)) {
            throw new TenderException(String.format("KVM: host/guest translation fault: rip=0x%x", rip("fault")));
        }
        if (exit instanceof VmExit.FailEntry) {
            throw new TenderException(String.format("KVM: entry failure: hw_entry_failure_reason=0x%x",
                    ((VmExit.FailEntry) exit).hardwareReason()));
        }
        if (exit instanceof VmExit.InternalError) {
            throw new TenderException(String.format("KVM: internal error exit: suberror=0x%x",
                    ((VmExit.InternalError) exit).suberror()));
        }
        int reason = exit instanceof VmExit.Mmio ? KvmApi.EXIT_MMIO : ((VmExit.Unhandled) exit).reason();
        throw new TenderException(String.format("KVM: unhandled exit: exit_reason=0x%x, rip=0x%x", reason,
                rip("unhandled exit")));
    }

    /**
     * hvt on x86_64 has no MMIO devices, and all of RAM is in memslot 0, so an MMIO write inside the
     * allocation can only be a write to host-read-only guest memory. Standard KVM fails KVM_RUN with EFAULT
     * for that; some nested KVMs ("PVM") report KVM_EXIT_MMIO instead. Both mean the same guest fault.
     */
    private boolean isWriteToGuestRam(VmExit exit) {
        return exit instanceof VmExit.Mmio && ((VmExit.Mmio) exit).write()
                && Long.compareUnsigned(((VmExit.Mmio) exit).address(), mem.allocationSize()) < 0;
    }

    private long rip(String after) throws TenderException {
        try (NativeMemory regs = new NativeMemory(KvmApi.Regs.SIZE)) {
            vcpu.getRegs(regs);
            return regs.getLong(KvmApi.Regs.RIP);
        } catch (ErrnoException e) {
            throw new TenderException("KVM: ioctl (GET_REGS) failed after " + (after.equals("fault")
                    ? "guest fault" : after) + ": " + e.reason());
        }
    }
}
