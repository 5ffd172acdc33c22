package dev.tender.hvt.sys;

/**
 * The arm64-only part of the KVM UAPI: vCPU target and initialisation, and registers read and written one at a
 * time through {@code struct kvm_one_reg} with the 64-bit register ids of arm64's asm/kvm.h (checked against
 * the aarch64 headers by KvmArm64LayoutTest).
 */
public final class KvmArm64 {
    private KvmArm64() {
    }

    /** On a VM: fills a {@code struct kvm_vcpu_init} with the target this host's KVM prefers. */
    public static final long KVM_ARM_PREFERRED_TARGET = 0x8020AEAFL;
    /** On a vCPU: initialises (or resets) it for a {@code struct kvm_vcpu_init}. */
    public static final long KVM_ARM_VCPU_INIT = 0x4020AEAEL;
    public static final long KVM_GET_ONE_REG = 0x4010AEABL;
    public static final long KVM_SET_ONE_REG = 0x4010AEACL;
    /** On a vCPU, with an arm64 struct kvm_guest_debug (520 bytes). */
    public static final long KVM_SET_GUEST_DEBUG = 0x4208AE9BL;

    /** The arm64 parts of guest debugging: struct kvm_guest_debug_arch, its control flags, the debug exit. */
    public static final class Debug {
        /** sizeof(struct kvm_guest_debug): control, pad, then dbg_bcr, dbg_bvr, dbg_wcr, dbg_wvr (16 × u64 each). */
        public static final int SIZE = 520;
        public static final int BCR = 8;
        public static final int BVR = 136;
        public static final int WCR = 264;
        public static final int WVR = 392;
        /** Register slots in each array of struct kvm_guest_debug_arch. */
        public static final int SLOTS = 16;
        public static final int USE_SW_BP = 0x10000;
        public static final int USE_HW = 0x20000;
        /** kvm_run.debug.arch (struct kvm_debug_exit_arch): the syndrome (ESR), its high half, the fault address. */
        public static final int EXIT_HSR = 32;
        public static final int EXIT_HSR_HIGH = 36;
        public static final int EXIT_FAR = 40;

        private Debug() {
        }
    }

    /** struct kvm_vcpu_init: a target and seven words of feature bits. */
    public static final class VcpuInit {
        public static final int SIZE = 32;
        public static final int TARGET = 0;
        public static final int FEATURES = 4;

        private VcpuInit() {
        }
    }

    /** struct kvm_one_reg: the register id and the user address its value is copied from or to. */
    public static final class OneReg {
        public static final int SIZE = 16;
        public static final int ID = 0;
        public static final int ADDR = 8;

        private OneReg() {
        }
    }

    /** Ids of 64-bit registers: KVM_REG_ARM64 | KVM_REG_SIZE_U64, then the register class and index. */
    public static final class RegId {
        private static final long ARM64_U64 = 0x6030000000000000L;
        private static final long CORE = 0x0010L << 16;
        private static final long SYSREG = 0x0013L << 16;

        /** General register Xn (struct kvm_regs: regs.regs[n], counted in 32-bit words). */
        public static long x(int n) {
            if (n < 0 || n > 30) {
                throw new IllegalArgumentException("x" + n);
            }
            return core(2L * n);
        }

        /** regs.pc: offset 256 in struct kvm_regs. */
        public static final long PC = core(64);
        /** regs.pstate: offset 264. */
        public static final long PSTATE = core(66);
        /** sp_el1: offset 272. */
        public static final long SP_EL1 = core(68);
        /** regs.sp: SP_EL0, offset 248. */
        public static final long SP_EL0 = core(62);

        public static final long SCTLR_EL1 = sysreg(3, 0, 1, 0, 0);
        public static final long CPACR_EL1 = sysreg(3, 0, 1, 0, 2);
        public static final long TTBR0_EL1 = sysreg(3, 0, 2, 0, 0);
        public static final long TCR_EL1 = sysreg(3, 0, 2, 0, 2);
        public static final long MAIR_EL1 = sysreg(3, 0, 10, 2, 0);

        private RegId() {
        }

        private static long core(long wordOffset) {
            return ARM64_U64 | CORE | wordOffset;
        }

        /** A system register by its encoding (op0, op1, CRn, CRm, op2), as the MRS/MSR instructions name it. */
        public static long sysreg(int op0, int op1, int crn, int crm, int op2) {
            return ARM64_U64 | SYSREG | (long) op0 << 14 | (long) op1 << 11 | (long) crn << 7 | (long) crm << 3 | op2;
        }
    }
}
