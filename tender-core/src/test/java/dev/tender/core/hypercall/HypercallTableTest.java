package dev.tender.core.hypercall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypercallTableTest {
    // hvt's numbers (docs/abi.md §7.1)
    private static final int WALLTIME = 1;
    private static final int PUTS = 2;
    private static final int POLL = 3;
    private static final int NET_READ = 7;
    private static final int HALT = 8;
    private static final int LIMIT = 9;

    private final HypercallTable table = new HypercallTable(LIMIT);
    private final List<String> calls = new ArrayList<>();

    private Hypercall recorder(String name) {
        return gpa -> calls.add(name + "@" + Long.toHexString(gpa));
    }

    @Test
    void aRegisteredNumberFindsItsHandlerAndName() throws Exception {
        table.register(PUTS, "PUTS", recorder("PUTS"));
        table.register(NET_READ, "NET_READ", recorder("NET_READ"));
        table.lookup(NET_READ).handle(0x2000);
        table.lookup(PUTS).handle(0x1000);
        assertThat(calls).containsExactly("NET_READ@2000", "PUTS@1000");
        assertThat(table.name(PUTS)).isEqualTo("PUTS");
        assertThat(table.name(NET_READ)).isEqualTo("NET_READ");
        assertThat(table.limit()).isEqualTo(LIMIT);
    }

    @Test
    void emptySlotsAndNumbersOutOfRangeHaveNoHandlerAndNoName() {
        table.register(PUTS, "PUTS", recorder("PUTS"));
        for (int nr : new int[] {WALLTIME, HALT, 0, -1, LIMIT, Integer.MAX_VALUE,
                Integer.MIN_VALUE}) {
            assertThat(table.lookup(nr)).as("nr %d", nr).isNull();
            assertThat(table.name(nr)).as("nr %d", nr).isEqualTo("?");
        }
    }

    @Test
    void onlyNumbersFromOneBelowTheLimitCanBeRegistered() {
        assertThatThrownBy(() -> table.register(0, "ZERO", recorder("ZERO")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.register(LIMIT, "MAX", recorder("MAX")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.register(-3, "NEG", recorder("NEG")))
                .isInstanceOf(IllegalArgumentException.class);
        table.register(LIMIT - 1, "LAST", recorder("LAST"));
        assertThat(table.name(LIMIT - 1)).isEqualTo("LAST");
    }

    @Test
    void aNumberIsRegisteredOnceAndTheFirstHandlerStays() throws Exception {
        table.register(POLL, "POLL", recorder("first"));
        assertThatThrownBy(() -> table.register(POLL, "POLL2", recorder("second")))
                .isInstanceOf(IllegalStateException.class);
        table.lookup(POLL).handle(8);
        assertThat(calls).containsExactly("first@8");
        assertThat(table.name(POLL)).isEqualTo("POLL");
    }
}
