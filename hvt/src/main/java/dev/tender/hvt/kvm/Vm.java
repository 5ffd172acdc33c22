package dev.tender.hvt.kvm;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmArm64;

/** A KVM virtual machine: memory slots, ioeventfds and its vCPUs. */
public final class Vm implements AutoCloseable {
    private final Kvm kvm;
    private final int fd;

    Vm(Kvm kvm, int fd) {
        this.kvm = kvm;
        this.fd = fd;
    }

    public Kvm kvm() {
        return kvm;
    }

    /** Creates vCPU {@code id} and maps its kvm_run area ({@code mmapSize} bytes). */
    public Vcpu createVcpu(int id, int mmapSize) throws ErrnoException {
        int vcpufd = KvmApi.ioctl(fd, KvmApi.KVM_CREATE_VCPU, id, "KVM_CREATE_VCPU");
        return Vcpu.map(vcpufd, mmapSize);
    }

    /** KVM_SET_USER_MEMORY_REGION for one slot. */
    public void setMemoryRegion(int slot, long guestPhys, long size, long hostAddress) throws ErrnoException {
        try (NativeMemory region = new NativeMemory(KvmApi.MemoryRegion.SIZE)) {
            region.putInt(KvmApi.MemoryRegion.SLOT, slot);
            region.putInt(KvmApi.MemoryRegion.FLAGS, 0);
            region.putLong(KvmApi.MemoryRegion.GUEST_PHYS_ADDR, guestPhys);
            region.putLong(KvmApi.MemoryRegion.MEMORY_SIZE, size);
            region.putLong(KvmApi.MemoryRegion.USERSPACE_ADDR, hostAddress);
            KvmApi.ioctl(fd, KvmApi.KVM_SET_USER_MEMORY_REGION, region.address(), "KVM_SET_USER_MEMORY_REGION");
        }
    }

    /** Binds {@code eventfd} to any 4-byte write at {@code address} (PIO when {@code pio}, else MMIO). */
    public void addIoEventFd(long address, int length, int eventfd, boolean pio) throws ErrnoException {
        try (NativeMemory req = new NativeMemory(KvmApi.IoEventFd.SIZE)) {
            req.putLong(KvmApi.IoEventFd.ADDR, address);
            req.putInt(KvmApi.IoEventFd.LEN, length);
            req.putInt(KvmApi.IoEventFd.FD, eventfd);
            req.putInt(KvmApi.IoEventFd.FLAGS, pio ? KvmApi.IOEVENTFD_FLAG_PIO : 0);
            KvmApi.ioctl(fd, KvmApi.KVM_IOEVENTFD, req.address(), "KVM_IOEVENTFD");
        }
    }

    /** KVM_ARM_PREFERRED_TARGET: fills {@code vcpuInit}, a {@code struct kvm_vcpu_init}, for this host. */
    public void armPreferredTarget(NativeMemory vcpuInit) throws ErrnoException {
        KvmApi.ioctl(fd, KvmArm64.KVM_ARM_PREFERRED_TARGET, vcpuInit.address(), "KVM_ARM_PREFERRED_TARGET");
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}
