package dev.tender.hvt.sys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.sys.KvmApi.IoEventFd;
import dev.tender.hvt.sys.KvmApi.MemoryRegion;
import dev.tender.hvt.sys.KvmApi.Run;
import dev.tender.hvt.sys.KvmArm64.OneReg;
import dev.tender.hvt.sys.KvmArm64.RegId;
import dev.tender.hvt.sys.KvmArm64.VcpuInit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares every number the tender uses on arm64 hosts with what the aarch64 cross compiler makes of the
 * aarch64 linux/kvm.h (kvm_layout_aarch64.c is compiled, not run, and its values read from the object file).
 * The architecture-neutral structures are checked too: the arm64 kernel must lay them out as x86_64's does.
 */
class KvmArm64LayoutTest {
    @TempDir
    Path dir;

    private static Map<String, Long> javaValues() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("KVM_ARM_PREFERRED_TARGET", KvmArm64.KVM_ARM_PREFERRED_TARGET);
        m.put("KVM_ARM_VCPU_INIT", KvmArm64.KVM_ARM_VCPU_INIT);
        m.put("KVM_GET_ONE_REG", KvmArm64.KVM_GET_ONE_REG);
        m.put("KVM_SET_ONE_REG", KvmArm64.KVM_SET_ONE_REG);
        m.put("KVM_RUN", KvmApi.KVM_RUN);
        m.put("KVM_GET_STATS_FD", KvmApi.KVM_GET_STATS_FD);
        m.put("kvm_stats_header", (long) KvmApi.StatsHeader.SIZE);
        m.put("kvm_stats_header.data_offset", (long) KvmApi.StatsHeader.DATA_OFFSET);
        m.put("kvm_stats_desc.offset", (long) KvmApi.StatsDesc.OFFSET);
        m.put("kvm_stats_desc.name", (long) KvmApi.StatsDesc.NAME);
        m.put("KVM_IOEVENTFD", KvmApi.KVM_IOEVENTFD);
        m.put("KVM_SET_USER_MEMORY_REGION", KvmApi.KVM_SET_USER_MEMORY_REGION);
        m.put("kvm_vcpu_init", (long) VcpuInit.SIZE);
        m.put("kvm_vcpu_init.target", (long) VcpuInit.TARGET);
        m.put("kvm_vcpu_init.features", (long) VcpuInit.FEATURES);
        m.put("kvm_one_reg", (long) OneReg.SIZE);
        m.put("kvm_one_reg.id", (long) OneReg.ID);
        m.put("kvm_one_reg.addr", (long) OneReg.ADDR);
        m.put("reg.x0", RegId.x(0));
        m.put("reg.x2", RegId.x(2));
        m.put("reg.x30", RegId.x(30));
        m.put("reg.pc", RegId.PC);
        m.put("reg.pstate", RegId.PSTATE);
        m.put("reg.sp_el1", RegId.SP_EL1);
        m.put("reg.sctlr_el1", RegId.SCTLR_EL1);
        m.put("reg.cpacr_el1", RegId.CPACR_EL1);
        m.put("reg.ttbr0_el1", RegId.TTBR0_EL1);
        m.put("reg.tcr_el1", RegId.TCR_EL1);
        m.put("reg.mair_el1", RegId.MAIR_EL1);
        m.put("kvm_run.immediate_exit", (long) Run.IMMEDIATE_EXIT);
        m.put("kvm_run.exit_reason", (long) Run.EXIT_REASON);
        m.put("kvm_run.mmio.phys_addr", (long) Run.MMIO_PHYS_ADDR);
        m.put("kvm_run.mmio.data", (long) Run.MMIO_DATA);
        m.put("kvm_run.mmio.len", (long) Run.MMIO_LEN);
        m.put("kvm_run.mmio.is_write", (long) Run.MMIO_IS_WRITE);
        m.put("kvm_run.fail_entry", (long) Run.FAIL_ENTRY_REASON);
        m.put("kvm_run.internal.suberror", (long) Run.INTERNAL_SUBERROR);
        m.put("kvm_run", (long) Run.SIZE);
        m.put("kvm_ioeventfd", (long) IoEventFd.SIZE);
        m.put("kvm_ioeventfd.addr", (long) IoEventFd.ADDR);
        m.put("kvm_ioeventfd.len", (long) IoEventFd.LEN);
        m.put("kvm_ioeventfd.fd", (long) IoEventFd.FD);
        m.put("kvm_ioeventfd.flags", (long) IoEventFd.FLAGS);
        m.put("kvm_userspace_memory_region", (long) MemoryRegion.SIZE);
        m.put("KVM_EXIT_MMIO", (long) KvmApi.EXIT_MMIO);
        m.put("KVM_EXIT_FAIL_ENTRY", (long) KvmApi.EXIT_FAIL_ENTRY);
        m.put("KVM_EXIT_INTERNAL_ERROR", (long) KvmApi.EXIT_INTERNAL_ERROR);
        m.put("KVM_SET_GUEST_DEBUG", KvmArm64.KVM_SET_GUEST_DEBUG);
        m.put("KVM_GUESTDBG_USE_SW_BP", (long) KvmArm64.Debug.USE_SW_BP);
        m.put("KVM_GUESTDBG_USE_HW", (long) KvmArm64.Debug.USE_HW);
        m.put("kvm_guest_debug", (long) KvmArm64.Debug.SIZE);
        m.put("kvm_guest_debug.control", (long) KvmApi.GuestDebug.CONTROL);
        m.put("kvm_guest_debug.dbg_bcr", (long) KvmArm64.Debug.BCR);
        m.put("kvm_guest_debug.dbg_bvr", (long) KvmArm64.Debug.BVR);
        m.put("kvm_guest_debug.dbg_wcr", (long) KvmArm64.Debug.WCR);
        m.put("kvm_guest_debug.dbg_wvr", (long) KvmArm64.Debug.WVR);
        m.put("KVM_ARM_MAX_DBG_REGS", (long) KvmArm64.Debug.SLOTS);
        m.put("kvm_run.debug.arch.hsr", (long) KvmArm64.Debug.EXIT_HSR);
        m.put("kvm_run.debug.arch.hsr_high", (long) KvmArm64.Debug.EXIT_HSR_HIGH);
        m.put("kvm_run.debug.arch.far", (long) KvmArm64.Debug.EXIT_FAR);
        m.put("reg.sp_el0", KvmArm64.RegId.SP_EL0);
        return m;
    }

    @Test
    void theAarch64HeadersAgreeWithEveryValue() throws Exception {
        Path src = dir.resolve("kvm_layout_aarch64.c");
        try (InputStream in = KvmArm64LayoutTest.class.getResourceAsStream("/kvm_layout_aarch64.c")) {
            Files.copy(in, src);
        }
        Path obj = dir.resolve("kvm_layout_aarch64.o");
        Path section = dir.resolve("kvm_layout.txt");
        CrossTools.run("aarch64-linux-gnu-gcc", "-O2", "-Wall", "-Werror", "-c", "-o", obj.toString(), src.toString());
        CrossTools.run("aarch64-linux-gnu-objcopy", "--dump-section", ".kvm_layout=" + section, obj.toString());
        Map<String, Long> c = new LinkedHashMap<>();
        for (String line : Files.readAllLines(section, StandardCharsets.US_ASCII)) {
            String[] kv = line.split(" ");
            c.put(kv[0], Long.parseUnsignedLong(kv[1]));
        }
        assertThat(c).isEqualTo(javaValues());
    }
}
