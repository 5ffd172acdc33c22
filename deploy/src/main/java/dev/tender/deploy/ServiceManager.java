package dev.tender.deploy;

import java.util.List;

/** The supervisor of the instances: systemd on a real machine ({@link Systemctl}), a stand-in in unit tests. */
public interface ServiceManager {

    /** {@code systemctl VERB UNIT} for start, stop, restart and reset-failed; true when it succeeded. */
    boolean control(String verb, String unit);

    /** The state of each of {@code units}, in the same order. */
    List<UnitState> show(List<String> units);

    /** The state of one unit. */
    default UnitState show(String unit) {
        List<UnitState> all = show(List.of(unit));
        if (all.isEmpty()) {
            throw new DeployException("systemctl show " + unit + " printed nothing");
        }
        return all.get(0);
    }
}
