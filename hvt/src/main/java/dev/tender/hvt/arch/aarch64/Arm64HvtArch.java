package dev.tender.hvt.arch.aarch64;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.aarch64.Arm64Syscalls;
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
import dev.tender.hvt.sys.KvmArm64;
import dev.tender.manifest.elf.ElfImage;

/**
 * hvt on aarch64 (docs/abi.md, "aarch64"): memory in 2 MiB blocks up to the 4 GiB hypercall window, an
 * identity map with the MMU on from the first instruction, the generic timer's counter as cycle counter,
 * hypercalls as 32-bit stores to 0x100000000 + number × 8, the ring doorbell at 0x100000100.
 */
public final class Arm64HvtArch implements HvtArch {
    /** The first address above RAM: hypercall N is a 32-bit store to MMIO_BASE + N × HYPERCALL_STRIDE. */
    public static final long MMIO_BASE = 0x100000000L;
    public static final int HYPERCALL_STRIDE = 8;
    /** Where the guest writes to kick the ring's I/O thread. */
    public static final long KICK_ADDRESS = MMIO_BASE + 0x100;
    /** Where the start-up probe reports the counter frequency: in the window, clear of every guest address. */
    static final long PROBE_ADDRESS = MMIO_BASE + 0x200;
    public static final long BOOT_INFO = 0x10000;
    static final long BLOCK_2M = 0x200000L;

    private static final MemorySize SIZES = new MemorySize(BLOCK_2M, MMIO_BASE);
    private static final DoorbellAddress DOORBELL = new DoorbellAddress(KICK_ADDRESS, 4, false);

    @Override
    public int elfMachine() {
        return ElfImage.EM_AARCH64;
    }

    @Override
    public MemorySize memorySize() {
        return SIZES;
    }

    @Override
    public long bootInfoAddress() {
        return BOOT_INFO;
    }

    @Override
    public long initVcpu(Vm vm, Vcpu vcpu, GuestMemory mem, long entry) throws TenderException, ErrnoException {
        return Arm64VcpuSetup.run(vm, vcpu, mem, entry);
    }

    @Override
    public DoorbellAddress doorbell() {
        return DOORBELL;
    }

    @Override
    public ExitAction decodeExit(VmExit exit, VirtualCpu vcpu, GuestMemory mem) throws TenderException {
        return Arm64Exits.decode(exit, vcpu);
    }

    @Override
    public SeccompArch seccompArch() {
        return Arm64Syscalls.INSTANCE;
    }

    @Override
    public long[] exitIoctls() {
        return new long[] {KvmArm64.KVM_GET_ONE_REG};
    }

    @Override
    public DebugArch debug() {
        return new Arm64Debug();
    }
}
