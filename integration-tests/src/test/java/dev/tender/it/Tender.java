package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.NativeHost;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bin/tender} as users and scripts do, on a test host, and captures what it printed. hvt runs go
 * to {@link Hosts#kvm()} (this machine when it has KVM, else an emulated host), everything else runs here.
 */
final class Tender {
    static final Path ROOT = Hosts.ROOT;
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

    /**
     * The host that runs {@code tender ARGS}: hvt needs KVM, hvt-debug a KVM with hardware debugging
     * ({@link Hosts#standardKvm}), the other commands run on this machine.
     */
    static TestHost hostFor(List<String> args) {
        if (args.isEmpty()) {
            return Hosts.local();
        }
        return switch (args.get(0)) {
            case "hvt" -> Hosts.kvm();
            case "hvt-debug" -> Hosts.standardKvm();
            default -> Hosts.local();
        };
    }

    /** {@code bin/tender ARGS...} with a 60 s limit, like upstream's hvt_run. */
    static Result run(String... args) {
        return run(60, Arrays.asList(args));
    }

    static Result run(int timeoutSeconds, List<String> args) {
        return start(args).await(timeoutSeconds);
    }

    static Running start(List<String> args) {
        return new Running(hostFor(args).start(prefixed(List.of(), args)));
    }

    /** {@code bin/tender ARGS...} inside network namespace {@code ns}, on the namespace's host. */
    static Running startIn(NetNs ns, List<String> args) {
        return startIn(ns, args, Map.of());
    }

    static Running startIn(NetNs ns, List<String> args, Map<String, String> env) {
        return new Running(ns.host.start(prefixed(ns.inside(), args), env));
    }

    /** The command line of {@code bin/tender ARGS...}. */
    static List<String> command(List<String> args) {
        return prefixed(List.of(), args);
    }

    private static List<String> prefixed(List<String> prefix, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(BIN.toString());
        cmd.addAll(args);
        return cmd;
    }

    /** A tender still running (signal and network tests). */
    static final class Running {
        private final HostProcess process;

        Running(HostProcess p) {
            this.process = p;
        }

        /** Waits until stdout contains {@code text} (or fails after {@code seconds}). */
        void awaitOutput(String text, int seconds) throws InterruptedException {
            await(process::stdout, text, seconds);
        }

        /** Waits until stderr contains {@code text} (or fails after {@code seconds}). */
        void awaitStderr(String text, int seconds) throws InterruptedException {
            await(process::stderr, text, seconds);
        }

        private void await(java.util.function.Supplier<String> stream, String text, int seconds)
                throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (!stream.get().contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + text + "' in tender output: " + process.stdout() + process.stderr());
                }
                Thread.sleep(20);
            }
        }

        /** What the tender printed on stderr so far. */
        String stderrSoFar() {
            return process.stderr();
        }

        /** What the guest printed so far (stdout). */
        String outputSoFar() {
            return process.stdout();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** The process id of a tender running on this machine (for tests that look into its /proc). */
        long pid() {
            return ((NativeHost.Child) process).pid();
        }

        void signal(String name) {
            process.signal(name);
        }

        Result await(int timeoutSeconds) {
            if (!process.waitFor(Duration.ofSeconds(timeoutSeconds))) {
                process.kill();
                throw new AssertionError("tender did not finish within " + timeoutSeconds + " s: "
                        + process.stdout() + process.stderr());
            }
            return new Result(process.exitValue(), process.stdout(), process.stderr());
        }
    }
}
