package dev.tender.it;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace of the test's own (unique name) on a test host, with TAP interfaces and addresses only
 * inside it. Closing it kills what still runs inside and deletes it, which removes its TAPs too. Nothing
 * touches the host's root namespace.
 */
final class NetNs implements AutoCloseable {
    final TestHost host;
    final String name;

    NetNs(TestHost host) {
        this.host = host;
        name = "tender-it-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 20);
        host.ok("ip", "netns", "add", name);
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
        return host.ok(inside(cmd).toArray(new String[0]));
    }

    /** Starts a background process inside the namespace (a pinger, a DNS server). */
    HostProcess background(String... cmd) {
        return host.start(inside(cmd));
    }

    @Override
    public void close() {
        host.run(Duration.ofSeconds(60), List.of("sh", "-c",
                "for p in $(ip netns pids \"$0\"); do kill -9 $p; done; ip netns del \"$0\"", name));
    }
}
