package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RolloutTest {
    static UnitState state(String active, String sub, long pid, long restarts) {
        return new UnitState("tender@a.service", active, sub, pid, restarts, 5_000_000, OptionalLong.empty());
    }

    private static final UnitState READY = state("active", "running", 40, 0);

    @Test
    void aNewImageThatStaysUpIsKept() {
        assertThat(Rollout.judge(true, READY, List.of(READY, READY, READY)).keep()).isTrue();
        assertThat(Rollout.judge(true, READY, List.of()).keep()).as("no grace period").isTrue();
    }

    @Test
    void aRestartThatFailedOrDidNotReachRunningRollsBack() {
        assertThat(Rollout.judge(false, null, List.of()))
                .isEqualTo(new Rollout.Verdict(false, "it did not become ready"));
        assertThat(Rollout.judge(true, state("activating", "auto-restart", 0, 1), List.of()).reason())
                .isEqualTo("it did not become ready (activating (auto-restart))");
        assertThat(Rollout.judge(true, state("failed", "failed", 0, 0), List.of()).keep()).isFalse();
    }

    @Test
    void anExitWithinTheGracePeriodRollsBackEvenWhenSystemdRestartedItMeanwhile() {
        assertThat(Rollout.judge(true, READY, List.of(READY, state("activating", "auto-restart", 0, 0))).reason())
                .isEqualTo("it exited within the grace period (activating (auto-restart))");
        // Between two samples it died and systemd started it again: another process, one more restart.
        assertThat(Rollout.judge(true, READY, List.of(READY, state("active", "running", 41, 1))).reason())
                .isEqualTo("it exited within the grace period and was restarted");
        assertThat(Rollout.judge(true, READY, List.of(state("active", "running", 40, 1))).keep()).isFalse();
        assertThat(Rollout.judge(true, READY, List.of(state("inactive", "dead", 0, 0))).keep()).isFalse();
    }
}
