package dev.tender.hvt.kvm;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmApi;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A vCPU without KVM: each {@link #run} returns the next scripted exit (or fails like KVM_RUN), and
 * {@link #getRegs} fills an x86_64 {@code struct kvm_regs} with a known RIP and junk everywhere else. Running
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
        for (int i = 0; i < KvmApi.Regs.SIZE; i++) {
            regs.putByte(i, JUNK);
        }
        regs.putLong(KvmApi.Regs.RIP, rip);
    }
}
