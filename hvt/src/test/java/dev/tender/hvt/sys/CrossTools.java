package dev.tender.hvt.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the aarch64 cross tools for tests that check arm64 numbers without an arm64 machine, and other host tools. */
public final class CrossTools {
    private CrossTools() {
    }

    /** Runs {@code cmd} and returns its output; a missing tool fails the test naming the Debian packages. */
    public static String run(String... cmd) throws Exception {
        return runNeeding("gcc-aarch64-linux-gnu, binutils-aarch64-linux-gnu and linux-libc-dev-arm64-cross", cmd);
    }

    /**
     * Runs {@code cmd}, which must exit 0, and returns its output (stdout and stderr); a missing tool fails the
     * test with "install {@code packages}".
     */
    public static String runNeeding(String packages, String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(cmd[0] + " is missing: install " + packages, e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(cmd[0] + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}
