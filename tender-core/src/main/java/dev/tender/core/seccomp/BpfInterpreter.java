package dev.tender.core.seccomp;

import dev.tender.core.seccomp.x86_64.X86Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a classic-BPF seccomp program the way the kernel does, for the instructions {@link Bpf} emits: the
 * filters' unit tests evaluate calls with it, and it can say what a filter does to a given call.
 */
public final class BpfInterpreter {
    private final ByteBuffer prog;
    private final int length;
    private final int nativeArch;

    /** A program whose {@link #allows} calls are x86_64 ones. */
    public BpfInterpreter(byte[] program) {
        this(program, X86Syscalls.AUDIT_ARCH_X86_64);
    }

    /** A program whose {@link #allows} calls come with audit arch {@code nativeArch}. */
    public BpfInterpreter(byte[] program, int nativeArch) {
        this.prog = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        this.length = program.length / 8;
        this.nativeArch = nativeArch;
    }

    /** Whether the program allows the native call {@code nr} with these arguments. */
    public boolean allows(int nr, long... args) {
        return run(nativeArch, nr, args) == SeccompFilter.RET_ALLOW;
    }

    /** The action for a call {@code nr} on {@code arch} with the six 64-bit arguments. */
    public int run(int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0x400000001234L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        int a = 0;
        int pc = 0;
        int steps = 0;
        while (true) {
            if (pc < 0 || pc >= length) {
                throw new AssertionError("pc " + pc + " outside the program");
            }
            if (++steps > length) {
                throw new AssertionError("backward jump");
            }
            int code = prog.getShort(pc * 8) & 0xffff;
            int jt = prog.get(pc * 8 + 2) & 0xff;
            int jf = prog.get(pc * 8 + 3) & 0xff;
            int k = prog.getInt(pc * 8 + 4);
            pc++;
            switch (code) {
                case Bpf.LD_W_ABS:
                    if (k < 0 || k > 60 || (k & 3) != 0) {
                        throw new AssertionError("bad load offset " + k);
                    }
                    a = data.getInt(k);
                    break;
                case Bpf.JA:
                    pc += k;
                    break;
                case Bpf.JEQ:
                    pc += a == k ? jt : jf;
                    break;
                case Bpf.JGT:
                    pc += Integer.compareUnsigned(a, k) > 0 ? jt : jf;
                    break;
                case Bpf.JGE:
                    pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf;
                    break;
                case Bpf.AND:
                    a &= k;
                    break;
                case Bpf.RET:
                    return k;
                default:
                    throw new AssertionError("unexpected opcode " + code);
            }
        }
    }
}
