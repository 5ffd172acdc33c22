package dev.tender.hvt.kvm;

import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.core.sys.RawMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmArm64;
import dev.tender.hvt.sys.KvmX86;

/** One vCPU and its mapped kvm_run page. */
public final class Vcpu implements VirtualCpu, AutoCloseable {
    private final int fd;
    private final long runAddress;
    private final long runSize;
    private final RawMemory run;

    private Vcpu(int fd, long runAddress, long runSize) {
        this.fd = fd;
        this.runAddress = runAddress;
        this.runSize = runSize;
        this.run = new RawMemory(runAddress);
    }

    /** The vCPU's descriptor, which the tender's seccomp filter names. */
    public int fd() {
        return fd;
    }

    /** A descriptor of this vCPU's binary statistics ({@link KvmStats}); fails with ENOTTY before Linux 5.14. */
    public int openStats() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_GET_STATS_FD, 0, "KVM_GET_STATS_FD");
    }

    static Vcpu map(int fd, int mmapSize) throws ErrnoException {
        try {
            long addr = LibC.mmap(0, mmapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0,
                    "mmap kvm_run");
            return new Vcpu(fd, addr, mmapSize);
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    public void setCpuid(NativeMemory cpuid2) throws ErrnoException {
        KvmApi.ioctl(fd, KvmX86.KVM_SET_CPUID2, cpuid2.address(), "KVM_SET_CPUID2");
    }

    public void setSregs(NativeMemory sregs) throws ErrnoException {
        KvmApi.ioctl(fd, KvmX86.KVM_SET_SREGS, sregs.address(), "KVM_SET_SREGS");
    }

    public void getSregs(NativeMemory out) throws ErrnoException {
        KvmApi.ioctl(fd, KvmX86.KVM_GET_SREGS, out.address(), "KVM_GET_SREGS");
    }

    /**
     * KVM_SET_GUEST_DEBUG with a filled {@code struct kvm_guest_debug}; {@code request} is the architecture's
     * ioctl number, as the struct's size (and so the number) differs between them.
     */
    public void setGuestDebug(long request, NativeMemory guestDebug) throws ErrnoException {
        KvmApi.ioctl(fd, request, guestDebug.address(), "KVM_SET_GUEST_DEBUG");
    }

    public void setRegs(NativeMemory newRegs) throws ErrnoException {
        KvmApi.ioctl(fd, KvmX86.KVM_SET_REGS, newRegs.address(), "KVM_SET_REGS");
    }

    @Override
    public void getRegs(NativeMemory out) throws ErrnoException {
        KvmApi.ioctl(fd, KvmX86.KVM_GET_REGS, out.address(), "KVM_GET_REGS");
    }

    /** KVM_GET_TSC_KHZ (returns the frequency; a negative errno is reported as an exception). */
    public int tscKhz() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmX86.KVM_GET_TSC_KHZ, 0, "KVM_GET_TSC_KHZ");
    }

    /** KVM_ARM_VCPU_INIT with a filled {@code struct kvm_vcpu_init}; called again, it resets the vCPU. */
    public void armInit(NativeMemory vcpuInit) throws ErrnoException {
        KvmApi.ioctl(fd, KvmArm64.KVM_ARM_VCPU_INIT, vcpuInit.address(), "KVM_ARM_VCPU_INIT");
    }

    @Override
    public long getOneReg(long id) throws ErrnoException {
        try (NativeMemory value = new NativeMemory(8); NativeMemory reg = oneReg(id, value)) {
            KvmApi.ioctl(fd, KvmArm64.KVM_GET_ONE_REG, reg.address(), "KVM_GET_ONE_REG");
            return value.getLong(0);
        }
    }

    /** KVM_SET_ONE_REG for a 64-bit register. */
    public void setOneReg(long id, long newValue) throws ErrnoException {
        try (NativeMemory value = new NativeMemory(8); NativeMemory reg = oneReg(id, value)) {
            value.putLong(0, newValue);
            KvmApi.ioctl(fd, KvmArm64.KVM_SET_ONE_REG, reg.address(), "KVM_SET_ONE_REG");
        }
    }

    private static NativeMemory oneReg(long id, NativeMemory value) {
        NativeMemory reg = new NativeMemory(KvmArm64.OneReg.SIZE);
        reg.putLong(KvmArm64.OneReg.ID, id);
        reg.putLong(KvmArm64.OneReg.ADDR, value.address());
        return reg;
    }

    /**
     * Completes the exit KVM_RUN last returned (an MMIO store is retired, its PC advanced) without entering the
     * guest: KVM_RUN with kvm_run.immediate_exit set, which returns EINTR once the pending work is done.
     */
    public void completePendingExit() throws ErrnoException {
        run.putByte(KvmApi.Run.IMMEDIATE_EXIT, (byte) 1);
        try {
            VmExit exit = run();
            if (!(exit instanceof VmExit.Interrupted)) {
                throw new IllegalStateException("KVM_RUN with immediate_exit entered the guest: " + exit);
            }
        } finally {
            run.putByte(KvmApi.Run.IMMEDIATE_EXIT, (byte) 0);
        }
    }

    @Override
    public VmExit run() throws ErrnoException {
        try {
            KvmApi.ioctl(fd, KvmApi.KVM_RUN, 0, "KVM_RUN");
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EINTR) {
                return new VmExit.Interrupted();
            }
            if (e.errno() == Errno.EFAULT) {
                return new VmExit.TranslationFault();
            }
            throw e;
        }
        return KvmRunPage.readExit(run, runSize);
    }

    @Override
    public void close() {
        LibC.munmapQuietly(runAddress, runSize);
        LibC.closeQuietly(fd);
    }
}
