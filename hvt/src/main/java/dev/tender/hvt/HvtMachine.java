package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.boot.X86Boot;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.Vm;
import dev.tender.hvt.sys.KvmApi;

/**
 * One hvt guest on KVM: /dev/kvm, the VM, vCPU 0 and guest memory, created and initialised as solo5-hvt
 * does (docs/abi.md §5), with its messages. Closing releases everything in reverse order.
 */
final class HvtMachine implements AutoCloseable {
    private static final int CPUID_ENTRIES = 100;

    private final Kvm kvm;
    private final Vm vm;
    private final Vcpu vcpu;
    private final GuestMemory memory;
    private final boolean ioeventfd;

    private HvtMachine(Kvm kvm, Vm vm, Vcpu vcpu, GuestMemory memory, boolean ioeventfd) {
        this.kvm = kvm;
        this.vm = vm;
        this.vcpu = vcpu;
        this.memory = memory;
        this.ioeventfd = ioeventfd;
    }

    /** docs/abi.md §5.1: open /dev/kvm, create the VM and vCPU 0, map kvm_run, allocate and register memory. */
    static HvtMachine create(long memSize) throws TenderException {
        Kvm kvm;
        try {
            kvm = Kvm.open();
        } catch (ErrnoException e) {
            throw new TenderException("Could not open: " + Kvm.DEVICE + ": " + e.reason());
        }
        Vm vm = null;
        Vcpu vcpu = null;
        GuestMemory mem = null;
        try {
            int api = kvm.apiVersion();
            if (api != KvmApi.API_VERSION) {
                throw new TenderException("KVM: API version is " + api + ", solo5-hvt requires version "
                        + KvmApi.API_VERSION);
            }
            vm = kvm.createVm();
            int mmapSize = kvm.vcpuMmapSize();
            if (mmapSize < KvmApi.Run.SIZE) {
                throw new TenderException("KVM: invalid VCPU_MMAP_SIZE: " + mmapSize);
            }
            vcpu = vm.createVcpu(0, mmapSize);
            if (kvm.checkExtension(KvmApi.KVM_CAP_USER_MEMORY) != 1) {
                throw new TenderException("KVM: host does not support KVM_CAP_USER_MEMORY");
            }
            try {
                mem = GuestMemory.allocate(memSize);
            } catch (ErrnoException e) {
                throw new TenderException("Error allocating guest memory: " + e.reason());
            }
            vm.setMemoryRegion(0, 0, memSize, mem.hostBase());
            boolean ioeventfd = kvm.checkExtension(KvmApi.KVM_CAP_IOEVENTFD) > 0;
            return new HvtMachine(kvm, vm, vcpu, mem, ioeventfd);
        } catch (ErrnoException e) {
            closeAll(mem, vcpu, vm, kvm);
            throw KvmFailures.fatal(e);
        } catch (TenderException | RuntimeException e) {
            closeAll(mem, vcpu, vm, kvm);
            throw e;
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception ignored) {
                // clean-up after a failure: the first error is the one reported
            }
        }
    }

    GuestMemory memory() {
        return memory;
    }

    Vm vm() {
        return vm;
    }

    Vcpu vcpu() {
        return vcpu;
    }

    boolean hasIoEventFd() {
        return ioeventfd;
    }

    /** docs/abi.md §5.3: GDT, page tables, CPUID, SREGS, TSC frequency and REGS. Returns the cycle frequency in Hz. */
    long initVcpu(long entry) throws TenderException {
        X86Boot.writeGdt(memory);
        X86Boot.writePageTables(memory);
        try {
            try (NativeMemory cpuid = supportedCpuid()) {
                vcpu.setCpuid(cpuid);
            }
            try (NativeMemory sregs = new NativeMemory(KvmApi.Sregs.SIZE)) {
                X86Boot.fillSregs(sregs);
                vcpu.setSregs(sregs);
            }
            if (kvm.checkExtension(KvmApi.KVM_CAP_GET_TSC_KHZ) != 1) {
                throw new TenderException("KVM: host does not support KVM_CAP_GET_TSC_KHZ");
            }
            long freq;
            try {
                freq = vcpu.tscKhz() * 1000L;
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EIO) {
                    throw new TenderException("KVM: host TSC is unstable, cannot continue");
                }
                throw e;
            }
            try (NativeMemory regs = new NativeMemory(KvmApi.Regs.SIZE)) {
                X86Boot.fillRegs(regs, entry, memory.size());
                vcpu.setRegs(regs);
            }
            return freq;
        } catch (ErrnoException e) {
            throw KvmFailures.fatal(e);
        }
    }

    /**
     * KVM_GET_SUPPORTED_CPUID with room for 100 leaves, as Solo5 asks; a host with more (E2BIG) gets a larger
     * buffer instead of a failure.
     */
    private NativeMemory supportedCpuid() throws ErrnoException {
        for (int entries = CPUID_ENTRIES; ; entries *= 2) {
            try {
                return kvm.supportedCpuid(entries);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.E2BIG || entries >= 4096) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        closeAll(vcpu, vm, memory, kvm);
    }
}
