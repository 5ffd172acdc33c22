package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hvt tender confines itself before the guest's first instruction (docs/security.md): every thread carries
 * the seccomp filter, and a call outside it ends the process with SIGSYS (status 159), as with solo5-hvt.
 * Every other hvt test runs under the same filter, which is what shows that it lets a guest be served.
 */
class HvtSeccompTest {
    private static final String PROBE = "-Dtender.hvt.confinementProbe=true";

    @TempDir
    Path tmp;

    private static List<String> hvt(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Tender.BIN.toString(), "hvt"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Polls what a running command printed; fails with its output when it ends or the deadline passes first. */
    private static void awaitStdout(HostProcess p, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!p.stdout().contains(text)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in: " + p.stdout() + p.stderr());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void everyThreadOfTheTenderIsFilteredWhileTheGuestRuns() throws Exception {
        TestHost host = Hosts.kvm();
        Path pidFile = tmp.resolve("pid");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile.toString()));
        cmd.addAll(hvt("--mem=32", Tender.image("test_time.hvt").toString()));
        HostProcess p = host.start(cmd);
        awaitStdout(p, "[1] Slept for", 60);
        String pid = Files.readString(pidFile).trim();
        String status = host.ok("sh", "-c", "for s in /proc/$0/task/*/status; do echo ==; "
                + "grep -E '^(Name|NoNewPrivs|Seccomp|Seccomp_filters):' $s; done", pid);
        p.signal("TERM");
        assertThat(p.waitFor(Duration.ofSeconds(60))).isTrue();
        assertThat(p.exitValue()).as(p.stderr()).isEqualTo(1);
        assertThat(p.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");

        List<String> threads = List.of(status.split("==\n")).stream().filter(s -> !s.isBlank()).toList();
        assertThat(threads).as("the JVM's threads: %s", status).hasSizeGreaterThan(4);
        for (String t : threads) {
            assertThat(t).as("thread\n%s", t).contains("NoNewPrivs:\t1\n").contains("Seccomp:\t2\n")
                    .contains("Seccomp_filters:\t1\n");
        }
    }

    @Test
    void aCallOutsideTheFilterKillsTheTenderWithSigsys() {
        TestHost.Result r = Hosts.kvm().run(Duration.ofSeconds(60),
                List.of("env", "TENDER_JAVA_OPTS=" + PROBE, Tender.BIN.toString(), "hvt", "--mem=8",
                        Tender.image("test_hello.hvt").toString()));
        assertThat(r.status()).as(r.output()).isEqualTo(128 + 31);
        assertThat(r.stdout()).as("the guest never ran").doesNotContain("Hello");
        assertThat(r.stderr()).doesNotContain("confinement probe");
    }

    /** TENDER_SECCOMP=log lets a denied call through (the kernel logs it), for finding what a new JVM needs. */
    @Test
    void logModeLetsTheCallThroughAndTheGuestRuns() {
        HostProcess p = Hosts.kvm().start(hvt("--mem=8", Tender.image("test_hello.hvt").toString()),
                Map.of("TENDER_SECCOMP", "log", "TENDER_JAVA_OPTS", PROBE));
        assertThat(p.waitFor(Duration.ofSeconds(60))).isTrue();
        assertThat(p.exitValue()).as(p.stderr()).isZero();
        assertThat(p.stderr()).isEqualTo("confinement probe: getppid returned a pid\n");
        assertThat(p.stdout()).contains("Hello, World");
    }

    @Test
    void anUnknownModeIsRefusedBeforeTheGuestRuns() {
        HostProcess p = Hosts.kvm().start(hvt("--mem=8", Tender.image("test_hello.hvt").toString()),
                Map.of("TENDER_SECCOMP", "off"));
        assertThat(p.waitFor(Duration.ofSeconds(60))).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(p.stderr()).isEqualTo("tender hvt: TENDER_SECCOMP=off: expected kill or log\n");
        assertThat(p.stdout()).doesNotContain("Hello");
    }
}
