package dev.tender.it.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Linux machine the integration tests run commands on: this one ({@link NativeHost}) or one emulated by QEMU
 * with KVM inside ({@link EmulatedHost}). The project directory has the same path on every host, so images,
 * block files and logs under it are shared; commands run as root with stdin from /dev/null.
 */
public interface TestHost {
    /** "native", "emulated x86_64", ... for messages and reports. */
    String name();

    /** Starts {@code argv} with {@code env} added to the host's environment. */
    HostProcess start(List<String> argv, Map<String, String> env);

    default HostProcess start(List<String> argv) {
        return start(argv, Map.of());
    }

    /** Runs {@code argv} to its end; a command still running after {@code timeout} is killed and fails the test. */
    default Result run(Duration timeout, List<String> argv) {
        HostProcess p = start(argv);
        if (!p.waitFor(timeout)) {
            p.kill();
            throw new AssertionError(argv + " on " + name() + " did not finish within " + timeout.toSeconds() + " s: "
                    + p.stdout() + p.stderr());
        }
        return new Result(p.exitValue(), p.stdout(), p.stderr());
    }

    /** Runs {@code argv} and requires exit status 0; returns stdout. */
    default String ok(String... argv) {
        Result r = run(Duration.ofSeconds(180), List.of(argv));
        if (r.status() != 0) {
            throw new AssertionError(List.of(argv) + " on " + name() + " exited " + r.status() + ": " + r.output());
        }
        return r.stdout();
    }

    /**
     * Fails at once, naming the Debian package to install, when {@code command} is not on this host, so that a
     * missing tool is said plainly instead of showing up as a time-out later.
     */
    default TestHost require(String command, String debianPackage) {
        if (run(Duration.ofSeconds(60), List.of("sh", "-c", "command -v \"$0\"", command)).status() != 0) {
            throw new AssertionError(command + " not found on the " + name() + " host (apt-get install "
                    + debianPackage + ")");
        }
        return this;
    }

    /**
     * A TCP port on this machine's loopback that reaches {@code port} of address {@link #FORWARDED_ADDRESS} in the
     * host (the emulated arm64 host's user-mode NIC, whose {@code eth0} a test moves into a namespace of its
     * own). For a tool that must run on this machine, such as gdb-multiarch against a tender in the arm64 host.
     */
    default int forwardTcp(int port) {
        throw new UnsupportedOperationException(name() + " forwards no ports");
    }

    /** The address the host's forwarded ports arrive at (QEMU's user-mode network gives the guest this one). */
    String FORWARDED_ADDRESS = "10.0.2.15";

    /** Exit status and output of one command; {@link #output()} is stdout then stderr, as bats' $output holds both. */
    record Result(int status, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }
}
