package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnitStateTest {
    @Test
    void blocksOfSystemctlShowAreOneStateEach() {
        String out = """
                Id=tender@a.service
                ActiveState=active
                SubState=running
                MainPID=412
                NRestarts=2
                ActiveEnterTimestampMonotonic=81234567
                MemoryCurrent=44040192

                Id=tender@b.service
                ActiveState=inactive
                SubState=dead
                MainPID=0
                NRestarts=0
                ActiveEnterTimestampMonotonic=0
                MemoryCurrent=[not set]
                """;
        List<UnitState> s = UnitState.parseAll(out);
        assertThat(s).containsExactly(
                new UnitState("tender@a.service", "active", "running", 412, 2, 81234567, OptionalLong.of(44040192)),
                new UnitState("tender@b.service", "inactive", "dead", 0, 0, 0, OptionalLong.empty()));
        assertThat(s.get(0).running()).isTrue();
        assertThat(s.get(1).running()).isFalse();
        assertThat(s.get(1).shown()).isEqualTo("inactive (dead)");
    }

    @Test
    void systemdsNoValueAndGarbageAreNoNumber() {
        UnitState s = UnitState.parseAll("Id=x\nMemoryCurrent=18446744073709551615\nMainPID=abc\n").get(0);
        assertThat(s.memory()).isEmpty();
        assertThat(s.mainPid()).isZero();
        assertThat(s.active()).isEqualTo("unknown");
        assertThat(UnitState.parseAll("\n\n")).isEmpty();
    }
}
