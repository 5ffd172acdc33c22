package dev.tender.spt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import dev.tender.spt.arch.aarch64.Aarch64SptArch;
import dev.tender.spt.arch.x86_64.X86SptArch;
import dev.tender.core.seccomp.BpfInterpreter;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.SeccompFilter.Rule;
import dev.tender.core.seccomp.Syscall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy is exactly the table of docs/abi.md §16 for the attached devices. */
class SptPolicyTest {
    private static Manifest manifest() {
        Manifest m = Manifest.of(List.of(new Manifest.Device("net0", DeviceType.NET_BASIC),
                new Manifest.Device("disk", DeviceType.BLOCK_BASIC),
                new Manifest.Device("spare", DeviceType.BLOCK_BASIC)));
        ManifestEntry net = m.entries().get(1);
        net.setHostFd(7);
        net.setAttached(true);
        ManifestEntry disk = m.entries().get(2);
        disk.setHostFd(9);
        disk.setCapacity(1 << 20);
        disk.setBlockSize(4096);
        disk.setAttached(true);
        m.entries().get(3).setHostFd(11);
        return m;
    }

    @Test
    void rules() {
        List<Rule> rules = SptPolicy.of(X86SptArch.INSTANCE, manifest(), 12, 13).rules();
        assertThat(rules).containsExactly(
                new Rule(Syscall.WRITE, List.of(Arg.eq(0, 1))),
                new Rule(Syscall.WRITE, List.of(Arg.eq(0, 7))),
                new Rule(Syscall.EXIT_GROUP, List.of()),
                new Rule(Syscall.EPOLL_PWAIT, List.of(Arg.eq(0, 12))),
                new Rule(Syscall.TIMERFD_SETTIME, List.of(Arg.eq(0, 13))),
                new Rule(Syscall.CLOCK_GETTIME, List.of(Arg.eq(0, 1))),
                new Rule(Syscall.CLOCK_GETTIME, List.of(Arg.eq(0, 0))),
                new Rule(Syscall.ARCH_PRCTL, List.of(Arg.eq(0, 0x1002))),
                new Rule(Syscall.READ, List.of(Arg.eq(0, 7))),
                new Rule(Syscall.PREAD64, List.of(Arg.eq(0, 9), Arg.eq(2, 4096), Arg.le(3, (1 << 20) - 4096))),
                new Rule(Syscall.PWRITE64, List.of(Arg.eq(0, 9), Arg.eq(2, 4096), Arg.le(3, (1 << 20) - 4096))));
    }

    @Test
    void program() {
        byte[] prog = SptPolicy.of(X86SptArch.INSTANCE, manifest(), 12, 13).program();
        BpfInterpreter p = new BpfInterpreter(prog);
        assertThat(p.allows(1, 1)).isTrue();
        assertThat(p.allows(1, 2)).as("stderr").isFalse();
        assertThat(p.allows(1, 7)).isTrue();
        assertThat(p.allows(0, 7)).isTrue();
        assertThat(p.allows(0, 9)).as("read on a block fd").isFalse();
        assertThat(p.allows(17, 9, 0, 4096, (1 << 20) - 4096)).isTrue();
        assertThat(p.allows(17, 11, 0, 4096, 0)).as("unattached device").isFalse();
        assertThat(p.allows(281, 12)).isTrue();
        assertThat(p.allows(281, 13)).isFalse();
        assertThat(p.allows(286, 13)).isTrue();
        assertThat(p.allows(228, 1)).isTrue();
        assertThat(p.allows(228, 0)).isTrue();
        assertThat(p.allows(228, 2)).isFalse();
        assertThat(p.allows(158, 0x1002)).isTrue();
        assertThat(p.allows(158, 0x1003)).isFalse();
        assertThat(p.allows(231, 255)).isTrue();
        for (int nr : new int[] {2, 3, 9, 10, 11, 12, 15, 32, 39, 56, 57, 59, 60, 62, 96, 157, 202, 317, 435}) {
            assertThat(p.allows(nr, 1)).as("nr %d", nr).isFalse();
        }
    }

    /** aarch64: the same rules without arch_prctl (the guest writes TPIDR_EL0), with arm64's numbers. */
    @Test
    void aarch64Rules() {
        List<Rule> rules = SptPolicy.of(Aarch64SptArch.INSTANCE, manifest(), 12, 13).rules();
        List<Rule> x86 = SptPolicy.of(X86SptArch.INSTANCE, manifest(), 12, 13).rules();
        assertThat(rules).containsExactlyElementsOf(
                x86.stream().filter(r -> r.call() != Syscall.ARCH_PRCTL).toList());
    }

    @Test
    void aarch64Program() {
        byte[] prog = SptPolicy.of(Aarch64SptArch.INSTANCE, manifest(), 12, 13).program();
        BpfInterpreter p = new BpfInterpreter(prog, Aarch64SptArch.AUDIT_ARCH_AARCH64);
        assertThat(p.allows(64, 1)).isTrue();
        assertThat(p.allows(64, 2)).as("stderr").isFalse();
        assertThat(p.allows(64, 7)).isTrue();
        assertThat(p.allows(63, 7)).isTrue();
        assertThat(p.allows(63, 9)).as("read on a block fd").isFalse();
        assertThat(p.allows(67, 9, 0, 4096, (1 << 20) - 4096)).isTrue();
        assertThat(p.allows(68, 9, 0, 4096, (1 << 20) - 4096)).isTrue();
        assertThat(p.allows(67, 9, 0, 4096, (1 << 20) - 4095)).as("past the end").isFalse();
        assertThat(p.allows(67, 9, 0, 512, 0)).as("not the block size").isFalse();
        assertThat(p.allows(67, 11, 0, 4096, 0)).as("unattached device").isFalse();
        assertThat(p.allows(22, 12)).isTrue();
        assertThat(p.allows(22, 13)).isFalse();
        assertThat(p.allows(86, 13)).isTrue();
        assertThat(p.allows(86, 12)).isFalse();
        assertThat(p.allows(113, 1)).isTrue();
        assertThat(p.allows(113, 0)).isTrue();
        assertThat(p.allows(113, 2)).isFalse();
        assertThat(p.allows(94, 255)).isTrue();
        // x86_64's numbers for the same calls, dup, exit, mmap, openat, close, ioctl, execve, clone, prctl, seccomp
        for (int nr : new int[] {0, 1, 17, 18, 158, 228, 231, 281, 286, 23, 93, 222, 56, 57, 29, 221, 220, 167, 277}) {
            assertThat(p.allows(nr, 1)).as("nr %d", nr).isFalse();
        }
        assertThat(new BpfInterpreter(prog, X86SptArch.AUDIT_ARCH_X86_64).allows(64, 1)).as("x86_64 calls").isFalse();
    }
}
