package dev.tender.hvt.arch.aarch64;

import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.HvtCalls;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.arch.FatalExits;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmArm64;
import java.util.Optional;

/**
 * aarch64 exit decoding (docs/abi.md, "aarch64"): a 4-byte MMIO store to 0x100000000 + N × 8 is hypercall N,
 * the stored word the guest-physical address of its arguments; EINTR enters the guest again; everything else
 * ends the tender with solo5-hvt's message, which names the guest's PC.
 */
final class Arm64Exits {
    private static final ExitAction RESUME = new ExitAction.Resume();
    /** A 32-bit store: the hypercall argument is a 32-bit GPA. */
    private static final int HYPERCALL_STORE_SIZE = 4;
    private static final long HYPERCALL_END = Arm64HvtArch.MMIO_BASE + (long) HvtCalls.MAX * Arm64HvtArch.HYPERCALL_STRIDE;

    private Arm64Exits() {
    }

    static ExitAction decode(VmExit exit, VirtualCpu vcpu) throws TenderException {
        if (exit instanceof VmExit.Mmio mmio) {
            return hypercall(mmio);
        }
        if (exit instanceof VmExit.Interrupted) {
            return RESUME;
        }
        throw fatal(exit, vcpu);
    }

    /** Only a 4-byte store inside the hypercall window is a hypercall; the word is zero-extended. */
    static ExitAction.Hypercall hypercall(VmExit.Mmio mmio) throws TenderException {
        long address = mmio.address();
        if (!mmio.write() || mmio.length() != HYPERCALL_STORE_SIZE) {
            throw new TenderException(String.format("Invalid guest mmio access: mmio=0x%x len=%d", address,
                    mmio.length()));
        }
        if (Long.compareUnsigned(address, Arm64HvtArch.MMIO_BASE) < 0
                || Long.compareUnsigned(address, HYPERCALL_END) >= 0) {
            throw new TenderException(String.format("Invalid guest mmio access: mmio=0x%x", address));
        }
        int number = (int) ((address - Arm64HvtArch.MMIO_BASE) / Arm64HvtArch.HYPERCALL_STRIDE);
        return new ExitAction.Hypercall(number, mmio.data() & 0xFFFF_FFFFL);
    }

    private static TenderException fatal(VmExit exit, VirtualCpu vcpu) throws TenderException {
        if (exit instanceof VmExit.TranslationFault) {
            return new TenderException(String.format("KVM: host/guest translation fault: pc=0x%x",
                    pc(vcpu, "guest fault")));
        }
        Optional<TenderException> failure = FatalExits.entryOrInternalError(exit);
        if (failure.isPresent()) {
            return failure.get();
        }
        return new TenderException(String.format("KVM: unhandled exit: exit_reason=0x%x, pc=0x%x",
                FatalExits.reason(exit), pc(vcpu, "unhandled exit")));
    }

    /** The guest's PC (KVM_GET_ONE_REG), for a fatal exit's message; solo5-hvt's message if that fails too. */
    private static long pc(VirtualCpu vcpu, String after) throws TenderException {
        try {
            return vcpu.getOneReg(KvmArm64.RegId.PC);
        } catch (ErrnoException e) {
            throw new TenderException("KVM: Dump PC failed after " + after);
        }
    }
}
