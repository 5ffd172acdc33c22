package dev.tender.hvt.arch.x86_64;

import dev.tender.core.TenderException;
import dev.tender.hvt.HvtCalls;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.arch.FatalExits;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmX86;
import java.util.Optional;

/**
 * x86_64 exit decoding (docs/abi.md §9.1): an {@code OUTL} to port 0x500 + N is hypercall N with the 32-bit
 * guest-physical address of its arguments; EINTR enters the guest again; everything else ends the tender
 * with solo5-hvt's message.
 */
final class X86Exits {
    private static final ExitAction RESUME = new ExitAction.Resume();
    /** An OUTL: the hypercall argument is a 32-bit GPA. */
    private static final int HYPERCALL_OUT_SIZE = 4;

    private X86Exits() {
    }

    static ExitAction decode(VmExit exit, VirtualCpu vcpu, GuestMemory mem) throws TenderException {
        if (exit instanceof VmExit.Io io) {
            return hypercall(io);
        }
        if (exit instanceof VmExit.Interrupted) {
            return RESUME;
        }
        throw fatal(exit, vcpu, mem);
    }

    /** Only a 4-byte OUT to one of the hypercall ports is a hypercall; the value is zero-extended. */
    static ExitAction.Hypercall hypercall(VmExit.Io io) throws TenderException {
        int port = io.port();
        if (!io.out() || io.size() != HYPERCALL_OUT_SIZE || port < X86HvtArch.PIO_BASE
                || port >= X86HvtArch.PIO_BASE + HvtCalls.MAX) {
            throw new TenderException(String.format("Invalid guest port access: port=0x%x", port));
        }
        return new ExitAction.Hypercall(port - X86HvtArch.PIO_BASE, io.value() & 0xFFFF_FFFFL);
    }

    /** The exception for an exit that ends the guest (thrown by the caller, or here if RIP cannot be read). */
    private static TenderException fatal(VmExit exit, VirtualCpu vcpu, GuestMemory mem) throws TenderException {
        if (exit instanceof VmExit.TranslationFault || isWriteToGuestRam(exit, mem)) {
            return new TenderException(String.format("KVM: host/guest translation fault: rip=0x%x",
                    rip(vcpu, "guest fault")));
        }
        Optional<TenderException> failure = FatalExits.entryOrInternalError(exit);
        if (failure.isPresent()) {
            return failure.get();
        }
        int reason = FatalExits.reason(exit);
        return new TenderException(String.format("KVM: unhandled exit: exit_reason=0x%x, rip=0x%x", reason,
                rip(vcpu, "unhandled exit")));
    }

    /**
     * hvt on x86_64 has no MMIO devices, and all of RAM is in memslot 0, so an MMIO write inside the
     * allocation can only be a write to host-read-only guest memory. Standard KVM fails KVM_RUN with EFAULT
     * for that; some nested KVMs ("PVM") report KVM_EXIT_MMIO instead. Both mean the same guest fault.
     */
    private static boolean isWriteToGuestRam(VmExit exit, GuestMemory mem) {
        return exit instanceof VmExit.Mmio mmio && mmio.write()
                && Long.compareUnsigned(mmio.address(), mem.allocationSize()) < 0;
    }

    /** The guest's RIP (KVM_GET_REGS), for a fatal exit's message; solo5-hvt's message if that fails too. */
    private static long rip(VirtualCpu vcpu, String after) throws TenderException {
        try (NativeMemory regs = new NativeMemory(KvmX86.Regs.SIZE)) {
            vcpu.getRegs(regs);
            return regs.getLong(KvmX86.Regs.RIP);
        } catch (ErrnoException e) {
            throw new TenderException("KVM: ioctl (GET_REGS) failed after " + after + ": " + e.reason());
        }
    }
}
