package dev.tender.hvt.arch.x86_64;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.x86_64.X86Syscalls;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.arch.DoorbellAddress;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.arch.HvtArch;
import dev.tender.hvt.boot.MemorySize;
import dev.tender.hvt.debug.DebugArch;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VirtualCpu;
import dev.tender.hvt.kvm.Vm;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmX86;
import dev.tender.manifest.elf.ElfImage;

/**
 * hvt on x86_64 (docs/abi.md §3.1, §4, §5): memory in 2 MiB pages up to 4 GiB, identity-mapped long mode,
 * the TSC as cycle counter, hypercalls as 32-bit {@code OUT}s to ports 0x500 + number, the ring doorbell at
 * port 0x600.
 */
public final class X86HvtArch implements HvtArch {
    /** Port of hypercall 0; hypercall N is an OUTL to PIO_BASE + N. */
    public static final int PIO_BASE = 0x500;
    /** Port the guest writes to kick the ring's I/O thread. */
    public static final int KICK_PORT = 0x600;
    /** An x86 2 MiB page: the sizing granule, as the page tables map memory in these. */
    static final long PAGE_2M = 0x200000L;
    /** Four page directories of 2 MiB pages. */
    static final long MAX_MEMORY = 0x100000000L;

    private static final MemorySize SIZES = new MemorySize(PAGE_2M, MAX_MEMORY);
    private static final DoorbellAddress DOORBELL = new DoorbellAddress(KICK_PORT, 4, true);

    @Override
    public int elfMachine() {
        return ElfImage.EM_X86_64;
    }

    @Override
    public MemorySize memorySize() {
        return SIZES;
    }

    @Override
    public long bootInfoAddress() {
        return X86Boot.BOOT_INFO;
    }

    @Override
    public long initVcpu(Vm vm, Vcpu vcpu, GuestMemory mem, long entry) throws TenderException, ErrnoException {
        return X86VcpuSetup.run(vm.kvm(), vcpu, mem, entry);
    }

    @Override
    public DoorbellAddress doorbell() {
        return DOORBELL;
    }

    @Override
    public ExitAction decodeExit(VmExit exit, VirtualCpu vcpu, GuestMemory mem) throws TenderException {
        return X86Exits.decode(exit, vcpu, mem);
    }

    @Override
    public SeccompArch seccompArch() {
        return X86Syscalls.INSTANCE;
    }

    @Override
    public long[] exitIoctls() {
        return new long[] {KvmX86.KVM_GET_REGS};
    }

    @Override
    public DebugArch debug() {
        return new X86Debug();
    }
}
