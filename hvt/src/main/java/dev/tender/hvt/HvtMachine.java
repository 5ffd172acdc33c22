package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.arch.HvtArch;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.Vm;
import dev.tender.hvt.sys.KvmApi;

/**
 * One hvt guest on KVM: /dev/kvm, the VM, vCPU 0 and guest memory, created and initialised as solo5-hvt
 * does (docs/abi.md §5), with its messages. Closing releases everything in reverse order.
 */
final class HvtMachine implements AutoCloseable {
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

    Kvm kvm() {
        return kvm;
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

    /** The architecture's boot state for vCPU 0 (docs/abi.md §5.3). Returns the cycle frequency in Hz. */
    long initVcpu(HvtArch arch, long entry) throws TenderException {
        try {
            return arch.initVcpu(vm, vcpu, memory, entry);
        } catch (ErrnoException e) {
            throw KvmFailures.fatal(e);
        }
    }

    @Override
    public void close() {
        closeAll(vcpu, vm, memory, kvm);
    }
}
