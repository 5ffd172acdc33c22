package dev.tender.spt.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.aarch64.Aarch64SptArch;
import dev.tender.spt.arch.x86_64.X86SptArch;
import org.junit.jupiter.api.Test;

class SptArchsTest {
    @Test
    void x8664ImagesGetTheX8664Implementation() {
        assertThat(SptArchs.forMachine(ElfImage.EM_X86_64)).containsSame(X86SptArch.INSTANCE);
    }

    @Test
    void aarch64ImagesGetTheAarch64Implementation() {
        assertThat(SptArchs.forMachine(ElfImage.EM_AARCH64)).containsSame(Aarch64SptArch.INSTANCE);
    }

    @Test
    void machinesWithoutAnImplementationGetNone() {
        assertThat(SptArchs.forMachine(3)).as("EM_386").isEmpty();
        assertThat(SptArchs.forMachine(-1)).isEmpty();
    }

    /** Fails on a host architecture spt has no implementation for, as the tender would. */
    @Test
    void theHostsArchitectureIsChosenAndRunsTheHostsMachine() throws Exception {
        assertThat(SptArchs.forHost().elfMachine()).isEqualTo(ElfImage.hostMachine());
    }
}
