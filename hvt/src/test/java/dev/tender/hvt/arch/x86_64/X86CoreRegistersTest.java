package dev.tender.hvt.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.mem.GuestMemory;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters.TrapFrame;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters.UserRegs;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class X86CoreRegistersTest {
    /** kvm_regs with each register holding 0x1100 plus its kvm_regs offset. */
    private static ByteBuffer kvmRegs() {
        ByteBuffer r = ByteBuffer.allocate(Regs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < Regs.SIZE; off += 8) {
            r.putLong(off, 0x1100 + off);
        }
        return r;
    }

    /** kvm_sregs with selectors 0x08 (cs), 0x10 (ss), 0x18.. (ds, es, fs, gs) and fs/gs bases. */
    private static ByteBuffer kvmSregs() {
        ByteBuffer s = ByteBuffer.allocate(Sregs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        s.putShort(Sregs.CS + Sregs.SEG_SELECTOR, (short) 0x08);
        s.putShort(Sregs.SS + Sregs.SEG_SELECTOR, (short) 0x10);
        s.putShort(Sregs.DS + Sregs.SEG_SELECTOR, (short) 0x18);
        s.putShort(Sregs.ES + Sregs.SEG_SELECTOR, (short) 0x20);
        s.putShort(Sregs.FS + Sregs.SEG_SELECTOR, (short) 0x28);
        s.putShort(Sregs.GS + Sregs.SEG_SELECTOR, (short) 0xFFF8);
        s.putLong(Sregs.FS + Sregs.SEG_BASE, 0x7000_0000L);
        s.putLong(Sregs.GS + Sregs.SEG_BASE, 0x7100_0000L);
        s.putLong(Sregs.CS + Sregs.SEG_BASE, 0xBAD);
        return s;
    }

    private static long at(byte[] prReg, int off) {
        return ByteBuffer.wrap(prReg).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
    }

    @Test
    void kvmRegistersLandInUserRegsOrder() {
        byte[] u = X86CoreRegisters.prReg(kvmRegs(), kvmSregs(), null);
        assertThat(u).hasSize(X86CoreRegisters.LAYOUT.prRegSize());
        assertThat(at(u, UserRegs.RAX)).isEqualTo(0x1100 + Regs.RAX);
        assertThat(at(u, UserRegs.RBX)).isEqualTo(0x1100 + Regs.RBX);
        assertThat(at(u, UserRegs.RCX)).isEqualTo(0x1100 + Regs.RCX);
        assertThat(at(u, UserRegs.RDX)).isEqualTo(0x1100 + Regs.RDX);
        assertThat(at(u, UserRegs.RSI)).isEqualTo(0x1100 + Regs.RSI);
        assertThat(at(u, UserRegs.RDI)).isEqualTo(0x1100 + Regs.RDI);
        assertThat(at(u, UserRegs.RSP)).isEqualTo(0x1100 + Regs.RSP);
        assertThat(at(u, UserRegs.RBP)).isEqualTo(0x1100 + Regs.RBP);
        assertThat(at(u, UserRegs.R8)).isEqualTo(0x1100 + Regs.R8);
        assertThat(at(u, UserRegs.R9)).isEqualTo(0x1100 + Regs.R9);
        assertThat(at(u, UserRegs.R10)).isEqualTo(0x1100 + Regs.R10);
        assertThat(at(u, UserRegs.R11)).isEqualTo(0x1100 + Regs.R11);
        assertThat(at(u, UserRegs.R12)).isEqualTo(0x1100 + Regs.R12);
        assertThat(at(u, UserRegs.R13)).isEqualTo(0x1100 + Regs.R13);
        assertThat(at(u, UserRegs.R14)).isEqualTo(0x1100 + Regs.R14);
        assertThat(at(u, UserRegs.R15)).isEqualTo(0x1100 + Regs.R15);
        assertThat(at(u, UserRegs.RIP)).isEqualTo(0x1100 + Regs.RIP);
        assertThat(at(u, UserRegs.EFLAGS)).isEqualTo(0x1100 + Regs.RFLAGS);
        assertThat(at(u, UserRegs.ORIG_RAX)).isZero();
    }

    @Test
    void segmentsGiveTheirSelectorsAndTheFsAndGsBases() {
        byte[] u = X86CoreRegisters.prReg(kvmRegs(), kvmSregs(), null);
        assertThat(at(u, UserRegs.CS)).isEqualTo(0x08);
        assertThat(at(u, UserRegs.SS)).isEqualTo(0x10);
        assertThat(at(u, UserRegs.DS)).isEqualTo(0x18);
        assertThat(at(u, UserRegs.ES)).isEqualTo(0x20);
        assertThat(at(u, UserRegs.FS)).isEqualTo(0x28);
        assertThat(at(u, UserRegs.GS)).as("a selector is unsigned").isEqualTo(0xFFF8);
        assertThat(at(u, UserRegs.FS_BASE)).isEqualTo(0x7000_0000L);
        assertThat(at(u, UserRegs.GS_BASE)).isEqualTo(0x7100_0000L);
    }

    @Test
    void aTrapFrameReplacesRipCsEflagsRspAndSsOnly() {
        TrapFrame frame = new TrapFrame(0xC2, 0xEC, 0x100123, 0x33, 0x10246, 0x1FFFF0, 0x2B);
        byte[] u = X86CoreRegisters.prReg(kvmRegs(), kvmSregs(), frame);
        assertThat(at(u, UserRegs.RIP)).isEqualTo(0x100123);
        assertThat(at(u, UserRegs.CS)).isEqualTo(0x33);
        assertThat(at(u, UserRegs.EFLAGS)).isEqualTo(0x10246);
        assertThat(at(u, UserRegs.RSP)).isEqualTo(0x1FFFF0);
        assertThat(at(u, UserRegs.SS)).isEqualTo(0x2B);
        assertThat(at(u, UserRegs.RAX)).isEqualTo(0x1100 + Regs.RAX);
        assertThat(at(u, UserRegs.DS)).isEqualTo(0x18);
    }

    @Test
    void theInputsAreReadLittleEndianFromIndexZeroWhateverTheirOrderAndPosition() {
        ByteBuffer regs = kvmRegs().order(ByteOrder.BIG_ENDIAN).position(64);
        ByteBuffer sregs = kvmSregs().order(ByteOrder.BIG_ENDIAN).position(100);
        assertThat(X86CoreRegisters.prReg(regs, sregs, null))
                .isEqualTo(X86CoreRegisters.prReg(kvmRegs(), kvmSregs(), null));
        assertThat(regs.position()).isEqualTo(64);
    }

    @Test
    void shortInputsAreRefused() {
        assertThatThrownBy(() -> X86CoreRegisters.prReg(ByteBuffer.allocate(100), kvmSregs(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kvm_regs is 100 bytes, not 144");
        assertThatThrownBy(() -> X86CoreRegisters.prReg(kvmRegs(), ByteBuffer.allocate(8), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kvm_sregs is 8 bytes, not 312");
    }

    @Test
    void theTrapFrameIsReadInItsFieldOrderOnlyInsideGuestMemory() throws Exception {
        try (GuestMemory mem = GuestMemory.allocate(2 << 20)) {
            long gpa = 0x1FF000;
            for (int i = 0; i < 7; i++) {
                mem.putLong(gpa + 8 * i, 0xA0 + i);
            }
            assertThat(TrapFrame.read(mem, gpa)).isEqualTo(new TrapFrame(0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6));
            long size = mem.size();
            assertThat(TrapFrame.read(mem, size - TrapFrame.SIZE - 1)).isNotNull();
            assertThat(TrapFrame.read(mem, size - TrapFrame.SIZE)).as("Solo5's strict end rule").isNull();
            assertThat(TrapFrame.read(mem, size)).isNull();
            assertThat(TrapFrame.read(mem, -8)).isNull();
        }
    }
}
