package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver as a systemd service under a booted systemd: a container (systemd-nspawn, systemd as PID 1,
 * its own network namespace) whose root is a throw-away overlay of this machine's root file system, so it has
 * the same Java, dnsmasq and checkout. The instance is installed with the real {@code tender systemd install
 * --root}, started with {@code systemctl start} (Type=notify: the start returns once tender sent READY=1),
 * asked with dig, and stopped. Runs on the KVM test host; fails at once, naming the package, where systemd-nspawn
 * is not installed (.ci/run installs it).
 */
class ResolverSystemdTest {
    private static final String BASE = "/run/tender-it-systemd-" + ProcessHandle.current().pid();
    private static final String ROOT = BASE + "/root";
    private static final String MACHINE = "tender-it-" + ProcessHandle.current().pid();
    private static TestHost host;
    private static HostProcess nspawn;
    private static String init;                     // the container's systemd, as seen from its host

    /** A command inside the container (all of its namespaces). */
    static TestHost.Result inside(int seconds, String... cmd) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", init, "-a"));
        full.addAll(List.of(cmd));
        return host.run(Duration.ofSeconds(seconds), full);
    }

    static String insideOk(String... cmd) {
        TestHost.Result r = inside(180, cmd);
        assertThat(r.status()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.output();
    }

    @BeforeAll
    static void bootContainer() throws Exception {
        host = Hosts.kvm().require("systemd-nspawn", "systemd-container").require("dnsmasq", "dnsmasq-base")
                .require("dig", "bind9-dnsutils");
        // A writable overlay over the bare root file system (no submounts); the upper layer is a tmpfs. nspawn
        // wants an empty /dev to populate; the root file system's /dev has a few placeholders. tender itself is
        // installed as an operator would, outside /tmp (the unit's PrivateTmp= hides /tmp, and the checkout
        // running these tests may well live there): bin/tender and the built cli/target files.
        host.ok("sh", "-ec", """
                base=$0 image=$1 checkout=$2
                mkdir -p "$base" && mount -t tmpfs tender-it "$base" && cd "$base"
                mkdir lower upper work root
                mount --bind / lower
                mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work root
                rm -rf root/dev/*
                mkdir -p root/var/lib/tender root/opt/tender/cli
                cp "$image" root/var/lib/tender/resolver.hvt
                cp -a "$checkout/bin" root/opt/tender/
                cp -a "$checkout/cli/target" root/opt/tender/cli/
                """, BASE, Tender.image("resolver.hvt").toString(), Tender.ROOT.toString());
        host.ok(Tender.BIN.toString(), "systemd", "install", "resolver", "--root=" + ROOT,
                "--launcher=/opt/tender/bin/tender",
                "--image=/var/lib/tender/resolver.hvt", "--mem=32", "--net=service=tap-resolver",
                "--tap-address=tap-resolver=10.0.0.1/24", "--", "--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1",
                "--upstream=10.53.0.1", "--verbose");

        nspawn = host.start(List.of("timeout", "600", "systemd-nspawn", "--directory=" + ROOT, "--register=no",
                "--keep-unit", "--machine=" + MACHINE, "--private-network",
                "--bind=/dev/kvm", "--bind=/dev/net/tun", "--console=pipe", "--boot", "systemd.unit=basic.target"));
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

    /** The process named systemd below this test's nspawn (timeout -> nspawn -> nspawn -> systemd). */
    private static String findInit() throws Exception {
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
                    """, MACHINE)).stdout().trim();
            if (!pid.isEmpty()) {
                return pid.lines().findFirst().orElseThrow();
            }
            assertThat(nspawn.isAlive()).as("systemd-nspawn: %s%s", nspawn.stdout(), nspawn.stderr()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no systemd in the container: " + nspawn.stdout() + nspawn.stderr());
    }

    @AfterAll
    static void shutDown() {
        if (nspawn != null && nspawn.isAlive()) {
            nspawn.kill();
        }
        if (host != null) {
            host.run(Duration.ofSeconds(60), List.of("sh", "-c",
                    "umount -l \"$0/root\"; umount -l \"$0/lower\"; umount -l \"$0\"; rmdir \"$0\"", BASE));
        }
    }

    @Test
    void resolverRunsAsANotifyServiceAndStopsCleanly() {
        insideOk("ip", "link", "set", "lo", "up");
        insideOk("ip", "addr", "add", "10.53.0.1/32", "dev", "lo");
        insideOk("systemd-run", "--unit=upstream-dns", "--service-type=exec", "dnsmasq", "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--user=root", "--group=root",
                "--listen-address=10.53.0.1", "--bind-interfaces", "--log-queries", "--log-facility=/run/dnsmasq.log",
                "--local=/example.test/", "--host-record=www.example.test,10.1.2.3,300");

        insideOk("systemctl", "start", "tender@resolver.service");
        String show = insideOk("systemctl", "show", "-p", "ActiveState,SubState,StatusText,MemoryMax,DevicePolicy",
                "tender@resolver.service");
        assertThat(show).contains("ActiveState=active", "SubState=running",
                "StatusText=Running /var/lib/tender/resolver.hvt", "MemoryMax=301989888", "DevicePolicy=closed");

        String first = insideOk("dig", "@10.0.0.2", "+tries=3", "+time=4", "www.example.test", "A");
        assertThat(first).contains("status: NOERROR").containsPattern("www\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.3");
        String again = insideOk("dig", "@10.0.0.2", "+tries=3", "+time=4", "www.example.test", "A");
        assertThat(again).contains("status: NOERROR", "10.1.2.3");
        String upstreamLog = insideOk("cat", "/run/dnsmasq.log");
        assertThat(upstreamLog.lines().filter(l -> l.contains("query[A] www.example.test from 10.0.0.2")).count())
                .as("the second answer came from the cache").isEqualTo(1);
        assertThat(insideOk("journalctl", "--no-pager", "-u", "tender@resolver.service"))
                .contains("resolver: ready, serving DNS on 10.0.0.2:53", "www.example.test. A: cached");

        insideOk("systemctl", "stop", "tender@resolver.service");
        assertThat(insideOk("systemctl", "show", "-p", "ActiveState,Result", "tender@resolver.service"))
                .contains("ActiveState=inactive", "Result=success");
        assertThat(inside(30, "ip", "link", "show", "tap-resolver").status()).as("TAP removed after the stop").isNotZero();
        assertThat(insideOk("journalctl", "--no-pager", "-u", "tender@resolver.service"))
                .contains("tender hvt: Exiting on signal 15");
    }
}
