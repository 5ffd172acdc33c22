package dev.tender.hvt.kvm;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmArm64;
import dev.tender.hvt.sys.KvmX86;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A vCPU without KVM: each {@link #run} returns the next scripted exit (or fails like KVM_RUN), and
 * {@link #getRegs} fills an x86_64 {@code struct kvm_regs} with a known RIP and junk everywhere else
 * ({@link #getOneReg} gives the same value as the aarch64 PC). Running
 * past the end of the script fails the test.
 */
public final class ScriptedVcpu implements VirtualCpu {
    /** Byte pattern around RIP, so that a read at the wrong offset shows. */
    private static final byte JUNK = (byte) 0xA5;

    private final Deque<Object> script = new ArrayDeque<>();
    private long rip;
    private int getRegsErrno;
    private int runs;
    private int getRegsCalls;

    /** The next KVM_RUN returns {@code exit}. */
    public ScriptedVcpu then(VmExit exit) {
        script.add(exit);
        return this;
    }

    /** The next KVM_RUN fails with {@code errno} (one KVM_RUN itself does not turn into an exit). */
    public ScriptedVcpu thenRunFails(int errno) {
        script.add(errno);
        return this;
    }

    public ScriptedVcpu rip(long value) {
        this.rip = value;
        return this;
    }

    /** KVM_GET_REGS fails with {@code errno}. */
    public ScriptedVcpu getRegsFails(int errno) {
        this.getRegsErrno = errno;
        return this;
    }

    /** How often the guest was entered. */
    public int runs() {
        return runs;
    }

    public int getRegsCalls() {
        return getRegsCalls;
    }

    /** Scripted exits not yet consumed. */
    public int remaining() {
        return script.size();
    }

    @Override
    public VmExit run() throws ErrnoException {
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("guest entered again after the last scripted exit");
        }
        runs++;
        if (next instanceof Integer errno) {
            throw new ErrnoException("KVM_RUN", errno);
        }
        return (VmExit) next;
    }

    @Override
    public void getRegs(NativeMemory regs) throws ErrnoException {
        getRegsCalls++;
        if (getRegsErrno != 0) {
            throw new ErrnoException("KVM_GET_REGS", getRegsErrno);
        }
        for (int i = 0; i < KvmX86.Regs.SIZE; i++) {
            regs.putByte(i, JUNK);
        }
        regs.putLong(KvmX86.Regs.RIP, rip);
    }

    /** KVM_GET_ONE_REG: only the aarch64 PC is read by the tender (for fatal exits); it is the scripted RIP. */
    @Override
    public long getOneReg(long id) throws ErrnoException {
        getRegsCalls++;
        if (getRegsErrno != 0) {
            throw new ErrnoException("KVM_GET_ONE_REG", getRegsErrno);
        }
        if (id != KvmArm64.RegId.PC) {
            throw new AssertionError("unexpected register id 0x" + Long.toHexString(id));
        }
        return rip;
    }
}
