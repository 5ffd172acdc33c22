package dev.tender.hvt.confine;

import static dev.tender.core.seccomp.SeccompFilter.RET_ALLOW;
import static dev.tender.core.seccomp.SeccompFilter.RET_KILL_PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.module.HostFds;
import dev.tender.core.seccomp.BpfInterpreter;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.Syscall;
import dev.tender.core.sys.UnixSockets;
import dev.tender.hvt.arch.HvtArch;
import dev.tender.hvt.arch.aarch64.Arm64HvtArch;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmX86;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hvt tender's filter, evaluated call by call on both architectures. */
class HvtSeccompPolicyTest {
    private static final int VCPU = 9;
    private static final int EPOLL = 10;
    private static final int TIMER = 11;
    private static final int TAP = 12;
    private static final int BLOCK = 13;
    private static final int EVENTFD = 14;
    private static final int NOTIFY = 15;
    private static final int STATS_SOCKET = 16;
    private static final int KVM_STATS = 17;
    /** An accepted stats connection: its number is not known when the filter is made. */
    private static final int CONNECTION = 23;
    private static final int JAR = 4;
    private static final long PID = 4242;
    private static final long PROT_RW = 3;
    private static final long PROT_RX = 5;

    /** Calls an attacker would want, by architecture: none is in the tender's tables, so raw numbers. */
    private static final Map<String, Map<String, Integer>> FORBIDDEN = Map.of(
            "x86_64", Map.of("execve", 59, "execveat", 322, "socket", 41, "connect", 42, "ptrace", 101,
                    "process_vm_readv", 310, "process_vm_writev", 311, "fork", 57, "vfork", 58, "open", 2),
            "aarch64", Map.of("execve", 221, "execveat", 281, "socket", 198, "connect", 203, "ptrace", 117,
                    "process_vm_readv", 270, "process_vm_writev", 271, "unshare", 97, "mount", 40, "pidfd_open", 434));

    static List<HvtArch> arches() {
        return List.of(new X86HvtArch(), new Arm64HvtArch());
    }

    private static SeccompFilter filter(HvtArch arch) {
        HostFds devices = new HostFds();
        devices.stream(TAP);
        devices.positional(BLOCK);
        devices.stream(EVENTFD);
        return HvtSeccompPolicy.of(arch.seccompArch(),
                new HvtSeccompPolicy.Fds(VCPU, arch.exitIoctls(), EPOLL, TIMER, devices.all(), NOTIFY, List.of(JAR),
                        STATS_SOCKET, KVM_STATS), PID,
                RET_KILL_PROCESS);
    }

    private static String name(HvtArch arch) {
        return arch instanceof X86HvtArch ? "x86_64" : "aarch64";
    }

    private static final class Calls {
        final BpfInterpreter bpf;
        final SeccompArch arch;

        Calls(HvtArch arch) {
            this.arch = arch.seccompArch();
            this.bpf = new BpfInterpreter(filter(arch).program(), this.arch.auditArch());
        }

        int action(Syscall call, long... args) {
            return bpf.run(arch.auditArch(), arch.number(call), args);
        }

        boolean allows(Syscall call, long... args) {
            return action(call, args) == RET_ALLOW;
        }
    }

    @ParameterizedTest
    @MethodSource("arches")
    void theVcpuTakesOnlyKvmRunAndWhatExitHandlingReads(HvtArch arch) {
        Calls c = new Calls(arch);
        assertThat(c.allows(Syscall.IOCTL, VCPU, KvmApi.KVM_RUN, 0)).isTrue();
        long exitIoctl = arch.exitIoctls()[0];
        assertThat(c.allows(Syscall.IOCTL, VCPU, exitIoctl)).isTrue();
        assertThat(c.allows(Syscall.IOCTL, VCPU, (long) (int) exitIoctl)).as("sign-extended by a caller").isTrue();
        assertThat(c.allows(Syscall.IOCTL, VCPU, KvmApi.KVM_RUN | (1L << 32))).as("the kernel ignores the high half")
                .isTrue();
        assertThat(c.action(Syscall.IOCTL, VCPU, KvmX86.KVM_SET_REGS)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.IOCTL, VCPU, KvmApi.KVM_CREATE_VCPU)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.IOCTL, VCPU - 1, KvmApi.KVM_RUN)).as("the VM fd").isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.IOCTL, TAP, 0x400454caL)).as("TUNSETIFF").isEqualTo(RET_KILL_PROCESS);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void descriptorsAreUsedOnlyTheWayTheirModuleDeclared(HvtArch arch) {
        Calls c = new Calls(arch);
        assertThat(c.allows(Syscall.WRITE, 1)).isTrue();
        assertThat(c.allows(Syscall.WRITE, 2)).isTrue();
        assertThat(c.allows(Syscall.READ, TAP)).isTrue();
        assertThat(c.allows(Syscall.WRITE, TAP)).isTrue();
        assertThat(c.allows(Syscall.READ, EVENTFD)).isTrue();
        assertThat(c.allows(Syscall.PREAD64, BLOCK)).isTrue();
        assertThat(c.allows(Syscall.PWRITE64, BLOCK)).isTrue();
        assertThat(c.allows(Syscall.EPOLL_PWAIT, EPOLL)).isTrue();
        assertThat(c.allows(Syscall.TIMERFD_SETTIME, TIMER)).isTrue();
        assertThat(c.allows(Syscall.SENDTO, NOTIFY)).isTrue();
        assertThat(c.allows(Syscall.READ, JAR)).isTrue();
        assertThat(c.allows(Syscall.LSEEK, JAR)).isTrue();
        assertThat(c.allows(Syscall.PREAD64, JAR)).isTrue();
        for (long[] denied : new long[][] {{0}, {BLOCK}, {VCPU}, {JAR}, {NOTIFY}, {TAP | (1L << 32)}}) {
            assertThat(c.action(Syscall.WRITE, denied)).as("write(%d)", denied[0]).isEqualTo(RET_KILL_PROCESS);
        }
        assertThat(c.action(Syscall.READ, 0)).as("stdin").isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.PWRITE64, TAP)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.PWRITE64, JAR)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.SENDTO, TAP)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.EPOLL_PWAIT, TIMER)).isEqualTo(RET_KILL_PROCESS);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void theStatsThreadAcceptsOnItsSocketAndAnswersWithoutBlocking(HvtArch arch) {
        Calls c = new Calls(arch);
        assertThat(c.allows(Syscall.ACCEPT4, STATS_SOCKET, 0, 0, 0x80000)).isTrue();
        assertThat(c.action(Syscall.ACCEPT4, NOTIFY, 0, 0, 0x80000)).isEqualTo(RET_KILL_PROCESS);
        long flags = UnixSockets.SEND_FLAGS;
        assertThat(c.allows(Syscall.SENDTO, CONNECTION, 0x1000, 200, flags, 0, 0)).isTrue();
        assertThat(c.action(Syscall.SENDTO, CONNECTION, 0x1000, 200, 0, 0, 0)).as("blocking")
                .isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.SENDTO, CONNECTION, 0x1000, 200, flags, 0x2000, 16)).as("to an address")
                .isEqualTo(RET_KILL_PROCESS);
        assertThat(c.allows(Syscall.PREAD64, KVM_STATS)).isTrue();
        assertThat(c.action(Syscall.PWRITE64, KVM_STATS)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.WRITE, CONNECTION)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.WRITE, STATS_SOCKET)).isEqualTo(RET_KILL_PROCESS);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void theJvmKeepsRunningButMapsNothingExecutableAndStartsNoProcess(HvtArch arch) {
        Calls c = new Calls(arch);
        assertThat(c.allows(Syscall.MMAP, 0, 1 << 20, PROT_RW, 0x22, -1, 0)).isTrue();
        assertThat(c.allows(Syscall.BRK, 0x5555_5580_0000L)).as("malloc's main arena").isTrue();
        assertThat(c.allows(Syscall.MPROTECT, 0x7f0000000000L, 4096, 0)).isTrue();
        assertThat(c.action(Syscall.MMAP, 0, 4096, PROT_RX, 0x22, -1, 0)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.MMAP, 0, 4096, 7, 0x22, -1, 0)).isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.MPROTECT, 0x7f0000000000L, 4096, PROT_RX)).isEqualTo(RET_KILL_PROCESS);
        long thread = 0x3d0f00L;                        // what glibc's pthread_create passes
        assertThat(c.allows(Syscall.CLONE, thread)).isTrue();
        assertThat(c.action(Syscall.CLONE, 0x1200011L)).as("fork's flags").isEqualTo(RET_KILL_PROCESS);
        assertThat(c.action(Syscall.CLONE3, 0, 88)).isEqualTo(SeccompFilter.errno(38));
        assertThat(c.allows(Syscall.TGKILL, PID, 7, 3)).isTrue();
        assertThat(c.action(Syscall.TGKILL, 1, 1, 9)).as("another process").isEqualTo(RET_KILL_PROCESS);
        assertThat(c.allows(Syscall.PRCTL, 15)).as("PR_SET_NAME").isTrue();
        assertThat(c.action(Syscall.PRCTL, 38)).as("PR_SET_NO_NEW_PRIVS").isEqualTo(RET_KILL_PROCESS);
        for (Syscall call : HvtSeccompPolicy.JVM_ANY_ARGUMENTS) {
            assertThat(c.allows(call, -1, -1, -1)).as(call.toString()).isTrue();
        }
        assertThat(c.action(Syscall.OPENAT, -100, 0, 0)).as("fails, opening nothing").isEqualTo(SeccompFilter.errno(13));
        assertThat(c.action(Syscall.SECCOMP, 1, 1, 0)).as("no second filter").isEqualTo(RET_KILL_PROCESS);
    }

    @ParameterizedTest
    @MethodSource("arches")
    void everyOtherCallNumberKillsTheProcess(HvtArch arch) {
        Calls c = new Calls(arch);
        Set<Integer> named = new HashSet<>();
        for (SeccompFilter.Rule r : filter(arch).rules()) {
            named.add(c.arch.number(r.call()));
        }
        for (Map.Entry<String, Integer> e : FORBIDDEN.get(name(arch)).entrySet()) {
            assertThat(named).as(e.getKey()).doesNotContain(e.getValue());
            assertThat(c.bpf.run(c.arch.auditArch(), e.getValue(), 0, 0, 0)).as(e.getKey()).isEqualTo(RET_KILL_PROCESS);
        }
        for (int nr = 0; nr < 1024; nr++) {
            if (!named.contains(nr)) {
                assertThat(c.bpf.run(c.arch.auditArch(), nr, 0, 0, 0, 0, 0, 0)).as("call %d", nr)
                        .isEqualTo(RET_KILL_PROCESS);
            }
        }
        assertThat(c.bpf.run(0x40000003, c.arch.number(Syscall.FUTEX))).as("another architecture's calls")
                .isEqualTo(RET_KILL_PROCESS);
    }
}
