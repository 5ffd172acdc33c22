package dev.tender.core.hypercall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypercallTableTest {
    private final HypercallTable table = new HypercallTable(HvtCalls.MAX);
    private final List<String> calls = new ArrayList<>();

    private Hypercall recorder(String name) {
        return gpa -> calls.add(name + "@" + Long.toHexString(gpa));
    }

    @Test
    void aRegisteredNumberFindsItsHandlerAndName() throws Exception {
        table.register(HvtCalls.PUTS, "PUTS", recorder("PUTS"));
        table.register(HvtCalls.NET_READ, "NET_READ", recorder("NET_READ"));
        table.lookup(HvtCalls.NET_READ).handle(0x2000);
        table.lookup(HvtCalls.PUTS).handle(0x1000);
        assertThat(calls).containsExactly("NET_READ@2000", "PUTS@1000");
        assertThat(table.name(HvtCalls.PUTS)).isEqualTo("PUTS");
        assertThat(table.name(HvtCalls.NET_READ)).isEqualTo("NET_READ");
        assertThat(table.limit()).isEqualTo(HvtCalls.MAX);
    }

    @Test
    void emptySlotsAndNumbersOutOfRangeHaveNoHandlerAndNoName() {
        table.register(HvtCalls.PUTS, "PUTS", recorder("PUTS"));
        for (int nr : new int[] {HvtCalls.WALLTIME, HvtCalls.HALT, 0, -1, HvtCalls.MAX, Integer.MAX_VALUE,
                Integer.MIN_VALUE}) {
            assertThat(table.lookup(nr)).as("nr %d", nr).isNull();
            assertThat(table.name(nr)).as("nr %d", nr).isEqualTo("?");
        }
    }

    @Test
    void onlyNumbersFromOneBelowTheLimitCanBeRegistered() {
        assertThatThrownBy(() -> table.register(0, "ZERO", recorder("ZERO")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.register(HvtCalls.MAX, "MAX", recorder("MAX")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.register(-3, "NEG", recorder("NEG")))
                .isInstanceOf(IllegalArgumentException.class);
        table.register(HvtCalls.MAX - 1, "LAST", recorder("LAST"));
        assertThat(table.name(HvtCalls.MAX - 1)).isEqualTo("LAST");
    }

    @Test
    void aNumberIsRegisteredOnceAndTheFirstHandlerStays() throws Exception {
        table.register(HvtCalls.POLL, "POLL", recorder("first"));
        assertThatThrownBy(() -> table.register(HvtCalls.POLL, "POLL2", recorder("second")))
                .isInstanceOf(IllegalStateException.class);
        table.lookup(HvtCalls.POLL).handle(8);
        assertThat(calls).containsExactly("first@8");
        assertThat(table.name(HvtCalls.POLL)).isEqualTo("POLL");
    }
}
