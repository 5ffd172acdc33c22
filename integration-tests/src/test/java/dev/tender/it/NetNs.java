package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own (unique name), with TAP interfaces and addresses only inside it.
 * Closing it deletes the namespace, which removes its TAPs too. Nothing touches the root namespace.
 */
final class NetNs implements AutoCloseable {
    final String name;

    NetNs() {
        name = "tender-it-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 20);
        ip("netns", "add", name);
    }

    /** Creates TAP {@code tap} in the namespace with {@code cidr} (or no address when null), MTU, and up. */
    NetNs tap(String tap, String cidr, int mtu) {
        exec("ip", "tuntap", "add", tap, "mode", "tap");
        if (cidr != null) {
            exec("ip", "addr", "add", cidr, "dev", tap);
        }
        exec("ip", "link", "set", "dev", tap, "up", "mtu", Integer.toString(mtu));
        return this;
    }

    /** The command line that runs {@code cmd} inside the namespace. */
    List<String> inside(String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(Arrays.asList(cmd));
        return full;
    }

    /** Runs a command inside the namespace and requires success; returns its output. */
    String exec(String... cmd) {
        return run(inside(cmd), true);
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(Arrays.asList(args));
        run(cmd, true);
    }

    static String run(List<String> cmd, boolean check) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s timed out", cmd).isTrue();
            if (check) {
                assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a background process inside the namespace (a pinger). */
    Process background(String... cmd) {
        try {
            return new ProcessBuilder(inside(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "pids", name), false).lines().filter(l -> !l.isBlank())
                .forEach(pid -> run(List.of("kill", "-9", pid.trim()), false));
        run(List.of("ip", "netns", "del", name), false);
    }
}
