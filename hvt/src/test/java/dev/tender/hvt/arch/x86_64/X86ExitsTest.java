package dev.tender.hvt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.Errno;
import dev.tender.hvt.arch.ExitAction;
import dev.tender.hvt.kvm.ScriptedVcpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** x86_64 exits as hypercalls, retries and solo5-hvt's fatal messages (docs/abi.md §9.1). */
class X86ExitsTest {
    private static final long MIB = 1L << 20;
    private static final long RIP = 0x10_0a3cL;

    private final X86HvtArch arch = new X86HvtArch();
    private final ScriptedVcpu vcpu = new ScriptedVcpu().rip(RIP);
    private GuestMemory mem;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(4 * MIB);
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    private ExitAction decode(VmExit exit) throws TenderException {
        return arch.decodeExit(exit, vcpu, mem);
    }

    private void fatal(VmExit exit, String message) {
        assertThatThrownBy(() -> decode(exit)).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e).hasMessage(message);
            assertThat(e.exitStatus()).isEqualTo(1);
            assertThat(e.prefixed()).isTrue();
            assertThat(e.printsUsage()).isFalse();
        });
    }

    private static VmExit.Io outl(int port, long value) {
        return new VmExit.Io(port, 4, true, value);
    }

    @Test
    void anOutlToPort0x500PlusNIsHypercallN() throws Exception {
        for (int nr = 0; nr <= 8; nr++) {
            assertThat(decode(outl(0x500 + nr, 0x1000 + nr))).isEqualTo(new ExitAction.Hypercall(nr, 0x1000 + nr));
        }
        assertThat(vcpu.getRegsCalls()).as("hypercalls read no registers").isZero();
    }

    @Test
    void theGuestPointerIsThe32BitValueZeroExtended() throws Exception {
        assertThat(decode(outl(0x502, 0xFFFF_FFFFL))).isEqualTo(new ExitAction.Hypercall(2, 0xFFFF_FFFFL));
        assertThat(decode(outl(0x502, 0x8000_0000L))).isEqualTo(new ExitAction.Hypercall(2, 0x8000_0000L));
        assertThat(decode(outl(0x501, 0x1_0000_2000L))).as("an OUTL carries 32 bits")
                .isEqualTo(new ExitAction.Hypercall(1, 0x2000L));
    }

    @Test
    void portsOutsideTheHypercallRangeAreInvalid() {
        fatal(outl(0x4FF, 0), "Invalid guest port access: port=0x4ff");
        fatal(outl(0x509, 0), "Invalid guest port access: port=0x509");
        fatal(outl(0x600, 0), "Invalid guest port access: port=0x600");
        fatal(outl(0xFFFF, 0), "Invalid guest port access: port=0xffff");
        fatal(outl(0, 0), "Invalid guest port access: port=0x0");
    }

    @Test
    void onlyAFourByteOutIsAHypercall() {
        fatal(new VmExit.Io(0x502, 4, false, 0x1000), "Invalid guest port access: port=0x502");
        fatal(new VmExit.Io(0x502, 1, true, 0x1000), "Invalid guest port access: port=0x502");
        fatal(new VmExit.Io(0x502, 2, true, 0x1000), "Invalid guest port access: port=0x502");
        fatal(new VmExit.Io(0x508, 8, true, 0x1000), "Invalid guest port access: port=0x508");
    }

    @Test
    void anInterruptedRunEntersTheGuestAgain() throws Exception {
        assertThat(decode(new VmExit.Interrupted())).isEqualTo(new ExitAction.Resume());
    }

    @Test
    void translationFaultNamesRip() {
        fatal(new VmExit.TranslationFault(), "KVM: host/guest translation fault: rip=0x100a3c");
        vcpu.rip(0xFFFF_FFFF_8100_0000L);
        fatal(new VmExit.TranslationFault(), "KVM: host/guest translation fault: rip=0xffffffff81000000");
    }

    @Test
    void anMmioWriteIntoGuestRamIsTheSameFault() {
        fatal(new VmExit.Mmio(0x10_0000, 4, true, 0), "KVM: host/guest translation fault: rip=0x100a3c");
        fatal(new VmExit.Mmio(4 * MIB - 1, 1, true, 0), "KVM: host/guest translation fault: rip=0x100a3c");
    }

    @Test
    void otherMmioIsAnUnhandledExit() {
        fatal(new VmExit.Mmio(4 * MIB, 4, true, 0), "KVM: unhandled exit: exit_reason=0x6, rip=0x100a3c");
        fatal(new VmExit.Mmio(-4096, 4, true, 0), "KVM: unhandled exit: exit_reason=0x6, rip=0x100a3c");
        fatal(new VmExit.Mmio(0x10_0000, 4, false, 0), "KVM: unhandled exit: exit_reason=0x6, rip=0x100a3c");
    }

    @Test
    void failEntryAndInternalErrorNameTheirReason() {
        fatal(new VmExit.FailEntry(0x8000_0021L), "KVM: entry failure: hw_entry_failure_reason=0x80000021");
        fatal(new VmExit.InternalError(1), "KVM: internal error exit: suberror=0x1");
        fatal(new VmExit.InternalError(3), "KVM: internal error exit: suberror=0x3");
        assertThat(vcpu.getRegsCalls()).as("these messages name no register").isZero();
    }

    @Test
    void shutdownHltAndAnyOtherReasonAreUnhandledExits() {
        fatal(new VmExit.Unhandled(KvmApi.EXIT_SHUTDOWN), "KVM: unhandled exit: exit_reason=0x8, rip=0x100a3c");
        fatal(new VmExit.Unhandled(KvmApi.EXIT_HLT), "KVM: unhandled exit: exit_reason=0x5, rip=0x100a3c");
        fatal(new VmExit.Unhandled(0x1c), "KVM: unhandled exit: exit_reason=0x1c, rip=0x100a3c");
    }

    @Test
    void whenEvenTheRegistersCannotBeReadThatIsTheMessage() {
        vcpu.getRegsFails(Errno.EINVAL);
        fatal(new VmExit.TranslationFault(), "KVM: ioctl (GET_REGS) failed after guest fault: Invalid argument");
        fatal(new VmExit.Unhandled(KvmApi.EXIT_SHUTDOWN),
                "KVM: ioctl (GET_REGS) failed after unhandled exit: Invalid argument");
    }
}
