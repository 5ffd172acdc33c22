package dev.tender.deploy;

import java.util.List;

/**
 * The decision {@code tender update} takes after restarting an instance on a new image: keep it, or go back to
 * the old image. Pure, so that every case is unit-tested; {@link Updater} gathers the observations.
 */
public final class Rollout {

    /** What became of the new image; {@code reason} says why it is rolled back (null when it is kept). */
    public record Verdict(boolean keep, String reason) {
        static Verdict kept() {
            return new Verdict(true, null);
        }

        static Verdict back(String reason) {
            return new Verdict(false, reason);
        }
    }

    private Rollout() {
    }

    /**
     * Judges a rollout: {@code restarted} is whether {@code systemctl restart} succeeded (with Type=notify it
     * returns once tender sent READY=1, and fails when the tender ended first); {@code ready} is the state right
     * after it; {@code grace} the states sampled during the grace period that followed, in order. The new image
     * is kept only when it became ready and, through the whole grace period, stayed running in the same process
     * without a restart.
     */
    public static Verdict judge(boolean restarted, UnitState ready, List<UnitState> grace) {
        if (!restarted || ready == null) {
            return Verdict.back("it did not become ready");
        }
        if (!ready.running()) {
            return Verdict.back("it did not become ready (" + ready.shown() + ")");
        }
        for (UnitState s : grace) {
            if (!s.running()) {
                return Verdict.back("it exited within the grace period (" + s.shown() + ")");
            }
            if (s.mainPid() != ready.mainPid() || s.restarts() != ready.restarts()) {
                return Verdict.back("it exited within the grace period and was restarted");
            }
        }
        return Verdict.kept();
    }
}
