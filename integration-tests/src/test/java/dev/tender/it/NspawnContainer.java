package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A container booted with systemd as PID 1 (systemd-nspawn, its own network namespace, /dev/net/tun and, where
 * asked, /dev/kvm bound in) on a test host, and commands run inside it with nsenter. The root directory is the
 * caller's to prepare and to remove; {@link #close()} ends the container.
 */
final class NspawnContainer implements AutoCloseable {
    private final TestHost host;
    private final String machine;
    private final HostProcess nspawn;
    private final String init;                     // the container's systemd, as seen from its host

    /** Boots {@code root} as machine {@code machine}; returns once its systemd is running (or degraded). */
    NspawnContainer(TestHost host, String root, String machine, boolean kvm) throws InterruptedException {
        this.host = host;
        this.machine = machine;
        // Where no systemd runs the host (the emulated hosts), nspawn --keep-unit puts the container's "payload"
        // cgroup under the cgroup it was started in, the root: a second container there found the first one's
        // still busy ("Failed to create //payload subcgroup: Device or resource busy"). Each container gets a
        // cgroup of its own there instead; under systemd, nspawn keeps to the test's own unit.
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", """
                if [ ! -d /run/systemd/system ] && [ -w /sys/fs/cgroup/cgroup.procs ]; then
                    mkdir -p "/sys/fs/cgroup/$0" && echo $$ > "/sys/fs/cgroup/$0/cgroup.procs"
                fi
                exec "$@"
                """, "tender-it-" + machine, "timeout", "900", "systemd-nspawn", "--directory=" + root,
                "--register=no", "--keep-unit", "--machine=" + machine, "--private-network", "--bind=/dev/net/tun"));
        if (kvm) {
            cmd.add("--bind=/dev/kvm");
        }
        cmd.addAll(List.of("--console=pipe", "--boot", "systemd.unit=basic.target"));
        nspawn = host.start(cmd);
        init = findInit();
        for (int i = 0; i < 240; i++) {
            String state = inside(10, "systemctl", "is-system-running").stdout().trim();
            if (state.equals("running") || state.equals("degraded")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the container's systemd did not come up: " + nspawn.stdout() + nspawn.stderr());
    }

    /** A command inside the container (all of its namespaces). */
    TestHost.Result inside(int seconds, String... cmd) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", init, "-a"));
        full.addAll(List.of(cmd));
        return host.run(Duration.ofSeconds(seconds), full);
    }

    /** As {@link #inside} with status 0 required; returns stdout and stderr. */
    String insideOk(String... cmd) {
        TestHost.Result r = inside(180, cmd);
        assertThat(r.status()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.output();
    }

    /** The process named systemd below this container's nspawn (timeout -> nspawn -> nspawn -> systemd). */
    private String findInit() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            // Shell built-ins only while walking /proc (a fork per process costs seconds in an emulated host).
            String pid = host.run(Duration.ofSeconds(120), List.of("sh", "-c", """
                    for p in /proc/[0-9]*; do
                        read -r comm < $p/comm 2>/dev/null || continue
                        [ "$comm" = systemd ] || continue
                        q=${p#/proc/}
                        while [ "${q:-0}" -gt 1 ]; do
                            if tr '\\0' ' ' < /proc/$q/cmdline | grep -q -e "--machine=$0 "; then
                                echo ${p#/proc/}; break
                            fi
                            ppid=""
                            while read -r key value; do
                                [ "$key" = PPid: ] && ppid=$value
                            done < /proc/$q/status
                            q=$ppid
                        done
                    done
                    """, machine)).stdout().trim();
            if (!pid.isEmpty()) {
                return pid.lines().findFirst().orElseThrow();
            }
            assertThat(nspawn.isAlive()).as("systemd-nspawn: %s%s", nspawn.stdout(), nspawn.stderr()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no systemd in the container: " + nspawn.stdout() + nspawn.stderr());
    }

    @Override
    /**
     * Powers the container off: SIGTERM to the timeout at the top, which passes it on to systemd-nspawn, which shuts
     * the container's systemd down. A SIGKILL there would end only the timeout and leave the container running (as
     * it did on this machine, natively, until 2026-12-07); it comes only if the shutdown does not end in 60 s.
     */
    public void close() {
        if (nspawn.isAlive()) {
            nspawn.signal("TERM");
            if (!nspawn.waitFor(Duration.ofSeconds(60))) {
                nspawn.kill();
            }
        }
        // The container's own cgroup (emulated hosts only), once empty; children first.
        host.run(Duration.ofSeconds(30), List.of("sh", "-c", "d=/sys/fs/cgroup/$0; [ -d \"$d\" ] || exit 0;"
                + " find \"$d\" -depth -type d -exec rmdir {} + 2>/dev/null; exit 0", "tender-it-" + machine));
    }
}
