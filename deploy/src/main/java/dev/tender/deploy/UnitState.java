package dev.tender.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One unit's state as {@code systemctl show -p PROPERTIES UNIT...} prints it: blocks of {@code KEY=VALUE} lines,
 * one block per unit, separated by a blank line. systemd keeps the state; this only reads it.
 *
 * @param unit        the unit's name ({@code Id})
 * @param active      ActiveState: active, activating, deactivating, inactive, failed
 * @param sub         SubState: running, start, auto-restart, dead, …
 * @param mainPid     MainPID, 0 when none
 * @param restarts    NRestarts: how often systemd restarted it since it was last started by hand
 * @param sinceMicros ActiveEnterTimestampMonotonic, 0 when never active
 * @param memory      MemoryCurrent in bytes, empty where systemd has no figure
 */
public record UnitState(String unit, String active, String sub, long mainPid, long restarts, long sinceMicros,
        OptionalLong memory) {

    /** The properties {@link #parseAll} needs. */
    public static final String PROPERTIES = "Id,ActiveState,SubState,MainPID,NRestarts,ActiveEnterTimestampMonotonic,"
            + "MemoryCurrent";

    /** Every block of {@code text}, in order. */
    public static List<UnitState> parseAll(String text) {
        List<UnitState> units = new ArrayList<>();
        Map<String, String> block = new HashMap<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    units.add(of(block));
                    block.clear();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                block.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return units;
    }

    private static UnitState of(Map<String, String> p) {
        return new UnitState(p.getOrDefault("Id", "?"), p.getOrDefault("ActiveState", "unknown"),
                p.getOrDefault("SubState", "unknown"), number(p.get("MainPID")).orElse(0),
                number(p.get("NRestarts")).orElse(0), number(p.get("ActiveEnterTimestampMonotonic")).orElse(0),
                number(p.get("MemoryCurrent")));
    }

    /** A decimal property; systemd prints {@code [not set]} or 2^64-1 for "no value". */
    private static OptionalLong number(String v) {
        if (v == null || !v.matches("[0-9]{1,19}")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Active and running: the state a started tender@ instance is in once tender sent READY=1. */
    public boolean running() {
        return active.equals("active") && sub.equals("running");
    }

    /** {@code active (running)}, as systemctl status shows it. */
    public String shown() {
        return active + " (" + sub + ")";
    }
}
