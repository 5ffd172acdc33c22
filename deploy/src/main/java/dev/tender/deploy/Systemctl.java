package dev.tender.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link ServiceManager} through the {@code systemctl} command: systemd keeps all the state. */
public final class Systemctl implements ServiceManager {

    @Override
    public boolean control(String verb, String unit) {
        if (!List.of("start", "stop", "restart", "reset-failed").contains(verb)) {
            throw new IllegalArgumentException(verb);
        }
        ProcessBuilder pb = new ProcessBuilder("systemctl", "--no-ask-password", verb, unit)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        return run(pb, "systemctl " + verb + " " + unit).exitValue() == 0;
    }

    @Override
    public List<UnitState> show(List<String> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of("systemctl", "show", "-p", UnitState.PROPERTIES));
        cmd.addAll(units);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = start(pb, "systemctl show");
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new DeployException("systemctl show " + String.join(" ", units) + " failed");
            }
            return UnitState.parseAll(out);
        } catch (IOException e) {
            throw new DeployException("systemctl show: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("systemctl show: interrupted", e);
        }
    }

    private static Process run(ProcessBuilder pb, String what) {
        Process p = start(pb, what);
        try {
            p.waitFor();
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException(what + ": interrupted", e);
        }
    }

    private static Process start(ProcessBuilder pb, String what) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new DeployException(what + ": " + e.getMessage() + " (is this a systemd machine?)", e);
        }
    }
}
