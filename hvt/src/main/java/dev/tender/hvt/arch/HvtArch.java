package dev.tender.hvt.arch;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.boot.MemorySize;
import dev.tender.hvt.debug.DebugArch;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.Vm;
import dev.tender.hvt.kvm.VmExit;

/**
 * Everything about an hvt guest that depends on the CPU architecture. The rest of hvt calls only this; each
 * architecture has one implementation (x86_64, aarch64), and {@link HvtArchs} picks the host's.
 */
public interface HvtArch {
    /** The ELF machine ({@code e_machine}) of the images this architecture runs. */
    int elfMachine();

    /** How guest memory is sized: granule, maximum and the ring reservation. */
    MemorySize memorySize();

    /** Guest-physical address of {@code struct hvt_boot_info}; the manifest and command line follow it. */
    long bootInfoAddress();

    /**
     * Prepares vCPU 0 to enter the loaded image at {@code entry}: what the architecture keeps in guest memory
     * (page tables and the like), then the vCPU's state. Returns the guest's cycle counter frequency in Hz.
     * {@code vm} gives VM-wide queries and {@code vm.kvm()} the system-wide ones. A failed KVM call is thrown as
     * it is (the caller words it); other failures carry their message.
     */
    long initVcpu(Vm vm, Vcpu vcpu, GuestMemory mem, long entry) throws TenderException, ErrnoException;

    /** Where the guest rings the net ring's doorbell (the address an ioeventfd is bound to). */
    DoorbellAddress doorbell();

    /**
     * What the run loop does about {@code exit}: dispatch a hypercall or enter the guest again. A guest
     * error or a fatal exit is thrown with upstream's message; {@code vcpu} is read for the registers it
     * names, {@code mem} tells guest RAM apart.
     */
    ExitAction decodeExit(VmExit exit, VirtualCpu vcpu, GuestMemory mem) throws TenderException;

    /** The system call view of this architecture (audit arch, call numbers), for the tender's seccomp filter. */
    SeccompArch seccompArch();

    /**
     * The vCPU ioctls that {@link #decodeExit} makes while the guest runs (KVM_RUN aside): all the filter
     * allows on the vCPU besides KVM_RUN.
     */
    long[] exitIoctls();

    /** What the debug tender's gdb and dumpcore modules need of this architecture. */
    DebugArch debug();
}
