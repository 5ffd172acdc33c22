package dev.tender.hvt.kvm;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;

/**
 * A vCPU as the run loop drives it: enter the guest until the next exit, and read the registers for the
 * message of a fatal exit. {@link Vcpu} is the KVM one; unit tests drive the run loop with their own.
 */
public interface VirtualCpu {
    /** Enters the guest until the next exit. */
    VmExit run() throws ErrnoException;

    /** KVM_GET_REGS: fills {@code regs}, a buffer of the host architecture's {@code struct kvm_regs}. */
    void getRegs(NativeMemory regs) throws ErrnoException;

    /** KVM_GET_ONE_REG: the 64-bit register {@code id} (arm64 reads its registers one at a time). */
    long getOneReg(long id) throws ErrnoException;
}
