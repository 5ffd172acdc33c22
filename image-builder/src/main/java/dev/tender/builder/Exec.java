package dev.tender.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/**
 * Runs the toolchain. Every process gets the same fixed environment additions (C locale, UTC, a fixed
 * {@code SOURCE_DATE_EPOCH}), so nothing in the outputs depends on when or where a build runs. At most
 * {@code jobs} processes run at once.
 */
final class Exec {
    private final Map<String, String> env;
    private final Semaphore slots;

    Exec(Map<String, String> baseEnv, int jobs) {
        Map<String, String> e = new TreeMap<>(baseEnv);
        e.put("LC_ALL", "C");
        e.put("TZ", "UTC");
        e.put("SOURCE_DATE_EPOCH", "0");
        e.remove("GCC_EXEC_PREFIX");
        e.remove("COMPILER_PATH");
        e.remove("DEPENDENCIES_OUTPUT");
        e.remove("SUNPRO_DEPENDENCIES");
        this.env = Map.copyOf(e);
        this.slots = new Semaphore(Math.max(1, jobs));
    }

    Map<String, String> env() {
        return env;
    }

    /** The executable {@code name} resolves to (a path, or a search of PATH), or null. */
    Path which(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs {@code cmd} in {@code dir}; returns its output (stdout and stderr), or throws with it. */
    String run(Path dir, List<String> cmd, String what) throws BuildException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(what + ": interrupted");
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            int status = p.waitFor();
            String text = new String(out, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new BuildException(what + " failed (exit status " + status + ")\n  in " + dir + ": "
                        + String.join(" ", cmd) + (text.isEmpty() ? "" : "\n" + text.stripTrailing()));
            }
            return text;
        } catch (IOException e) {
            throw new BuildException(what + ": cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(what + ": interrupted");
        } finally {
            slots.release();
        }
    }
}
