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
