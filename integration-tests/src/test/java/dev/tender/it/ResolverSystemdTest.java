package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver as a systemd service under a booted systemd: a container (systemd-nspawn, systemd as PID 1,
 * its own network namespace) whose root is a throw-away overlay of this machine's root file system, so it has
 * the same Java, dnsmasq and checkout. The instance is installed with the real {@code tender systemd install
 * --root}, started with {@code systemctl start} (Type=notify: the start returns once tender sent READY=1),
 * asked with dig, and stopped. Skipped where systemd-nspawn is not installed (.ci/run installs it).
 */
class ResolverSystemdTest {
    private static final Path BASE = Path.of("/run/tender-it-systemd-" + ProcessHandle.current().pid());
    private static final Path LOWER = BASE.resolve("lower");
    private static final Path ROOT = BASE.resolve("root");
    private static Process nspawn;
    private static long init;                       // the container's systemd, as seen from here

    record Run(int status, String output) {
    }

    static Run run(int seconds, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " timed out");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String ok(String... cmd) {
        Run r = run(180, List.of(cmd));
        assertThat(r.status()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.output();
    }

    /** A command inside the container (all of its namespaces). */
    static Run inside(int seconds, String... cmd) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(init), "-a"));
        full.addAll(List.of(cmd));
        return run(seconds, full);
    }

    static String insideOk(String... cmd) {
        Run r = inside(180, cmd);
        assertThat(r.status()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.output();
    }

    @BeforeAll
    static void bootContainer() throws Exception {
        Assumptions.assumeTrue(run(10, List.of("sh", "-c", "command -v systemd-nspawn")).status() == 0,
                "systemd-nspawn (systemd-container) is not installed");
        // Writable overlay over the bare root file system (no submounts); the upper layer is a tmpfs.
        Files.createDirectories(BASE);
        ok("mount", "-t", "tmpfs", "tender-it", BASE.toString());
        for (String d : List.of("lower", "upper", "work", "root")) {
            Files.createDirectories(BASE.resolve(d));
        }
        ok("mount", "--bind", "/", LOWER.toString());
        ok("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + LOWER + ",upperdir=" + BASE.resolve("upper")
                + ",workdir=" + BASE.resolve("work"), ROOT.toString());
        // nspawn wants an empty /dev to populate; the root file system's /dev has a few placeholders.
        ok("sh", "-c", "rm -rf " + ROOT + "/dev/*");

        Path image = ROOT.resolve("var/lib/tender/resolver.hvt");
        Files.createDirectories(image.getParent());
        Files.copy(Tender.image("resolver.hvt"), image);
        // Install tender itself as an operator would, outside /tmp (the unit's PrivateTmp= hides /tmp, and the
        // checkout running these tests may well live there): bin/tender and the built cli/target files.
        Path opt = ROOT.resolve("opt/tender");
        Files.createDirectories(opt.resolve("cli"));
        ok("cp", "-a", Tender.ROOT.resolve("bin").toString(), opt.toString());
        ok("cp", "-a", Tender.ROOT.resolve("cli/target").toString(), opt.resolve("cli").toString());
        ok(Tender.BIN.toString(), "systemd", "install", "resolver", "--root=" + ROOT,
                "--launcher=/opt/tender/bin/tender",
                "--image=/var/lib/tender/resolver.hvt", "--mem=32", "--net=service=tap-resolver",
                "--tap-address=tap-resolver=10.0.0.1/24", "--", "--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1",
                "--upstream=10.53.0.1", "--verbose");

        nspawn = new ProcessBuilder("timeout", "600", "systemd-nspawn", "--directory=" + ROOT, "--register=no",
                "--keep-unit", "--machine=tender-it-" + ProcessHandle.current().pid(), "--private-network",
                "--bind=/dev/kvm", "--bind=/dev/net/tun", "--console=pipe", "--boot", "systemd.unit=basic.target")
                .redirectErrorStream(true).redirectInput(new File("/dev/null"))
                .redirectOutput(BASE.resolve("console.log").toFile()).start();
        init = findInit(nspawn.toHandle());
        for (int i = 0; i < 120; i++) {
            String state = inside(10, "systemctl", "is-system-running").output().trim();
            if (state.equals("running") || state.equals("degraded")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the container's systemd did not come up: " + Files.readString(BASE.resolve("console.log")));
    }

    /** timeout -> systemd-nspawn -> systemd-nspawn (in the new namespaces) -> systemd. */
    private static long findInit(ProcessHandle top) throws Exception {
        for (int i = 0; i < 200; i++) {
            List<ProcessHandle> all = new ArrayList<>();
            top.descendants().forEach(all::add);
            for (ProcessHandle p : all) {
                String comm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "comm")).trim();
                if (comm.equals("systemd")) {
                    return p.pid();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no systemd in the container: " + Files.readString(BASE.resolve("console.log")));
    }

    @AfterAll
    static void shutDown() {
        if (nspawn != null) {
            nspawn.descendants().forEach(ProcessHandle::destroyForcibly);
            nspawn.destroyForcibly();
            try {
                nspawn.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Path p : List.of(ROOT, LOWER, BASE)) {
            run(30, List.of("umount", "-l", p.toString()));
        }
        run(30, List.of("rmdir", BASE.toString()));
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
