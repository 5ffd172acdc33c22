package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.sys.Errno;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.kvm.ScriptedVcpu;
import dev.tender.hvt.kvm.VmExit;
import org.junit.jupiter.api.Test;

/** aarch64 exits: MMIO stores as hypercalls at the edges of the window, and solo5-hvt's fatal messages. */
class Arm64ExitsTest {
    private static final long BASE = 0x100000000L;
    private static final long PC = 0x10_0a3cL;

    private final Arm64HvtArch arch = new Arm64HvtArch();
    private final ScriptedVcpu vcpu = new ScriptedVcpu().rip(PC);

    private ExitAction decode(VmExit exit) throws TenderException {
        return arch.decodeExit(exit, vcpu, null);
    }

    private void fatal(VmExit exit, String message) {
        assertThatThrownBy(() -> decode(exit)).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e).hasMessage(message);
            assertThat(e.exitStatus()).isEqualTo(1);
            assertThat(e.prefixed()).isTrue();
        });
    }

    private static VmExit.Mmio store(long address, int length, long data) {
        return new VmExit.Mmio(address, length, true, data);
    }

    @Test
    void aWordStoredAtBasePlus8NIsHypercallN() throws Exception {
        for (int nr = 0; nr <= 8; nr++) {
            assertThat(decode(store(BASE + 8L * nr, 4, 0x1000 + nr))).isEqualTo(new ExitAction.Hypercall(nr, 0x1000 + nr));
        }
        assertThat(vcpu.getRegsCalls()).as("hypercalls read no registers").isZero();
    }

    @Test
    void theStoredWordIsZeroExtendedAndTheHighBytesIgnored() throws Exception {
        assertThat(decode(store(BASE + 8, 4, 0xDEAD_BEEF_FFFF_FFF0L))).isEqualTo(new ExitAction.Hypercall(1, 0xFFFF_FFF0L));
    }

    @Test
    void anUnalignedStoreInsideTheWindowCountsForTheSlotItFallsIn() throws Exception {
        assertThat(decode(store(BASE + 0x44, 4, 0x2000))).isEqualTo(new ExitAction.Hypercall(8, 0x2000));
    }

    @Test
    void theWindowEndsAfterTheLastHypercall() {
        fatal(store(BASE + 0x48, 4, 0), "Invalid guest mmio access: mmio=0x100000048");
        fatal(store(BASE - 4, 4, 0), "Invalid guest mmio access: mmio=0xfffffffc");
        fatal(store(BASE + 0x100, 4, 0), "Invalid guest mmio access: mmio=0x100000100");
        fatal(store(-8L, 4, 0), "Invalid guest mmio access: mmio=0xfffffffffffffff8");
    }

    @Test
    void onlyAFourByteStoreIsAHypercall() {
        fatal(store(BASE + 8, 8, 0), "Invalid guest mmio access: mmio=0x100000008 len=8");
        fatal(store(BASE + 8, 2, 0), "Invalid guest mmio access: mmio=0x100000008 len=2");
        fatal(new VmExit.Mmio(BASE + 8, 4, false, 0), "Invalid guest mmio access: mmio=0x100000008 len=4");
    }

    @Test
    void aSignalEntersTheGuestAgain() throws Exception {
        assertThat(decode(new VmExit.Interrupted())).isInstanceOf(ExitAction.Resume.class);
    }

    @Test
    void fatalExitsNameThePc() {
        fatal(new VmExit.TranslationFault(), "KVM: host/guest translation fault: pc=0x100a3c");
        fatal(new VmExit.Unhandled(0x18), "KVM: unhandled exit: exit_reason=0x18, pc=0x100a3c");
        fatal(new VmExit.Io(0x500, 4, true, 0), "KVM: unhandled exit: exit_reason=0x2, pc=0x100a3c");
        fatal(new VmExit.FailEntry(0x2a), "KVM: entry failure: hw_entry_failure_reason=0x2a");
        fatal(new VmExit.InternalError(3), "KVM: internal error exit: suberror=0x3");
    }

    @Test
    void aPcThatCannotBeReadGetsSolo5sMessage() {
        vcpu.getRegsFails(Errno.EINVAL);
        fatal(new VmExit.TranslationFault(), "KVM: Dump PC failed after guest fault");
        fatal(new VmExit.Unhandled(0x18), "KVM: Dump PC failed after unhandled exit");
    }
}
