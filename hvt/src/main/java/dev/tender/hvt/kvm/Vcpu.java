package dev.tender.hvt.kvm;

import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.core.sys.RawMemory;
import dev.tender.hvt.sys.KvmApi;

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
        KvmApi.ioctl(fd, KvmApi.KVM_SET_CPUID2, cpuid2.address(), "KVM_SET_CPUID2");
    }

    public void setSregs(NativeMemory sregs) throws ErrnoException {
        KvmApi.ioctl(fd, KvmApi.KVM_SET_SREGS, sregs.address(), "KVM_SET_SREGS");
    }

    public void setRegs(NativeMemory newRegs) throws ErrnoException {
        KvmApi.ioctl(fd, KvmApi.KVM_SET_REGS, newRegs.address(), "KVM_SET_REGS");
    }

    @Override
    public void getRegs(NativeMemory out) throws ErrnoException {
        KvmApi.ioctl(fd, KvmApi.KVM_GET_REGS, out.address(), "KVM_GET_REGS");
    }

    /** KVM_GET_TSC_KHZ (returns the frequency; a negative errno is reported as an exception). */
    public int tscKhz() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_GET_TSC_KHZ, 0, "KVM_GET_TSC_KHZ");
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
