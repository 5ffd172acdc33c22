package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/tender} as a subprocess, as users and scripts do, and captures what it printed. */
final class Tender {
    static final Path ROOT = Path.of(System.getProperty("tender.root", "..")).toAbsolutePath().normalize();
    static final Path BIN = ROOT.resolve("bin/tender");
    static final Path IMAGES = ROOT.resolve("guest/build/x86_64/hvt");

    /** Exit status and output of one run; {@link #output()} is stdout then stderr, as bats' $output holds both. */
    record Result(int status, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private Tender() {
    }

    static Path image(String name) {
        Path p = IMAGES.resolve(name);
        assertThat(p).as("test image (built by the guest module)").exists();
        return p;
    }

    /** {@code bin/tender ARGS...} with a 60 s limit, like upstream's hvt_run. */
    static Result run(String... args) {
        return run(60, Arrays.asList(args));
    }

    static Result run(int timeoutSeconds, List<String> args) {
        return start(args).await(timeoutSeconds);
    }

    static Running start(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Running(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tender still running (for signal tests). */
    static final class Running {
        final Process process;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        Running(Process p) {
            this.process = p;
            this.out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            this.err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        }

        /** Sends a signal with kill(1): Process.destroy() would also close the pipes being read. */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        Result await(int timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("tender did not finish within " + timeoutSeconds + " s: "
                            + out.getNow("") + err.getNow(""));
                }
                return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
