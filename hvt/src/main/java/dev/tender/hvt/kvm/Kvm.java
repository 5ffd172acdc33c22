package dev.tender.hvt.kvm;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmX86;

/** An open /dev/kvm. Owns the VMs it creates only in the sense that they must be closed first. */
public final class Kvm implements AutoCloseable {
    public static final String DEVICE = "/dev/kvm";
    private final int fd;

    private Kvm(int fd) {
        this.fd = fd;
    }

    /** Opens /dev/kvm read-write, close-on-exec. */
    public static Kvm open() throws ErrnoException {
        return new Kvm(LibC.open(DEVICE, LibC.O_RDWR | LibC.O_CLOEXEC));
    }

    public int apiVersion() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_GET_API_VERSION, 0, "KVM_GET_API_VERSION");
    }

    public int checkExtension(int capability) throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_CHECK_EXTENSION, capability, "KVM_CHECK_EXTENSION");
    }

    public int vcpuMmapSize() throws ErrnoException {
        return KvmApi.ioctl(fd, KvmApi.KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
    }

    /**
     * KVM_GET_SUPPORTED_CPUID with room for {@code entries} leaves, as a ready kvm_cpuid2 buffer that the
     * caller owns (and passes to {@link Vcpu#setCpuid}).
     */
    public NativeMemory supportedCpuid(int entries) throws ErrnoException {
        NativeMemory buf = new NativeMemory(KvmX86.Cpuid.HEADER + (long) entries * KvmX86.Cpuid.ENTRY_SIZE);
        buf.putInt(KvmX86.Cpuid.NENT, entries);
        try {
            KvmApi.ioctl(fd, KvmX86.KVM_GET_SUPPORTED_CPUID, buf.address(), "KVM_GET_SUPPORTED_CPUID");
            return buf;
        } catch (ErrnoException e) {
            buf.close();
            throw e;
        }
    }

    public Vm createVm() throws ErrnoException {
        int vmfd = KvmApi.ioctl(fd, KvmApi.KVM_CREATE_VM, 0, "KVM_CREATE_VM");
        return new Vm(this, vmfd);
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}
