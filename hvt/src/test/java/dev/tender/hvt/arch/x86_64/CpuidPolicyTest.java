package dev.tender.hvt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.arch.x86_64.CpuidPolicy.Entry;
import dev.tender.hvt.sys.KvmX86.Cpuid;
import org.junit.jupiter.api.Test;

/** The CPUID bits the guest must not see are cleared, and nothing else is. */
class CpuidPolicyTest {
    private static final int ALL = 0xFFFF_FFFF;

    private static Entry all(int function, int index) {
        return new Entry(function, index, 7, ALL, ALL, ALL, ALL);
    }

    @Test
    void leafOneLosesVmxSmxAndTheMonitoringBitsOnly() {
        Entry e = CpuidPolicy.apply(all(1, 0));
        assertThat(e.ecx() & (1 << 5)).as("VMX").isZero();
        assertThat(e.ecx() & (1 << 6)).as("SMX").isZero();
        assertThat(e.ecx()).isEqualTo(~CpuidPolicy.HIDDEN_1_ECX);
        assertThat(e.edx()).isEqualTo(~CpuidPolicy.HIDDEN_1_EDX);
        assertThat(e.ecx() & (1 << 30)).as("RDRAND stays").isNotZero();
        assertThat(e.edx() & (1 << 26)).as("SSE2 stays").isNotZero();
        assertThat(e.ecx() & (1 << 26)).as("XSAVE stays").isNotZero();
        assertThat(e.eax()).isEqualTo(ALL);
        assertThat(e.ebx()).isEqualTo(ALL);
        assertThat(e.flags()).isEqualTo(7);
    }

    @Test
    void leafSevenSubleafZeroLosesSgxAndTrace() {
        Entry e = CpuidPolicy.apply(all(7, 0));
        assertThat(e.ebx() & (1 << 2)).as("SGX").isZero();
        assertThat(e.ebx() & (1 << 25)).as("PT").isZero();
        assertThat(e.ecx() & (1 << 30)).as("SGX_LC").isZero();
        assertThat(e.ebx() & (1 << 18)).as("RDSEED stays").isNotZero();
        assertThat(e.edx()).isEqualTo(ALL);
        assertThat(CpuidPolicy.apply(all(7, 1))).as("other subleaves").isEqualTo(all(7, 1));
    }

    @Test
    void amdLeafLosesSvmSkinitAndIbs() {
        Entry e = CpuidPolicy.apply(all(0x8000_0001, 0));
        assertThat(e.ecx() & (1 << 2)).as("SVM").isZero();
        assertThat(e.ecx() & (1 << 12)).as("SKINIT").isZero();
        assertThat(e.ecx() & (1 << 10)).as("IBS").isZero();
        assertThat(e.ecx() & 1).as("LAHF/SAHF stays").isNotZero();
        assertThat(e.edx()).as("long mode, NX, RDTSCP stay").isEqualTo(ALL);
    }

    @Test
    void wholeLeavesAreEmptied() {
        for (int leaf : new int[] {0x6, 0xA, 0x12, 0x14, 0x8000_000A, 0x8000_001F}) {
            Entry e = CpuidPolicy.apply(all(leaf, 0));
            assertThat(new int[] {e.eax(), e.ebx(), e.ecx(), e.edx()}).as("leaf %x", leaf).containsOnly(0);
            assertThat(e.function()).isEqualTo(leaf);
        }
    }

    @Test
    void otherLeavesPassThrough() {
        for (int leaf : new int[] {0x0, 0x4, 0xB, 0xD, 0x15, 0x4000_0000, 0x8000_0000, 0x8000_0007, 0x8000_0008}) {
            assertThat(CpuidPolicy.apply(all(leaf, 0))).isEqualTo(all(leaf, 0));
        }
    }

    @Test
    void aKvmBufferIsRewrittenInPlace() {
        try (NativeMemory buf = new NativeMemory(Cpuid.HEADER + 2L * Cpuid.ENTRY_SIZE)) {
            buf.clear();
            buf.putInt(Cpuid.NENT, 2);
            long second = Cpuid.HEADER + Cpuid.ENTRY_SIZE;
            buf.putInt(Cpuid.HEADER + Cpuid.FUNCTION, 0x8000_000A);
            buf.putInt(Cpuid.HEADER + Cpuid.EAX, 1);
            buf.putInt(second + Cpuid.FUNCTION, 1);
            buf.putInt(second + Cpuid.ECX, ALL);
            buf.putInt(second + Cpuid.EDX, 1 << 26);
            CpuidPolicy.applyTo(buf);
            assertThat(buf.getInt(Cpuid.HEADER + Cpuid.EAX)).isZero();
            assertThat(buf.getInt(Cpuid.HEADER + Cpuid.FUNCTION)).isEqualTo(0x8000_000A);
            assertThat(buf.getInt(second + Cpuid.ECX)).isEqualTo(~CpuidPolicy.HIDDEN_1_ECX);
            assertThat(buf.getInt(second + Cpuid.EDX)).isEqualTo(1 << 26);
        }
    }
}
