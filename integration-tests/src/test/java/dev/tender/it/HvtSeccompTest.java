package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** {@code bin/tender hvt --mem=8 test_hello.hvt} with {@code env}, on the hvt host. */
    private static Result hello(Map<String, String> env) {
        List<String> args = List.of("hvt", "--mem=8", Tender.image("test_hello.hvt").toString());
        return new Running(Hosts.kvm().start(Tender.command(args), env)).await(60);
    }

    @Test
    void everyThreadOfTheTenderIsFilteredWhileTheGuestRuns() throws Exception {
        TestHost host = Hosts.kvm();
        Path pidFile = tmp.resolve("pid");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile.toString()));
        cmd.addAll(Tender.command(List.of("hvt", "--mem=32", Tender.image("test_time.hvt").toString())));
        Running t = new Running(host.start(cmd));
        t.awaitOutput("[1] Slept for", 60);
        String pid = Files.readString(pidFile).trim();
        String status = host.ok("sh", "-c", "for s in /proc/$0/task/*/status; do echo ==; "
                + "grep -E '^(Name|NoNewPrivs|Seccomp|Seccomp_filters):' $s; done", pid);
        t.signal("TERM");
        Result r = t.await(60);
        assertThat(r.status()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");

        List<String> threads = List.of(status.split("==\n")).stream().filter(s -> !s.isBlank()).toList();
        assertThat(threads).as("the JVM's threads: %s", status).hasSizeGreaterThan(4);
        for (String thread : threads) {
            assertThat(thread).as("thread\n%s", thread).contains("NoNewPrivs:\t1\n").contains("Seccomp:\t2\n")
                    .contains("Seccomp_filters:\t1\n");
        }
    }

    @Test
    void aCallOutsideTheFilterKillsTheTenderWithSigsys() {
        Result r = hello(Map.of("TENDER_JAVA_OPTS", PROBE));
        assertThat(r.status()).as(r.output()).isEqualTo(128 + 31);
        assertThat(r.stdout()).as("the guest never ran").doesNotContain("Hello");
        assertThat(r.stderr()).doesNotContain("confinement probe");
    }

    /** TENDER_SECCOMP=log lets a denied call through (the kernel logs it), for finding what a new JVM needs. */
    @Test
    void logModeLetsTheCallThroughAndTheGuestRuns() {
        Result r = hello(Map.of("TENDER_SECCOMP", "log", "TENDER_JAVA_OPTS", PROBE));
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEqualTo("confinement probe: getppid returned a pid\n");
        assertThat(r.stdout()).contains("Hello, World");
    }

    @Test
    void anUnknownModeIsRefusedBeforeTheGuestRuns() {
        Result r = hello(Map.of("TENDER_SECCOMP", "off"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: TENDER_SECCOMP=off: expected kill or log\n");
        assertThat(r.stdout()).doesNotContain("Hello");
    }
}
