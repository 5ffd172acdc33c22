/*
 * The arm64 KVM UAPI as the aarch64 linux/kvm.h declares it, for KvmArm64LayoutTest. Compiled only (-c) with the
 * aarch64 cross compiler: each value is a "name value" line in the section .kvm_layout, read back from the
 * object file, so no arm64 machine is needed.
 */
#include <stddef.h>
#include <linux/kvm.h>

#define EMIT(name, value)                                                   \
    __asm__ __volatile__(".pushsection .kvm_layout\n"                       \
                         ".ascii \"" name " %c0\\n\"\n"                      \
                         ".popsection" : : "i"((unsigned long)(value)))
#define CORE(field) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(field))

void kvm_layout(void);

void kvm_layout(void)
{
    EMIT("KVM_ARM_PREFERRED_TARGET", KVM_ARM_PREFERRED_TARGET);
    EMIT("KVM_ARM_VCPU_INIT", KVM_ARM_VCPU_INIT);
    EMIT("KVM_GET_ONE_REG", KVM_GET_ONE_REG);
    EMIT("KVM_SET_ONE_REG", KVM_SET_ONE_REG);
    EMIT("KVM_RUN", KVM_RUN);
    EMIT("KVM_GET_STATS_FD", KVM_GET_STATS_FD);
    EMIT("kvm_stats_header", sizeof(struct kvm_stats_header));
    EMIT("kvm_stats_header.data_offset", offsetof(struct kvm_stats_header, data_offset));
    EMIT("kvm_stats_desc.offset", offsetof(struct kvm_stats_desc, offset));
    EMIT("kvm_stats_desc.name", offsetof(struct kvm_stats_desc, name));
    EMIT("KVM_IOEVENTFD", KVM_IOEVENTFD);
    EMIT("KVM_SET_USER_MEMORY_REGION", KVM_SET_USER_MEMORY_REGION);
    EMIT("kvm_vcpu_init", sizeof(struct kvm_vcpu_init));
    EMIT("kvm_vcpu_init.target", offsetof(struct kvm_vcpu_init, target));
    EMIT("kvm_vcpu_init.features", offsetof(struct kvm_vcpu_init, features));
    EMIT("kvm_one_reg", sizeof(struct kvm_one_reg));
    EMIT("kvm_one_reg.id", offsetof(struct kvm_one_reg, id));
    EMIT("kvm_one_reg.addr", offsetof(struct kvm_one_reg, addr));
    EMIT("reg.x0", CORE(regs.regs[0]));
    EMIT("reg.x2", CORE(regs.regs[2]));
    EMIT("reg.x30", CORE(regs.regs[30]));
    EMIT("reg.pc", CORE(regs.pc));
    EMIT("reg.pstate", CORE(regs.pstate));
    EMIT("reg.sp_el1", CORE(sp_el1));
    EMIT("reg.sctlr_el1", ARM64_SYS_REG(3, 0, 1, 0, 0));
    EMIT("reg.cpacr_el1", ARM64_SYS_REG(3, 0, 1, 0, 2));
    EMIT("reg.ttbr0_el1", ARM64_SYS_REG(3, 0, 2, 0, 0));
    EMIT("reg.tcr_el1", ARM64_SYS_REG(3, 0, 2, 0, 2));
    EMIT("reg.mair_el1", ARM64_SYS_REG(3, 0, 10, 2, 0));
    EMIT("kvm_run.immediate_exit", offsetof(struct kvm_run, immediate_exit));
    EMIT("kvm_run.exit_reason", offsetof(struct kvm_run, exit_reason));
    EMIT("kvm_run.mmio.phys_addr", offsetof(struct kvm_run, mmio.phys_addr));
    EMIT("kvm_run.mmio.data", offsetof(struct kvm_run, mmio.data));
    EMIT("kvm_run.mmio.len", offsetof(struct kvm_run, mmio.len));
    EMIT("kvm_run.mmio.is_write", offsetof(struct kvm_run, mmio.is_write));
    EMIT("kvm_run.fail_entry", offsetof(struct kvm_run, fail_entry.hardware_entry_failure_reason));
    EMIT("kvm_run.internal.suberror", offsetof(struct kvm_run, internal.suberror));
    EMIT("kvm_run", sizeof(struct kvm_run));
    EMIT("kvm_ioeventfd", sizeof(struct kvm_ioeventfd));
    EMIT("kvm_ioeventfd.addr", offsetof(struct kvm_ioeventfd, addr));
    EMIT("kvm_ioeventfd.len", offsetof(struct kvm_ioeventfd, len));
    EMIT("kvm_ioeventfd.fd", offsetof(struct kvm_ioeventfd, fd));
    EMIT("kvm_ioeventfd.flags", offsetof(struct kvm_ioeventfd, flags));
    EMIT("kvm_userspace_memory_region", sizeof(struct kvm_userspace_memory_region));
    EMIT("KVM_EXIT_MMIO", KVM_EXIT_MMIO);
    EMIT("KVM_EXIT_FAIL_ENTRY", KVM_EXIT_FAIL_ENTRY);
    EMIT("KVM_EXIT_INTERNAL_ERROR", KVM_EXIT_INTERNAL_ERROR);
    EMIT("KVM_SET_GUEST_DEBUG", KVM_SET_GUEST_DEBUG);
    EMIT("KVM_GUESTDBG_USE_SW_BP", KVM_GUESTDBG_USE_SW_BP);
    EMIT("KVM_GUESTDBG_USE_HW", KVM_GUESTDBG_USE_HW);
    EMIT("kvm_guest_debug", sizeof(struct kvm_guest_debug));
    EMIT("kvm_guest_debug.control", offsetof(struct kvm_guest_debug, control));
    EMIT("kvm_guest_debug.dbg_bcr", offsetof(struct kvm_guest_debug, arch.dbg_bcr));
    EMIT("kvm_guest_debug.dbg_bvr", offsetof(struct kvm_guest_debug, arch.dbg_bvr));
    EMIT("kvm_guest_debug.dbg_wcr", offsetof(struct kvm_guest_debug, arch.dbg_wcr));
    EMIT("kvm_guest_debug.dbg_wvr", offsetof(struct kvm_guest_debug, arch.dbg_wvr));
    EMIT("KVM_ARM_MAX_DBG_REGS", KVM_ARM_MAX_DBG_REGS);
    EMIT("kvm_run.debug.arch.hsr", offsetof(struct kvm_run, debug.arch.hsr));
    EMIT("kvm_run.debug.arch.hsr_high", offsetof(struct kvm_run, debug.arch.hsr_high));
    EMIT("kvm_run.debug.arch.far", offsetof(struct kvm_run, debug.arch.far));
    EMIT("reg.sp_el0", CORE(regs.sp));
}
