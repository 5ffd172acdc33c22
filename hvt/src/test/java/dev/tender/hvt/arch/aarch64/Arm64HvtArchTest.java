package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.hvt.arch.DoorbellAddress;
import dev.tender.hvt.boot.MemorySize;
import dev.tender.hvt.sys.KvmArm64.RegId;
import dev.tender.manifest.elf.ElfImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The aarch64 constants the tender and guests agree on, as docs/abi.md gives them. */
class Arm64HvtArchTest {
    private final Arm64HvtArch arch = new Arm64HvtArch();

    @Test
    void runsAarch64ImagesWithBootInfoAt64KiB() {
        assertThat(arch.elfMachine()).isEqualTo(ElfImage.EM_AARCH64).isEqualTo(183);
        assertThat(arch.bootInfoAddress()).isEqualTo(0x10000);
        assertThat(arch.doorbell()).isEqualTo(new DoorbellAddress(0x100000100L, 4, false));
    }

    @Test
    void memoryIsSizedIn2MiBBlocksUpToTheMmioWindow() throws Exception {
        MemorySize sizes = arch.memorySize();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(sizes.adjust(3L << 20, diag)).isEqualTo(2L << 20);
        assertThat(sizes.adjust(4096L << 20, diag)).isEqualTo(1L << 32);
        assertThat(sizes.withRing(4096L << 20)).isEqualTo(1L << 32);
        assertThat(sizes.withRing(64L << 20)).isEqualTo(66L << 20);
        assertThatThrownBy(() -> sizes.adjust(4098L << 20, diag))
                .hasMessage("guest memory size 4297064448 bytes exceeds the max size 4294967296 bytes");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("solo5-hvt: adjusting memory to 2097152 bytes\n");
    }

    @Test
    void registerIdsAreTheOnesKvmDocuments() {
        assertThat(RegId.PSTATE).isEqualTo(0x6030000000100042L);
        assertThat(RegId.SP_EL1).isEqualTo(0x6030000000100044L);
        assertThat(RegId.x(0)).isEqualTo(0x6030000000100000L);
        assertThat(RegId.x(2)).isEqualTo(0x6030000000100004L);
        assertThat(RegId.x(30)).isEqualTo(0x603000000010003CL);
        assertThat(RegId.PC).isEqualTo(0x6030000000100040L);
        assertThat(RegId.MAIR_EL1).isEqualTo(0x603000000013C510L);
        assertThat(RegId.TCR_EL1).isEqualTo(0x603000000013C102L);
        assertThat(RegId.TTBR0_EL1).isEqualTo(0x603000000013C100L);
        assertThat(RegId.SCTLR_EL1).isEqualTo(0x603000000013C080L);
        assertThat(RegId.CPACR_EL1).isEqualTo(0x603000000013C082L);
        assertThatThrownBy(() -> RegId.x(31)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBootRegistersAreTheDocumentedOnes() {
        assertThat(Arm64VcpuSetup.MAIR).isEqualTo(0x0000BBFF440C0400L);
        assertThat(Arm64VcpuSetup.TCR).isEqualTo(0x00000032B5183518L);
        assertThat(Arm64VcpuSetup.SCTLR).isEqualTo(0x1005L);
        assertThat(Arm64VcpuSetup.PSTATE).isEqualTo(0x3C5L);
        assertThat(Arm64VcpuSetup.CPACR_FPEN).isEqualTo(0x300000L);
        assertThat(Arm64PageTables.PGD).isEqualTo(0x1000L);
    }
}
