package dev.tender.hvt.kvm;

import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.core.sys.RawMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmApi.Run;

/** One vCPU and its mapped kvm_run page. */
public final class Vcpu implements AutoCloseable {
    private final int fd;
    private final long runAddress;
    private final long runSize;
    private final RawMemory run;
    private final NativeMemory regs = new NativeMemory(KvmApi.Regs.SIZE);

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

    /** The guest's RIP, from KVM_GET_REGS. */
    public long rip() throws ErrnoException {
        KvmApi.ioctl(fd, KvmApi.KVM_GET_REGS, regs.address(), "KVM_GET_REGS");
        return regs.getLong(KvmApi.Regs.RIP);
    }

    /** KVM_GET_TSC_KHZ (returns the frequency; a negative errno is reported as an exception). */
    public int tscKhz() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_GET_TSC_KHZ, 0, "KVM_GET_TSC_KHZ");
    }

    /** Enters the guest until the next exit. */
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
        int reason = run.getInt(Run.EXIT_REASON);
        switch (reason) {
            case KvmApi.EXIT_IO: {
                long dataOffset = run.getLong(Run.IO_DATA_OFFSET);
                int size = run.getByte(Run.IO_SIZE);
                long value = dataOffset >= 0 && dataOffset + 4 <= runSize
                        ? Integer.toUnsignedLong(run.getInt(dataOffset)) : 0;
                return new VmExit.Io(Short.toUnsignedInt(run.getShort(Run.IO_PORT)), size,
                        run.getByte(Run.IO_DIRECTION) == KvmApi.EXIT_IO_OUT, value);
            }
            case KvmApi.EXIT_MMIO:
                return new VmExit.Mmio(run.getLong(Run.MMIO_PHYS_ADDR), run.getInt(Run.MMIO_LEN),
                        run.getByte(Run.MMIO_IS_WRITE) != 0, run.getLong(Run.MMIO_DATA));
            case KvmApi.EXIT_FAIL_ENTRY:
                return new VmExit.FailEntry(run.getLong(Run.FAIL_ENTRY_REASON));
            case KvmApi.EXIT_INTERNAL_ERROR:
                return new VmExit.InternalError(run.getInt(Run.INTERNAL_SUBERROR));
            default:
                return new VmExit.Unhandled(reason);
        }
    }

    @Override
    public void close() {
        regs.close();
        LibC.munmapQuietly(runAddress, runSize);
        LibC.closeQuietly(fd);
    }
}
