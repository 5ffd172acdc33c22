package dev.tender.core.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A small classic-BPF assembler for seccomp programs: loads from {@code struct seccomp_data}, compares against
 * constants, jumps forward to labels and returns actions. {@link #assemble()} resolves the labels and checks
 * that every conditional jump fits in its 8-bit offset (classic BPF jumps only forward).
 */
public final class Bpf {
    /** BPF_LD | BPF_W | BPF_ABS. */
    public static final int LD_W_ABS = 0x20;
    /** BPF_JMP | BPF_JA. */
    public static final int JA = 0x05;
    /** BPF_JMP | BPF_JEQ | BPF_K. */
    public static final int JEQ = 0x15;
    /** BPF_JMP | BPF_JGT | BPF_K. */
    public static final int JGT = 0x25;
    /** BPF_JMP | BPF_JGE | BPF_K. */
    public static final int JGE = 0x35;
    /** BPF_ALU | BPF_AND | BPF_K. */
    public static final int AND = 0x54;
    /** BPF_RET | BPF_K. */
    public static final int RET = 0x06;
    /** The kernel's limit on a filter's length (BPF_MAXINSNS). */
    public static final int MAX_INSNS = 4096;

    /** A jump target; bound to the position of the next emitted instruction by {@link #bind}. */
    public static final class Label {
        private int at = -1;
    }

    private record Insn(int code, Label jt, Label jf, Label ja, int k) {
    }

    private final List<Insn> insns = new ArrayList<>();

    public Label label() {
        return new Label();
    }

    /** Binds {@code l} to the next instruction. */
    public Bpf bind(Label l) {
        if (l.at >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        l.at = insns.size();
        return this;
    }

    /** A = the u32 at {@code offset} in struct seccomp_data. */
    public Bpf load(int offset) {
        insns.add(new Insn(LD_W_ABS, null, null, null, offset));
        return this;
    }

    /** A &= k. */
    public Bpf and(int k) {
        insns.add(new Insn(AND, null, null, null, k));
        return this;
    }

    /** if (A op k) goto jt else goto jf; a null label means the next instruction. */
    public Bpf jump(int op, int k, Label jt, Label jf) {
        if (op != JEQ && op != JGT && op != JGE) {
            throw new IllegalArgumentException("not a conditional jump: " + op);
        }
        insns.add(new Insn(op, jt, jf, null, k));
        return this;
    }

    /** goto l (32-bit offset). */
    public Bpf jumpAlways(Label l) {
        insns.add(new Insn(JA, null, null, l, 0));
        return this;
    }

    public Bpf ret(int action) {
        insns.add(new Insn(RET, null, null, null, action));
        return this;
    }

    public int size() {
        return insns.size();
    }

    /** The program as {@code struct sock_filter[]}: 8 bytes each, {code u16, jt u8, jf u8, k u32}, little-endian. */
    public byte[] assemble() {
        if (insns.isEmpty() || insns.size() > MAX_INSNS) {
            throw new IllegalStateException("filter length " + insns.size() + " not in 1.." + MAX_INSNS);
        }
        ByteBuffer b = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            int k = in.k;
            if (in.ja != null) {
                k = offset(i, in.ja, Integer.MAX_VALUE);
            }
            b.putShort((short) in.code);
            b.put((byte) offset(i, in.jt, 255));
            b.put((byte) offset(i, in.jf, 255));
            b.putInt(k);
        }
        return b.array();
    }

    private int offset(int from, Label to, int max) {
        if (to == null) {
            return 0;
        }
        if (to.at < 0) {
            throw new IllegalStateException("unbound label");
        }
        int off = to.at - (from + 1);
        if (off < 0 || off > max || to.at >= insns.size()) {
            throw new IllegalStateException("jump from " + from + " to " + to.at + " out of range");
        }
        return off;
    }
}
