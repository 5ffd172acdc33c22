package dev.tender.core.seccomp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An allow-list seccomp filter with a default action (kill the thread, unless given another), built the way
 * libseccomp evaluates
 * {@code seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, n, SCMP_Ax(op, value)...)}: a system call is allowed when any
 * of its rules matches, and a rule matches when all of its comparisons hold on the full 64-bit argument values.
 * Calls from another architecture (and from another ABI of the same one, such as x86_64's x32) are killed as
 * well; {@link SeccompArch} supplies the architecture's audit value and call numbers.
 *
 * <p>Start-up path code: plain loops, no lambdas (each first lambda costs a bootstrap in a cold JVM).
 *
 * <p>Program shape: an architecture check, then one block per system call ({@code ld nr; jeq nr; ja next}), each
 * rule ending in its own {@code ret ALLOW}, so that every conditional jump stays short however many devices
 * there are (63 block devices give about 1,400 instructions).
 */
public final class SeccompFilter {
    /** SECCOMP_RET_KILL_THREAD (libseccomp's SCMP_ACT_KILL). */
    public static final int RET_KILL_THREAD = 0x00000000;
    /** SECCOMP_RET_KILL_PROCESS: the whole thread group dies of SIGSYS, as from an uncaught signal. */
    public static final int RET_KILL_PROCESS = 0x80000000;
    /** SECCOMP_RET_ERRNO: the call fails with the errno in the low 16 bits, see {@link #errno}. */
    public static final int RET_ERRNO = 0x00050000;
    /** SECCOMP_RET_LOG: the call is allowed and the kernel logs it (audit, or the kernel log). */
    public static final int RET_LOG = 0x7ffc0000;
    /** SECCOMP_RET_ALLOW. */
    public static final int RET_ALLOW = 0x7fff0000;
    /** Offsets in struct seccomp_data. */
    public static final int OFF_NR = 0;
    public static final int OFF_ARCH = 4;
    public static final int OFF_ARGS = 16;

    /**
     * Comparison of one argument, unsigned 64-bit: SCMP_CMP_EQ, SCMP_CMP_LE and SCMP_CMP_MASKED_EQ (the argument
     * ANDed with a mask equals the value).
     */
    public enum Op { EQ, LE, MASKED_EQ }

    /** {@code SCMP_A<index>(op, value)}, or {@code SCMP_A<index>(SCMP_CMP_MASKED_EQ, mask, value)}. */
    public record Arg(int index, Op op, long value, long mask) {
        public Arg {
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("argument index " + index);
            }
        }

        public static Arg eq(int index, long value) {
            return new Arg(index, Op.EQ, value, -1L);
        }

        public static Arg le(int index, long value) {
            return new Arg(index, Op.LE, value, -1L);
        }

        /** {@code (argument & mask) == value}. */
        public static Arg maskedEq(int index, long mask, long value) {
            return new Arg(index, Op.MASKED_EQ, value, mask);
        }
    }

    /** One rule: the call, the comparisons that must all hold, and the action taken when they do. */
    public record Rule(Syscall call, List<Arg> args, int action) {
        /** An allow rule. */
        public Rule(Syscall call, List<Arg> args) {
            this(call, args, RET_ALLOW);
        }
    }

    private final SeccompArch arch;
    private final int defaultAction;
    private final Map<Syscall, List<Rule>> rules = new LinkedHashMap<>();

    /** An empty filter (every call kills the calling thread) for system calls of {@code arch}. */
    public SeccompFilter(SeccompArch arch) {
        this(arch, RET_KILL_THREAD);
    }

    /**
     * An empty filter for system calls of {@code arch} that takes {@code defaultAction} for every call no rule
     * matches, and for calls of another architecture or ABI.
     */
    public SeccompFilter(SeccompArch arch, int defaultAction) {
        this.arch = arch;
        this.defaultAction = defaultAction;
    }

    /** The action that fails a call with {@code errno} instead of running it. */
    public static int errno(int errno) {
        if (errno <= 0 || errno > 0xffff) {
            throw new IllegalArgumentException("errno " + errno);
        }
        return RET_ERRNO | errno;
    }

    /** Adds an allow rule; calls are tested in the order of their first rule. */
    public SeccompFilter allow(Syscall call, Arg... args) {
        return add(call, RET_ALLOW, args);
    }

    /** Adds a rule that takes {@code action} (e.g. {@link #errno}) when all of {@code args} hold. */
    public SeccompFilter add(Syscall call, int action, Arg... args) {
        List<Rule> list = rules.get(call);
        if (list == null) {
            list = new ArrayList<>();
            rules.put(call, list);
        }
        list.add(new Rule(call, List.of(args), action));
        return this;
    }

    /** Every rule, grouped by call. */
    public List<Rule> rules() {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> list : rules.values()) {
            all.addAll(list);
        }
        return Collections.unmodifiableList(all);
    }

    /** The BPF program ({@code struct sock_filter[]}). */
    public byte[] program() {
        Bpf b = new Bpf();
        Bpf.Label archOk = b.label();
        b.load(OFF_ARCH).jump(Bpf.JEQ, arch.auditArch(), archOk, null).ret(defaultAction).bind(archOk);
        if (arch.foreignAbiBit() != 0) {
            Bpf.Label nativeAbi = b.label();
            b.load(OFF_NR).jump(Bpf.JGE, arch.foreignAbiBit(), null, nativeAbi).ret(defaultAction).bind(nativeAbi);
        }
        for (Map.Entry<Syscall, List<Rule>> e : rules.entrySet()) {
            Bpf.Label mine = b.label();
            Bpf.Label next = b.label();
            b.load(OFF_NR).jump(Bpf.JEQ, arch.number(e.getKey()), mine, null).jumpAlways(next).bind(mine);
            for (Rule r : e.getValue()) {
                Bpf.Label nextRule = b.label();
                for (Arg a : r.args()) {
                    compare(b, a, nextRule);
                }
                b.ret(r.action()).bind(nextRule);
            }
            b.ret(defaultAction).bind(next);
        }
        b.ret(defaultAction);
        return b.assemble();
    }

    /** Falls through when the comparison holds, jumps to {@code fail} otherwise. */
    private static void compare(Bpf b, Arg a, Bpf.Label fail) {
        int lo = OFF_ARGS + 8 * a.index();
        int hi = lo + 4;
        int vlo = (int) a.value();
        int vhi = (int) (a.value() >>> 32);
        switch (a.op()) {
            case EQ:
                b.load(hi).jump(Bpf.JEQ, vhi, null, fail);
                b.load(lo).jump(Bpf.JEQ, vlo, null, fail);
                break;
            case LE: {
                Bpf.Label pass = b.label();
                b.load(hi).jump(Bpf.JGT, vhi, fail, null).jump(Bpf.JEQ, vhi, null, pass);
                b.load(lo).jump(Bpf.JGT, vlo, fail, null);
                b.bind(pass);
                break;
            }
            case MASKED_EQ:
                b.load(hi).and((int) (a.mask() >>> 32)).jump(Bpf.JEQ, vhi, null, fail);
                b.load(lo).and((int) a.mask()).jump(Bpf.JEQ, vlo, null, fail);
                break;
            default:
                throw new IllegalArgumentException(a.op().toString());
        }
    }
}
