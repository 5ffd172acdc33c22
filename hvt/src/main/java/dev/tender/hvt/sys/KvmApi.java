package dev.tender.hvt.sys;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;

/**
 * The architecture-neutral part of the Linux KVM UAPI used by the hvt tender: ioctl numbers, capabilities, exit
 * reasons and struct layouts (byte offsets, checked against linux/kvm.h by KvmApiLayoutTest).
 */
public final class KvmApi {
    private KvmApi() {
    }

    // ioctls on /dev/kvm
    public static final long KVM_GET_API_VERSION = 0xAE00L;
    public static final long KVM_CREATE_VM = 0xAE01L;
    public static final long KVM_CHECK_EXTENSION = 0xAE03L;
    public static final long KVM_GET_VCPU_MMAP_SIZE = 0xAE04L;
    // ioctls on a VM
    public static final long KVM_CREATE_VCPU = 0xAE41L;
    public static final long KVM_SET_USER_MEMORY_REGION = 0x4020AE46L;
    public static final long KVM_IOEVENTFD = 0x4040AE79L;
    // ioctls on a vCPU (the architecture-specific ones are in KvmX86 and KvmArm64)
    public static final long KVM_RUN = 0xAE80L;
    /** On a VM or a vCPU: a descriptor of its binary statistics (Linux 5.14 and later). */
    public static final long KVM_GET_STATS_FD = 0xAECEL;

    public static final int API_VERSION = 12;
    public static final int KVM_CAP_USER_MEMORY = 3;
    public static final int KVM_CAP_IOEVENTFD = 36;
    public static final int KVM_CAP_SET_GUEST_DEBUG = 23;
    /** How many hardware breakpoints KVM_SET_GUEST_DEBUG takes (arm64; x86 has its four debug registers). */
    public static final int KVM_CAP_GUEST_DEBUG_HW_BPS = 119;
    /** How many hardware watchpoints KVM_SET_GUEST_DEBUG takes (arm64). */
    public static final int KVM_CAP_GUEST_DEBUG_HW_WPS = 120;
    public static final int KVM_CAP_BINARY_STATS_FD = 203;

    /** struct kvm_guest_debug.control: debugging on, and one instruction per KVM_RUN. */
    public static final int GUESTDBG_ENABLE = 0x1;
    public static final int GUESTDBG_SINGLESTEP = 0x2;

    public static final int EXIT_IO = 2;
    public static final int EXIT_DEBUG = 4;
    public static final int EXIT_HLT = 5;
    public static final int EXIT_MMIO = 6;
    public static final int EXIT_SHUTDOWN = 8;
    public static final int EXIT_FAIL_ENTRY = 9;
    public static final int EXIT_INTERNAL_ERROR = 17;
    public static final int EXIT_IO_OUT = 1;
    public static final int IOEVENTFD_FLAG_PIO = 2;

    /** struct kvm_run (the mapped vCPU page). */
    public static final class Run {
        public static final int SIZE = 2352;
        public static final int IMMEDIATE_EXIT = 1;
        public static final int EXIT_REASON = 8;
        public static final int IO_DIRECTION = 32;
        public static final int IO_SIZE = 33;
        public static final int IO_PORT = 34;
        public static final int IO_COUNT = 36;
        public static final int IO_DATA_OFFSET = 40;
        public static final int MMIO_PHYS_ADDR = 32;
        public static final int MMIO_DATA = 40;
        public static final int MMIO_LEN = 48;
        public static final int MMIO_IS_WRITE = 52;
        public static final int FAIL_ENTRY_REASON = 32;
        public static final int INTERNAL_SUBERROR = 32;
        /** kvm_run.debug.arch: the architecture's struct kvm_debug_exit_arch. */
        public static final int DEBUG_ARCH = 32;

        private Run() {
        }
    }

    /** struct kvm_guest_debug: the control word, then the architecture's struct kvm_guest_debug_arch. */
    public static final class GuestDebug {
        public static final int CONTROL = 0;
        public static final int ARCH = 8;

        private GuestDebug() {
        }
    }

    /** struct kvm_userspace_memory_region. */
    public static final class MemoryRegion {
        public static final int SIZE = 32;
        public static final int SLOT = 0;
        public static final int FLAGS = 4;
        public static final int GUEST_PHYS_ADDR = 8;
        public static final int MEMORY_SIZE = 16;
        public static final int USERSPACE_ADDR = 24;

        private MemoryRegion() {
        }
    }

    /** struct kvm_ioeventfd. */
    public static final class IoEventFd {
        public static final int SIZE = 64;
        public static final int DATAMATCH = 0;
        public static final int ADDR = 8;
        public static final int LEN = 16;
        public static final int FD = 20;
        public static final int FLAGS = 24;

        private IoEventFd() {
        }
    }

    /** struct kvm_stats_header: where the descriptors and the data are in the statistics file. */
    public static final class StatsHeader {
        public static final int SIZE = 24;
        public static final int NAME_SIZE = 4;
        public static final int NUM_DESC = 8;
        public static final int DESC_OFFSET = 16;
        public static final int DATA_OFFSET = 20;

        private StatsHeader() {
        }
    }

    /** struct kvm_stats_desc: one statistic; its name follows (name_size bytes, NUL-padded). */
    public static final class StatsDesc {
        public static final int FLAGS = 0;
        public static final int SIZE = 6;
        public static final int OFFSET = 8;
        public static final int NAME = 16;
        public static final int TYPE_MASK = 0xF;
        public static final int TYPE_CUMULATIVE = 0;
        public static final int TYPE_INSTANT = 1;
        public static final int TYPE_PEAK = 2;

        private StatsDesc() {
        }
    }

    /** ioctl(2) with an integer or pointer argument; failure names the ioctl. */
    public static int ioctl(int fd, long request, long arg, String name) throws ErrnoException {
        return LibC.ioctl(fd, request, arg, name);
    }
}
