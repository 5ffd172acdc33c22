package dev.tender.hvt.sys;

/**
 * The x86_64-only part of the KVM UAPI: CPUID, TSC frequency, general and special registers (byte offsets,
 * checked against the x86_64 linux/kvm.h by KvmApiLayoutTest).
 */
public final class KvmX86 {
    private KvmX86() {
    }

    public static final long KVM_GET_SUPPORTED_CPUID = 0xC008AE05L;
    public static final long KVM_GET_REGS = 0x8090AE81L;
    public static final long KVM_SET_REGS = 0x4090AE82L;
    public static final long KVM_GET_SREGS = 0x8138AE83L;
    public static final long KVM_SET_SREGS = 0x4138AE84L;
    public static final long KVM_SET_CPUID2 = 0x4008AE90L;
    public static final long KVM_GET_TSC_KHZ = 0xAEA3L;
    public static final int KVM_CAP_GET_TSC_KHZ = 61;
    /** On a vCPU, with an x86_64 struct kvm_guest_debug (72 bytes). */
    public static final long KVM_SET_GUEST_DEBUG = 0x4048AE9BL;

    /** struct kvm_regs (x86_64): sixteen GPRs, then rip and rflags. */
    public static final class Regs {
        public static final int SIZE = 144;
        public static final int RAX = 0;
        public static final int RBX = 8;
        public static final int RCX = 16;
        public static final int RDX = 24;
        public static final int RSI = 32;
        public static final int RDI = 40;
        public static final int RSP = 48;
        public static final int RBP = 56;
        public static final int R8 = 64;
        public static final int R9 = 72;
        public static final int R10 = 80;
        public static final int R11 = 88;
        public static final int R12 = 96;
        public static final int R13 = 104;
        public static final int R14 = 112;
        public static final int R15 = 120;
        public static final int RIP = 128;
        public static final int RFLAGS = 136;

        private Regs() {
        }
    }

    /** struct kvm_segment, struct kvm_dtable and struct kvm_sregs (x86_64). */
    public static final class Sregs {
        public static final int SIZE = 312;
        public static final int CS = 0;
        public static final int DS = 24;
        public static final int ES = 48;
        public static final int FS = 72;
        public static final int GS = 96;
        public static final int SS = 120;
        public static final int TR = 144;
        public static final int LDT = 168;
        public static final int GDT = 192;
        public static final int IDT = 208;
        public static final int CR0 = 224;
        public static final int CR2 = 232;
        public static final int CR3 = 240;
        public static final int CR4 = 248;
        public static final int CR8 = 256;
        public static final int EFER = 264;
        public static final int APIC_BASE = 272;

        public static final int SEG_SIZE = 24;
        public static final int SEG_BASE = 0;
        public static final int SEG_LIMIT = 8;
        public static final int SEG_SELECTOR = 12;
        public static final int SEG_TYPE = 14;
        public static final int SEG_PRESENT = 15;
        public static final int SEG_DPL = 16;
        public static final int SEG_DB = 17;
        public static final int SEG_S = 18;
        public static final int SEG_L = 19;
        public static final int SEG_G = 20;
        public static final int SEG_AVL = 21;
        public static final int SEG_UNUSABLE = 22;

        public static final int DTABLE_BASE = 0;
        public static final int DTABLE_LIMIT = 8;

        private Sregs() {
        }
    }

    /** struct kvm_cpuid2 header and struct kvm_cpuid_entry2. */
    public static final class Cpuid {
        public static final int HEADER = 8;
        public static final int NENT = 0;
        public static final int ENTRY_SIZE = 40;
        /** Offsets within one kvm_cpuid_entry2. */
        public static final int FUNCTION = 0;
        public static final int INDEX = 4;
        public static final int FLAGS = 8;
        public static final int EAX = 12;
        public static final int EBX = 16;
        public static final int ECX = 20;
        public static final int EDX = 24;

        private Cpuid() {
        }
    }

    /** The x86 parts of guest debugging: struct kvm_guest_debug_arch, its control flags, the debug exit. */
    public static final class Debug {
        /** sizeof(struct kvm_guest_debug): control, pad, debugreg[8]. */
        public static final int SIZE = 72;
        /** Offset of debugreg[0] in struct kvm_guest_debug; DR7 is debugreg[7]. */
        public static final int DEBUGREG = 8;
        public static final int USE_SW_BP = 0x10000;
        public static final int USE_HW_BP = 0x20000;
        /** kvm_run.debug.arch (struct kvm_debug_exit_arch): exception vector, pc, dr6, dr7. */
        public static final int EXIT_EXCEPTION = 32;
        public static final int EXIT_PC = 40;
        public static final int EXIT_DR6 = 48;
        public static final int EXIT_DR7 = 56;

        private Debug() {
        }
    }
}
