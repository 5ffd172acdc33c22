package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.hvt.arch.aarch64.Arm64CoreRegisters.UserPtRegs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

class Arm64CoreRegistersTest {
    @Test
    void registersLandInUserPtRegsOrder() {
        long[] x = new long[31];
        for (int n = 0; n < x.length; n++) {
            x[n] = 0x1000 + n;
        }
        byte[] u = Arm64CoreRegisters.prReg(x, 0x3FF000, 0x100040, 0x3C5);
        assertThat(u).hasSize(Arm64CoreRegisters.LAYOUT.prRegSize());
        LongBuffer words = ByteBuffer.wrap(u).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        for (int n = 0; n < 31; n++) {
            assertThat(words.get(UserPtRegs.x(n) / 8)).as("x" + n).isEqualTo(0x1000 + n);
        }
        assertThat(words.get(UserPtRegs.SP / 8)).isEqualTo(0x3FF000);
        assertThat(words.get(UserPtRegs.PC / 8)).isEqualTo(0x100040);
        assertThat(words.get(UserPtRegs.PSTATE / 8)).isEqualTo(0x3C5);
    }

    @Test
    void exactlyThirtyOneGeneralRegistersAreTaken() {
        assertThatThrownBy(() -> Arm64CoreRegisters.prReg(new long[30], 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("30 general registers, not 31");
        assertThatThrownBy(() -> UserPtRegs.x(31)).isInstanceOf(IllegalArgumentException.class);
    }
}
