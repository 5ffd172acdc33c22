package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.hvt.debug.gdb.RspArgs.Malformed;
import org.junit.jupiter.api.Test;

/** Hex numbers, hex data, fields and the unsigned range check of packet arguments. */
class RspArgsTest {
    @Test
    void parsesUnsigned64BitNumbers() throws Exception {
        assertThat(RspArgs.number("0")).isZero();
        assertThat(RspArgs.number("DeadBeef")).isEqualTo(0xdeadbeefL);
        assertThat(RspArgs.number("ffffffffffffffff")).isEqualTo(-1L);
        assertThat(RspArgs.number("0000000000000001")).isOne();
        for (String bad : new String[] {"", "-1", "+1", "0x10", "1g", " 1", "10000000000000000"}) {
            assertThatThrownBy(() -> RspArgs.number(bad)).as(bad).isInstanceOf(Malformed.class);
        }
    }

    @Test
    void smallNumbersFitAnInt() throws Exception {
        assertThat(RspArgs.smallNumber("7fffffff")).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> RspArgs.smallNumber("80000000")).isInstanceOf(Malformed.class);
        assertThatThrownBy(() -> RspArgs.smallNumber("ffffffffffffffff")).isInstanceOf(Malformed.class);
    }

    @Test
    void convertsHexData() throws Exception {
        assertThat(RspArgs.bytes("00ff7fA0")).containsExactly(0x00, 0xff, 0x7f, 0xa0);
        assertThat(RspArgs.bytes("")).isEmpty();
        assertThat(RspArgs.hex(new byte[] {0, -1, 0x7f, (byte) 0xa0})).isEqualTo("00ff7fa0");
        assertThat(RspArgs.hexByte(0x0b)).isEqualTo("0b");
        assertThatThrownBy(() -> RspArgs.bytes("abc")).isInstanceOf(Malformed.class);
        assertThatThrownBy(() -> RspArgs.bytes("0g")).isInstanceOf(Malformed.class);
    }

    @Test
    void splitsIntoExactlyTheFieldsAsked() throws Exception {
        assertThat(RspArgs.fields("1,2,3", ',', 3)).containsExactly("1", "2", "3");
        assertThat(RspArgs.fields("1,2,3", ',', 2)).containsExactly("1", "2,3");
        assertThat(RspArgs.fields(",", ',', 2)).containsExactly("", "");
        assertThatThrownBy(() -> RspArgs.fields("1,2", ',', 3)).isInstanceOf(Malformed.class);
    }

    @Test
    void checksRangesWithoutOverflow() {
        long size = 0x10000;
        assertThat(RspArgs.inside(0, size, size)).isTrue();
        assertThat(RspArgs.inside(size, 0, size)).isTrue();
        assertThat(RspArgs.inside(size - 1, 1, size)).isTrue();
        assertThat(RspArgs.inside(size - 1, 2, size)).isFalse();
        assertThat(RspArgs.inside(size + 1, 0, size)).isFalse();
        assertThat(RspArgs.inside(-1L, 0x10, size)).isFalse();
        assertThat(RspArgs.inside(0x10, -1L, size)).isFalse();
        assertThat(RspArgs.inside(-1L, -1L, size)).isFalse();
        assertThat(RspArgs.inside(Long.MAX_VALUE, Long.MAX_VALUE, size)).isFalse();
    }
}
