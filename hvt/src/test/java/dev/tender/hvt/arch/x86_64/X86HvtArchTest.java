package dev.tender.hvt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.arch.DoorbellAddress;
import dev.tender.manifest.elf.ElfImage;
import org.junit.jupiter.api.Test;

/** The x86_64 facts the rest of hvt gets through the seam (docs/abi.md §3.1, §4). */
class X86HvtArchTest {
    private final X86HvtArch arch = new X86HvtArch();

    @Test
    void runsX8664ImagesWithTheBootInfoAt0x10000() {
        assertThat(arch.elfMachine()).isEqualTo(ElfImage.EM_X86_64).isEqualTo(62);
        assertThat(arch.bootInfoAddress()).isEqualTo(0x10000L);
    }

    @Test
    void theRingDoorbellIsAFourBytePortWriteTo0x600() {
        assertThat(arch.doorbell()).isEqualTo(new DoorbellAddress(0x600, 4, true));
    }

    @Test
    void memoryComesInTwoMegabytePagesUpToFourGigabytes() {
        assertThat(arch.memorySize().granule()).isEqualTo(0x200000L);
        assertThat(arch.memorySize().max()).isEqualTo(0x100000000L);
    }
}
