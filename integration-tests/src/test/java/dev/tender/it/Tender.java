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
        return startCommand(prefixed(List.of(), args));
    }

    /** {@code bin/tender ARGS...} inside network namespace {@code ns}. */
    static Running startIn(NetNs ns, List<String> args) {
        return startCommand(prefixed(ns.inside(), args));
    }

    private static List<String> prefixed(List<String> prefix, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(BIN.toString());
        cmd.addAll(args);
        return cmd;
    }

    private static Running startCommand(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Running(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tender still running (signal and network tests). */
    static final class Running {
        final Process process;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process p) {
            this.process = p;
            this.outReader = reader(p.getInputStream(), out);
            this.errReader = reader(p.getErrorStream(), err);
        }

        private static Thread reader(InputStream in, StringBuffer into) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    into.append("[read error: ").append(e.getMessage()).append(']');
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits until stdout contains {@code text} (or fails after {@code seconds}). */
        void awaitOutput(String text, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (out.indexOf(text) < 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + text + "' in tender output: " + out + err);
                }
                Thread.sleep(20);
            }
        }

        /** What the guest printed so far (stdout). */
        String outputSoFar() {
            return out.toString();
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
                    throw new AssertionError("tender did not finish within " + timeoutSeconds + " s: " + out + err);
                }
                outReader.join(10_000);
                errReader.join(10_000);
                return new Result(process.exitValue(), out.toString(), err.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
