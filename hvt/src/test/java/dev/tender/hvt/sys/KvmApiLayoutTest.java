package dev.tender.hvt.sys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.sys.KvmX86.Cpuid;
import dev.tender.hvt.sys.KvmApi.IoEventFd;
import dev.tender.hvt.sys.KvmApi.MemoryRegion;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmApi.Run;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares KvmApi's hand-written offsets and numbers with what gcc makes of linux/kvm.h. */
class KvmApiLayoutTest {
    private static final Map<String, Long> C = new HashMap<>();

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("kvm_layout.c");
        try (InputStream in = KvmApiLayoutTest.class.getResourceAsStream("/kvm_layout.c")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve("kvm_layout");
        run(new ProcessBuilder("gcc", "-o", exe.toString(), src.toString()));
        String out = run(new ProcessBuilder(exe.toString()));
        for (String line : out.split("\n")) {
            String[] kv = line.split(" ");
            C.put(kv[0], Long.parseUnsignedLong(kv[1]));
        }
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void expect(String name, long value) {
        assertThat(C).containsKey(name);
        assertThat(value).as(name).isEqualTo(C.get(name));
    }

    @Test
    void kvmRunLayout() {
        assertThat((long) Run.SIZE).isLessThanOrEqualTo(C.get("kvm_run"));
        expect("kvm_run.immediate_exit", Run.IMMEDIATE_EXIT);
        expect("kvm_run.exit_reason", Run.EXIT_REASON);
        expect("kvm_run.io.direction", Run.IO_DIRECTION);
        expect("kvm_run.io.size", Run.IO_SIZE);
        expect("kvm_run.io.port", Run.IO_PORT);
        expect("kvm_run.io.count", Run.IO_COUNT);
        expect("kvm_run.io.data_offset", Run.IO_DATA_OFFSET);
        expect("kvm_run.mmio.phys_addr", Run.MMIO_PHYS_ADDR);
        expect("kvm_run.mmio.data", Run.MMIO_DATA);
        expect("kvm_run.mmio.len", Run.MMIO_LEN);
        expect("kvm_run.mmio.is_write", Run.MMIO_IS_WRITE);
        expect("kvm_run.fail_entry.hardware_entry_failure_reason", Run.FAIL_ENTRY_REASON);
        expect("kvm_run.internal.suberror", Run.INTERNAL_SUBERROR);
    }

    @Test
    void binaryStatsLayout() {
        expect("kvm_stats_header", KvmApi.StatsHeader.SIZE);
        expect("kvm_stats_header.name_size", KvmApi.StatsHeader.NAME_SIZE);
        expect("kvm_stats_header.num_desc", KvmApi.StatsHeader.NUM_DESC);
        expect("kvm_stats_header.desc_offset", KvmApi.StatsHeader.DESC_OFFSET);
        expect("kvm_stats_header.data_offset", KvmApi.StatsHeader.DATA_OFFSET);
        expect("kvm_stats_desc.flags", KvmApi.StatsDesc.FLAGS);
        expect("kvm_stats_desc.size", KvmApi.StatsDesc.SIZE);
        expect("kvm_stats_desc.offset", KvmApi.StatsDesc.OFFSET);
        expect("kvm_stats_desc.name", KvmApi.StatsDesc.NAME);
        expect("KVM_STATS_TYPE_MASK", KvmApi.StatsDesc.TYPE_MASK);
        expect("KVM_STATS_TYPE_CUMULATIVE", KvmApi.StatsDesc.TYPE_CUMULATIVE);
        expect("KVM_STATS_TYPE_INSTANT", KvmApi.StatsDesc.TYPE_INSTANT);
        expect("KVM_STATS_TYPE_PEAK", KvmApi.StatsDesc.TYPE_PEAK);
    }

    @Test
    void memoryRegionAndIoEventFdLayout() {
        expect("kvm_userspace_memory_region", MemoryRegion.SIZE);
        expect("kvm_userspace_memory_region.slot", MemoryRegion.SLOT);
        expect("kvm_userspace_memory_region.flags", MemoryRegion.FLAGS);
        expect("kvm_userspace_memory_region.guest_phys_addr", MemoryRegion.GUEST_PHYS_ADDR);
        expect("kvm_userspace_memory_region.memory_size", MemoryRegion.MEMORY_SIZE);
        expect("kvm_userspace_memory_region.userspace_addr", MemoryRegion.USERSPACE_ADDR);
        expect("kvm_ioeventfd", IoEventFd.SIZE);
        expect("kvm_ioeventfd.datamatch", IoEventFd.DATAMATCH);
        expect("kvm_ioeventfd.addr", IoEventFd.ADDR);
        expect("kvm_ioeventfd.len", IoEventFd.LEN);
        expect("kvm_ioeventfd.fd", IoEventFd.FD);
        expect("kvm_ioeventfd.flags", IoEventFd.FLAGS);
    }

    @Test
    void registerLayouts() {
        expect("kvm_regs", Regs.SIZE);
        expect("kvm_regs.rax", Regs.RAX);
        expect("kvm_regs.rbx", Regs.RBX);
        expect("kvm_regs.rcx", Regs.RCX);
        expect("kvm_regs.rdx", Regs.RDX);
        expect("kvm_regs.rsi", Regs.RSI);
        expect("kvm_regs.rdi", Regs.RDI);
        expect("kvm_regs.rsp", Regs.RSP);
        expect("kvm_regs.rbp", Regs.RBP);
        expect("kvm_regs.r8", Regs.R8);
        expect("kvm_regs.r9", Regs.R9);
        expect("kvm_regs.r10", Regs.R10);
        expect("kvm_regs.r11", Regs.R11);
        expect("kvm_regs.r12", Regs.R12);
        expect("kvm_regs.r13", Regs.R13);
        expect("kvm_regs.r14", Regs.R14);
        expect("kvm_regs.r15", Regs.R15);
        expect("kvm_regs.rip", Regs.RIP);
        expect("kvm_regs.rflags", Regs.RFLAGS);
        expect("kvm_sregs", Sregs.SIZE);
        expect("kvm_sregs.cs", Sregs.CS);
        expect("kvm_sregs.ds", Sregs.DS);
        expect("kvm_sregs.es", Sregs.ES);
        expect("kvm_sregs.fs", Sregs.FS);
        expect("kvm_sregs.gs", Sregs.GS);
        expect("kvm_sregs.ss", Sregs.SS);
        expect("kvm_sregs.tr", Sregs.TR);
        expect("kvm_sregs.ldt", Sregs.LDT);
        expect("kvm_sregs.gdt", Sregs.GDT);
        expect("kvm_sregs.idt", Sregs.IDT);
        expect("kvm_sregs.cr0", Sregs.CR0);
        expect("kvm_sregs.cr2", Sregs.CR2);
        expect("kvm_sregs.cr3", Sregs.CR3);
        expect("kvm_sregs.cr4", Sregs.CR4);
        expect("kvm_sregs.cr8", Sregs.CR8);
        expect("kvm_sregs.efer", Sregs.EFER);
        expect("kvm_sregs.apic_base", Sregs.APIC_BASE);
        expect("kvm_segment", Sregs.SEG_SIZE);
        expect("kvm_segment.base", Sregs.SEG_BASE);
        expect("kvm_segment.limit", Sregs.SEG_LIMIT);
        expect("kvm_segment.selector", Sregs.SEG_SELECTOR);
        expect("kvm_segment.type", Sregs.SEG_TYPE);
        expect("kvm_segment.present", Sregs.SEG_PRESENT);
        expect("kvm_segment.dpl", Sregs.SEG_DPL);
        expect("kvm_segment.db", Sregs.SEG_DB);
        expect("kvm_segment.s", Sregs.SEG_S);
        expect("kvm_segment.l", Sregs.SEG_L);
        expect("kvm_segment.g", Sregs.SEG_G);
        expect("kvm_segment.avl", Sregs.SEG_AVL);
        expect("kvm_segment.unusable", Sregs.SEG_UNUSABLE);
        expect("kvm_dtable.base", Sregs.DTABLE_BASE);
        expect("kvm_dtable.limit", Sregs.DTABLE_LIMIT);
        expect("kvm_cpuid2.nent", Cpuid.NENT);
        expect("kvm_cpuid2.entries", Cpuid.HEADER);
        expect("kvm_cpuid_entry2", Cpuid.ENTRY_SIZE);
        expect("kvm_cpuid_entry2.function", Cpuid.FUNCTION);
        expect("kvm_cpuid_entry2.index", Cpuid.INDEX);
        expect("kvm_cpuid_entry2.flags", Cpuid.FLAGS);
        expect("kvm_cpuid_entry2.eax", Cpuid.EAX);
        expect("kvm_cpuid_entry2.ebx", Cpuid.EBX);
        expect("kvm_cpuid_entry2.ecx", Cpuid.ECX);
        expect("kvm_cpuid_entry2.edx", Cpuid.EDX);
    }

    @Test
    void ioctlNumbersCapabilitiesAndExitReasons() {
        expect("KVM_GET_API_VERSION", KvmApi.KVM_GET_API_VERSION);
        expect("KVM_CREATE_VM", KvmApi.KVM_CREATE_VM);
        expect("KVM_CHECK_EXTENSION", KvmApi.KVM_CHECK_EXTENSION);
        expect("KVM_GET_VCPU_MMAP_SIZE", KvmApi.KVM_GET_VCPU_MMAP_SIZE);
        expect("KVM_GET_SUPPORTED_CPUID", KvmX86.KVM_GET_SUPPORTED_CPUID);
        expect("KVM_CREATE_VCPU", KvmApi.KVM_CREATE_VCPU);
        expect("KVM_SET_USER_MEMORY_REGION", KvmApi.KVM_SET_USER_MEMORY_REGION);
        expect("KVM_IOEVENTFD", KvmApi.KVM_IOEVENTFD);
        expect("KVM_RUN", KvmApi.KVM_RUN);
        expect("KVM_GET_STATS_FD", KvmApi.KVM_GET_STATS_FD);
        expect("KVM_CAP_BINARY_STATS_FD", KvmApi.KVM_CAP_BINARY_STATS_FD);
        expect("KVM_GET_REGS", KvmX86.KVM_GET_REGS);
        expect("KVM_SET_REGS", KvmX86.KVM_SET_REGS);
        expect("KVM_GET_SREGS", KvmX86.KVM_GET_SREGS);
        expect("KVM_SET_SREGS", KvmX86.KVM_SET_SREGS);
        expect("KVM_SET_CPUID2", KvmX86.KVM_SET_CPUID2);
        expect("KVM_GET_TSC_KHZ", KvmX86.KVM_GET_TSC_KHZ);
        expect("KVM_CAP_USER_MEMORY", KvmApi.KVM_CAP_USER_MEMORY);
        expect("KVM_CAP_IOEVENTFD", KvmApi.KVM_CAP_IOEVENTFD);
        expect("KVM_CAP_GET_TSC_KHZ", KvmX86.KVM_CAP_GET_TSC_KHZ);
        expect("KVM_EXIT_IO", KvmApi.EXIT_IO);
        expect("KVM_EXIT_MMIO", KvmApi.EXIT_MMIO);
        expect("KVM_EXIT_FAIL_ENTRY", KvmApi.EXIT_FAIL_ENTRY);
        expect("KVM_EXIT_INTERNAL_ERROR", KvmApi.EXIT_INTERNAL_ERROR);
        expect("KVM_EXIT_IO_OUT", KvmApi.EXIT_IO_OUT);
        expect("KVM_IOEVENTFD_FLAG_PIO", KvmApi.IOEVENTFD_FLAG_PIO);
    }

    @Test
    void guestDebugMatchesTheHeader() {
        expect("KVM_SET_GUEST_DEBUG", KvmX86.KVM_SET_GUEST_DEBUG);
        expect("KVM_CAP_SET_GUEST_DEBUG", KvmApi.KVM_CAP_SET_GUEST_DEBUG);
        expect("KVM_CAP_GUEST_DEBUG_HW_BPS", KvmApi.KVM_CAP_GUEST_DEBUG_HW_BPS);
        expect("KVM_CAP_GUEST_DEBUG_HW_WPS", KvmApi.KVM_CAP_GUEST_DEBUG_HW_WPS);
        expect("KVM_GUESTDBG_ENABLE", KvmApi.GUESTDBG_ENABLE);
        expect("KVM_GUESTDBG_SINGLESTEP", KvmApi.GUESTDBG_SINGLESTEP);
        expect("KVM_GUESTDBG_USE_SW_BP", KvmX86.Debug.USE_SW_BP);
        expect("KVM_GUESTDBG_USE_HW_BP", KvmX86.Debug.USE_HW_BP);
        expect("KVM_EXIT_DEBUG", KvmApi.EXIT_DEBUG);
        expect("kvm_guest_debug", KvmX86.Debug.SIZE);
        expect("kvm_guest_debug.control", KvmApi.GuestDebug.CONTROL);
        expect("kvm_guest_debug.arch.debugreg", KvmX86.Debug.DEBUGREG);
        expect("kvm_run.debug.arch.exception", KvmX86.Debug.EXIT_EXCEPTION);
        expect("kvm_run.debug.arch.exception", KvmApi.Run.DEBUG_ARCH);
        expect("kvm_run.debug.arch.pc", KvmX86.Debug.EXIT_PC);
        expect("kvm_run.debug.arch.dr6", KvmX86.Debug.EXIT_DR6);
        expect("kvm_run.debug.arch.dr7", KvmX86.Debug.EXIT_DR7);
    }
}
