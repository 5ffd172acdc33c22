package dev.tender.hvt.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.arch.aarch64.Arm64HvtArch;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import dev.tender.manifest.elf.ElfImage;
import org.junit.jupiter.api.Test;

class HvtArchsTest {
    @Test
    void eachSolo5MachineGetsItsImplementation() {
        assertThat(HvtArchs.forMachine(ElfImage.EM_X86_64)).containsInstanceOf(X86HvtArch.class);
        assertThat(HvtArchs.forMachine(ElfImage.EM_AARCH64)).containsInstanceOf(Arm64HvtArch.class);
    }

    @Test
    void machinesWithoutAnImplementationGetNone() {
        assertThat(HvtArchs.forMachine(40 /* EM_ARM */)).isEmpty();
        assertThat(HvtArchs.forMachine(-1)).isEmpty();
        assertThat(HvtArchs.forMachine(0)).isEmpty();
    }

    /** Fails on a host architecture hvt has no implementation for, as the tender would. */
    @Test
    void theHostsArchitectureIsChosenAndRunsTheHostsMachine() throws Exception {
        assertThat(HvtArchs.forHost().elfMachine()).isEqualTo(ElfImage.hostMachine());
    }
}
