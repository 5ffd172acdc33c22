package dev.tender.hvt.debug;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.debug.core.CoreLayout;
import dev.tender.hvt.debug.gdb.PointKind;
import dev.tender.hvt.debug.gdb.Stop;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VmExit;

/**
 * What debugging a guest needs from the CPU architecture (docs/debugging.md): gdb's register block, the
 * breakpoint instruction, the hardware debug registers KVM_SET_GUEST_DEBUG programs, what a debug exit means,
 * and the registers of a core file. One implementation per architecture, behind {@code HvtArch.debug()}.
 */
public interface DebugArch {
    /** The registers as gdb's {@code g} packet lays them out for this architecture (little-endian). */
    byte[] readGdbRegisters(Vcpu vcpu) throws ErrnoException;

    /** Sets the registers a {@code G} block covers (a shorter block sets fewer). */
    void writeGdbRegisters(Vcpu vcpu, byte[] block) throws ErrnoException;

    /** The bytes a software breakpoint writes over the guest's code. */
    byte[] breakpointInstruction();

    /**
     * Whether {@code exit} is the guest reaching one of the software breakpoints (an exit other than
     * KVM_EXIT_DEBUG, where the architecture's breakpoint instruction is not a trap); if so, the vCPU is left
     * with its program counter at the breakpoint's address, as gdb expects. {@code isBreakpoint} says whether a
     * software breakpoint is set at an address.
     */
    boolean atSoftwareBreakpoint(VmExit exit, Vcpu vcpu, java.util.function.LongPredicate isBreakpoint)
            throws ErrnoException;

    /** The hardware break- and watchpoint slots this host's KVM offers. */
    HardwarePoints hardwarePoints(Kvm kvm) throws ErrnoException;

    /** Whether a hardware point of this kind, address and length can be programmed at all. */
    boolean supports(PointKind kind, long address, int length);

    /**
     * KVM_SET_GUEST_DEBUG for the next entries: single-step or not, trap the breakpoint instruction or not, and
     * the hardware points. With nothing asked for, debugging is switched off.
     */
    void applyGuestDebug(Vcpu vcpu, boolean step, boolean softwareBreakpoints, HardwarePoints points)
            throws ErrnoException;

    /** Why the guest stopped, from a KVM_EXIT_DEBUG. */
    Stop decodeDebugExit(VmExit.Debug exit, HardwarePoints points);

    /** The architecture's ELF core: machine and NT_PRSTATUS layout. */
    CoreLayout coreLayout();

    /**
     * The {@code pr_reg} bytes of the core's NT_PRSTATUS: the vCPU's registers, or where the guest's halt
     * {@code cookie} points at a trap frame (x86_64), the trapping context's. {@code cookie} is 0 for none; its
     * range is already checked.
     */
    byte[] coreRegisters(Vcpu vcpu, GuestMemory mem, long cookie) throws ErrnoException;
}
