package dev.tender.spt.arch;

import static dev.tender.spt.arch.x86_64.X86SptArch.AUDIT_ARCH_X86_64;
import static dev.tender.core.seccomp.SeccompFilter.RET_ALLOW;
import static dev.tender.core.seccomp.SeccompFilter.RET_KILL_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.tender.spt.arch.aarch64.Aarch64SptArch;
import dev.tender.spt.arch.x86_64.X86SptArch;
import dev.tender.core.seccomp.Bpf;
import dev.tender.core.seccomp.BpfInterpreter;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.Syscall;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The filter's semantics, on each architecture spt supports, through a BPF interpreter. */
class SeccompFilterTest {
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    /** AUDIT_ARCH_ARM: 32-bit Arm (AArch32) code, which an arm64 kernel may run. */
    private static final int AUDIT_ARCH_ARM = 0x40000028;
    private static final X86SptArch X86 = X86SptArch.INSTANCE;
    private static final Aarch64SptArch A64 = Aarch64SptArch.INSTANCE;

    static List<SptArch> arches() {
        return List.of(X86, A64);
    }

    @Test
    void defaultIsKillAndForeignArchitecturesAreKilled() {
        BpfInterpreter f = new BpfInterpreter(new SeccompFilter(X86).allow(Syscall.EXIT_GROUP).program());
        assertThat(f.run(AUDIT_ARCH_X86_64, 231)).isEqualTo(RET_ALLOW);
        assertThat(f.run(AUDIT_ARCH_X86_64, 60)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_I386, 231)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_X86_64, 0x40000000 | 231)).as("x32").isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_X86_64, -1)).isEqualTo(RET_KILL_THREAD);
    }

    /** arm64: AArch32 calls carry another audit arch; there is no second 64-bit ABI, so no number is special. */
    @Test
    void aarch64DefaultIsKillAndForeignArchitecturesAreKilled() {
        int arch = Aarch64SptArch.AUDIT_ARCH_AARCH64;
        BpfInterpreter f = new BpfInterpreter(new SeccompFilter(A64).allow(Syscall.EXIT_GROUP).program());
        assertThat(f.run(arch, 94)).isEqualTo(RET_ALLOW);
        assertThat(f.run(arch, 93)).as("exit").isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(arch, 231)).as("x86_64's exit_group number").isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_ARM, 94)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_X86_64, 94)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(arch, 0x40000000 | 94)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(arch, -1)).isEqualTo(RET_KILL_THREAD);
        assertThat(new SeccompFilter(A64).allow(Syscall.EXIT_GROUP).program()).as("arch check and one call, no x32 check")
                .hasSize(8 * 9);
        assertThat(new SeccompFilter(X86).allow(Syscall.EXIT_GROUP).program()).as("the same with x86_64's x32 check")
                .hasSize(8 * 12);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void equalityIsOnAllSixtyFourBits(SptArch arch) {
        int write = arch.number(Syscall.WRITE);
        int audit = arch.auditArch();
        BpfInterpreter f = new BpfInterpreter(new SeccompFilter(arch).allow(Syscall.WRITE, Arg.eq(0, 1)).program());
        assertThat(f.run(audit, write, 1)).isEqualTo(RET_ALLOW);
        assertThat(f.run(audit, write, 2)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, write, 1L | (1L << 32))).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, write, -1L)).isEqualTo(RET_KILL_THREAD);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void lessOrEqualIsUnsignedSixtyFourBit(SptArch arch) {
        int pread = arch.number(Syscall.PREAD64);
        int audit = arch.auditArch();
        long limit = 0x1_0000_0200L;
        BpfInterpreter f = new BpfInterpreter(
                new SeccompFilter(arch).allow(Syscall.PREAD64, Arg.le(3, limit)).program());
        for (long v : new long[] {0, 1, 0xFFFF_FFFFL, 0x1_0000_0000L, limit - 1, limit, 0x0_FFFF_FFFFL}) {
            assertThat(f.run(audit, pread, 0, 0, 0, v)).as("%x", v).isEqualTo(RET_ALLOW);
        }
        for (long v : new long[] {limit + 1, 0x1_0000_0201L, 0x2_0000_0000L, -1L, Long.MIN_VALUE, -512L}) {
            assertThat(f.run(audit, pread, 0, 0, 0, v)).as("%x", v).isEqualTo(RET_KILL_THREAD);
        }
    }

    @ParameterizedTest
    @MethodSource("arches")
    void anyMatchingRuleAllowsAndAllComparisonsOfARuleMustHold(SptArch arch) {
        int pwrite = arch.number(Syscall.PWRITE64);
        int audit = arch.auditArch();
        SeccompFilter s = new SeccompFilter(arch)
                .allow(Syscall.PWRITE64, Arg.eq(0, 5), Arg.eq(2, 512), Arg.le(3, 4096 - 512))
                .allow(Syscall.PWRITE64, Arg.eq(0, 6), Arg.eq(2, 4096), Arg.le(3, 0));
        BpfInterpreter f = new BpfInterpreter(s.program());
        assertThat(f.run(audit, pwrite, 5, 0, 512, 3584)).isEqualTo(RET_ALLOW);
        assertThat(f.run(audit, pwrite, 5, 0, 512, 3585)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, pwrite, 5, 0, 511, 0)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, pwrite, 6, 0, 4096, 0)).isEqualTo(RET_ALLOW);
        assertThat(f.run(audit, pwrite, 6, 0, 512, 0)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, pwrite, 6, 0, 4096, 4096)).isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(audit, arch.number(Syscall.PREAD64), 5, 0, 512, 0)).as("pread has no rule")
                .isEqualTo(RET_KILL_THREAD);
    }

    /** 63 block devices: long groups still assemble (short conditional jumps, ja between calls). */
    @ParameterizedTest
    @MethodSource("arches")
    void manyRulesAgreeWithADirectEvaluation(SptArch arch) {
        int audit = arch.auditArch();
        int pread = arch.number(Syscall.PREAD64);
        int pwrite = arch.number(Syscall.PWRITE64);
        SeccompFilter s = new SeccompFilter(arch).allow(Syscall.WRITE, Arg.eq(0, 1)).allow(Syscall.EXIT_GROUP);
        Random rnd = new Random(42);
        long[] fds = new long[63];
        long[] caps = new long[63];
        for (int i = 0; i < 63; i++) {
            fds[i] = 10 + i;
            caps[i] = (1L + rnd.nextInt(1 << 20)) * 512 * (i % 3 == 0 ? 1 << 13 : 1);
            s.allow(Syscall.PREAD64, Arg.eq(0, fds[i]), Arg.eq(2, 512), Arg.le(3, caps[i] - 512));
            s.allow(Syscall.PWRITE64, Arg.eq(0, fds[i]), Arg.eq(2, 512), Arg.le(3, caps[i] - 512));
        }
        byte[] prog = s.program();
        assertThat(prog.length / 8).isLessThan(Bpf.MAX_INSNS);
        BpfInterpreter f = new BpfInterpreter(prog);
        for (int n = 0; n < 20000; n++) {
            int i = rnd.nextInt(63);
            long fd = rnd.nextInt(8) == 0 ? rnd.nextInt(100) : fds[i];
            long count = rnd.nextInt(8) == 0 ? rnd.nextInt(1024) : 512;
            long off;
            switch (rnd.nextInt(4)) {
                case 0: off = caps[i] - 512; break;
                case 1: off = caps[i] - 511; break;
                case 2: off = rnd.nextLong(); break;
                default: off = (long) (rnd.nextDouble() * caps[i]); break;
            }
            int nr = rnd.nextBoolean() ? pread : pwrite;
            boolean expect = false;
            for (int j = 0; j < 63; j++) {
                expect |= fd == fds[j] && count == 512 && Long.compareUnsigned(off, caps[j] - 512) <= 0;
            }
            assertThat(f.run(audit, nr, fd, 0, count, off) == RET_ALLOW)
                    .as("nr %d fd %d count %d off %x", nr, fd, count, off).isEqualTo(expect);
        }
        assertThat(f.run(audit, arch.number(Syscall.WRITE), 1)).isEqualTo(RET_ALLOW);
        assertThat(f.run(audit, arch.number(Syscall.EXIT_GROUP), 7)).isEqualTo(RET_ALLOW);
        assertThat(f.run(audit, arch.number(Syscall.READ), 10)).isEqualTo(RET_KILL_THREAD);
    }

    @Test
    void assemblerRejectsUnboundLabelsAndOverlongPrograms() {
        Bpf b = new Bpf();
        b.jumpAlways(b.label()).ret(0);
        assertThatThrownBy(b::assemble).isInstanceOf(IllegalStateException.class);
        Bpf big = new Bpf();
        for (int i = 0; i <= Bpf.MAX_INSNS; i++) {
            big.ret(0);
        }
        assertThatThrownBy(big::assemble).isInstanceOf(IllegalStateException.class);
    }

    /** The filter takes the audit value and numbers from its architecture; without a foreign ABI, no x32 check. */
    @Test
    void anotherArchitecturesFilterUsesItsAuditValueAndNumbers() {
        int auditArchAarch64 = 0xC00000B7;
        SeccompArch other = new SeccompArch() {
            @Override
            public int auditArch() {
                return auditArchAarch64;
            }

            @Override
            public int foreignAbiBit() {
                return 0;
            }

            @Override
            public int number(Syscall call) {
                switch (call) {
                    case WRITE:
                        return 64;
                    case EXIT_GROUP:
                        return 94;
                    case PREAD64:
                        return 0x40000043;
                    default:
                        throw new IllegalArgumentException(call.toString());
                }
            }
        };
        SeccompFilter s = new SeccompFilter(other).allow(Syscall.WRITE, Arg.eq(0, 1)).allow(Syscall.EXIT_GROUP)
                .allow(Syscall.PREAD64);
        BpfInterpreter f = new BpfInterpreter(s.program());
        assertThat(f.run(auditArchAarch64, 64, 1)).isEqualTo(RET_ALLOW);
        assertThat(f.run(auditArchAarch64, 94)).isEqualTo(RET_ALLOW);
        assertThat(f.run(auditArchAarch64, 0x40000043)).as("no x32 check").isEqualTo(RET_ALLOW);
        assertThat(f.run(auditArchAarch64, 1, 1)).as("x86_64's write number").isEqualTo(RET_KILL_THREAD);
        assertThat(f.run(AUDIT_ARCH_X86_64, 64, 1)).as("x86_64 calls").isEqualTo(RET_KILL_THREAD);
        assertThatThrownBy(() -> new SeccompFilter(other).allow(Syscall.ARCH_PRCTL).program())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
