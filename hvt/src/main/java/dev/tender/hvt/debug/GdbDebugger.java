package dev.tender.hvt.debug;

import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.debug.gdb.GdbSession;
import dev.tender.hvt.debug.gdb.Resume;
import dev.tender.hvt.debug.gdb.Stop;
import dev.tender.hvt.kvm.Vcpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;

/**
 * gdb in the run loop (docs/debugging.md): the guest waits for gdb's commands before its first instruction and
 * at every debug exit; between stops KVM_SET_GUEST_DEBUG says what to trap. After {@code D} the guest runs on
 * undebugged. A KVM entry failure or internal error is shown to gdb as SIGSEGV before the tender ends.
 */
final class GdbDebugger implements DebugHooks {
    private final GdbSession session;
    private final KvmGdbTarget target;
    private final DebugArch arch;
    private final Vcpu vcpu;
    private boolean detached;

    GdbDebugger(GdbSession session, KvmGdbTarget target, DebugArch arch, Vcpu vcpu) {
        this.session = session;
        this.target = target;
        this.arch = arch;
        this.vcpu = vcpu;
    }

    @Override
    public void beforeFirstEntry() throws TenderException {
        stopped(new Stop.Initial());
    }

    @Override
    public boolean onExit(VmExit exit) throws TenderException {
        if (detached) {
            return false;
        }
        if (exit instanceof VmExit.Debug debug) {
            stopped(arch.decodeDebugExit(debug, target.hardware()));
            return true;
        }
        try {
            if (arch.atSoftwareBreakpoint(exit, vcpu, target::isSoftwareBreakpoint)) {
                stopped(new Stop.SoftwareBreakpoint());
                return true;
            }
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        }
        if (exit instanceof VmExit.FailEntry || exit instanceof VmExit.InternalError) {
            session.stopped(new Stop.Fault(), target);
        } else if (exit instanceof VmExit.Unhandled u && u.reason() == KvmApi.EXIT_HLT) {
            session.exited(0);
            detached = true;
        }
        return false;
    }

    private void stopped(Stop stop) throws TenderException {
        Resume resume = session.stopped(stop, target);
        detached = resume == Resume.DETACHED;
        try {
            arch.applyGuestDebug(vcpu, resume == Resume.STEP, !detached && target.hasSoftwareBreakpoints(),
                    target.hardware());
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        }
    }

    @Override
    public void halted(int status) {
        if (!detached) {
            session.exited(status);
        }
        session.close();
    }

    @Override
    public void ended() {
        if (!detached) {
            session.terminated();
        }
        session.close();
    }
}
