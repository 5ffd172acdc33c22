package dev.tender.spt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.Syscall;
import org.junit.jupiter.api.Test;

/** The aarch64 facts of the spt filter (docs/spt.md, "aarch64"). */
class Aarch64SptArchTest {
    private final Aarch64SptArch arch = Aarch64SptArch.INSTANCE;

    @Test
    void systemCallNumbersAreTheGenericTables() {
        assertThat(arch.number(Syscall.READ)).isEqualTo(63);
        assertThat(arch.number(Syscall.WRITE)).isEqualTo(64);
        assertThat(arch.number(Syscall.PREAD64)).isEqualTo(67);
        assertThat(arch.number(Syscall.PWRITE64)).isEqualTo(68);
        assertThat(arch.number(Syscall.CLOCK_GETTIME)).isEqualTo(113);
        assertThat(arch.number(Syscall.EXIT_GROUP)).isEqualTo(94);
        assertThat(arch.number(Syscall.EPOLL_PWAIT)).isEqualTo(22);
        assertThat(arch.number(Syscall.TIMERFD_SETTIME)).isEqualTo(86);
        assertThatThrownBy(() -> arch.number(Syscall.ARCH_PRCTL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ARCH_PRCTL on aarch64");
    }

    @Test
    void auditArchNoForeignAbiAndImageMachine() {
        assertThat(arch.auditArch()).isEqualTo(0xC00000B7);
        assertThat(arch.foreignAbiBit()).isZero();
        assertThat(arch.elfMachine()).isEqualTo(ElfImage.EM_AARCH64);
        assertThat(arch.name()).isEqualTo("aarch64");
    }

    @Test
    void thereIsNoArchitectureRule() {
        SeccompFilter f = new SeccompFilter(arch);
        arch.allowArchCalls(f);
        assertThat(f.rules()).isEmpty();
    }
}
