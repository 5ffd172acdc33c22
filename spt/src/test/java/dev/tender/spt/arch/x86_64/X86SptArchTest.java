package dev.tender.spt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.manifest.elf.ElfImage;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.SeccompFilter.Rule;
import dev.tender.core.seccomp.Syscall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The x86_64 facts of the spt filter (docs/abi.md §16). */
class X86SptArchTest {
    private final X86SptArch arch = X86SptArch.INSTANCE;

    @Test
    void systemCallNumbersAreX8664s() {
        assertThat(arch.number(Syscall.READ)).isZero();
        assertThat(arch.number(Syscall.WRITE)).isEqualTo(1);
        assertThat(arch.number(Syscall.PREAD64)).isEqualTo(17);
        assertThat(arch.number(Syscall.PWRITE64)).isEqualTo(18);
        assertThat(arch.number(Syscall.ARCH_PRCTL)).isEqualTo(158);
        assertThat(arch.number(Syscall.CLOCK_GETTIME)).isEqualTo(228);
        assertThat(arch.number(Syscall.EXIT_GROUP)).isEqualTo(231);
        assertThat(arch.number(Syscall.EPOLL_PWAIT)).isEqualTo(281);
        assertThat(arch.number(Syscall.TIMERFD_SETTIME)).isEqualTo(286);
    }

    @Test
    void auditArchX32BitAndImageMachine() {
        assertThat(arch.auditArch()).isEqualTo(0xC000003E);
        assertThat(arch.foreignAbiBit()).isEqualTo(0x40000000);
        assertThat(arch.elfMachine()).isEqualTo(ElfImage.EM_X86_64);
        assertThat(arch.name()).isEqualTo("x86_64");
    }

    @Test
    void theOnlyArchitectureRuleIsArchPrctlSetFs() {
        SeccompFilter f = new SeccompFilter(arch);
        arch.allowArchCalls(f);
        assertThat(f.rules()).containsExactly(new Rule(Syscall.ARCH_PRCTL, List.of(Arg.eq(0, 0x1002))));
    }
}
