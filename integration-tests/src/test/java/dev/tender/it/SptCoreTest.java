package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream spt core tests (docs/upstream-tests.md §2.1–2.3), booted through {@code bin/tender spt} as solo5-spt is: guest
 * faults end in SIGSEGV (139), forbidden system calls in SIGSYS (159), aborts in 255.
 */
class SptCoreTest {
    static final Path SPT_IMAGES = Tender.ROOT.resolve("guest/build/x86_64/spt");

    /** An spt test image built by the guest module. */
    static Path sptImage(String name) {
        Path p = SPT_IMAGES.resolve(name);
        assertThat(p).as("spt test image (built by the guest module)").exists();
        return p;
    }

    /** upstream's spt_run: {@code solo5-spt --mem=2 ARGS...} with a 60 s limit. */
    static Result spt(String... args) {
        return Tender.run(60, sptArgs(args));
    }

    static List<String> sptArgs(String... args) {
        List<String> full = new ArrayList<>(List.of("spt", "--mem=2"));
        full.addAll(Arrays.asList(args));
        return full;
    }

    static void expectSuccess(Result r) {
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    static void expectSegfault(Result r) {
        assertThat(r.status()).as(r.output()).isEqualTo(139);
        assertThat(r.output()).doesNotContain("FAILURE");
    }

    @Test
    void hello() {
        Result r = spt(sptImage("test_hello.spt").toString(), "Hello_Solo5");
        expectSuccess(r);
        assertThat(r.stdout()).contains("Hello, World", "Command line is: 'Hello_Solo5'",
                "Solo5: Memory map: 2 MB addressable:", "Solo5: solo5_exit(0) called");
        assertThat(r.stderr()).as("a normal run prints nothing from the tender").isEmpty();
    }

    @Test
    void helloSeesItsWholeCommandLine() {
        Result r = spt("--", sptImage("test_hello.spt").toString(), "two", "--words");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains("Command line is: 'two --words'").doesNotContain("SUCCESS");
    }

    @Test
    void memoryIsNotRounded() {
        Result r = Tender.run(60, List.of("spt", "--mem=3", sptImage("test_hello.spt").toString()));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Solo5: Memory map: 3 MB addressable:", "< stack < 0x300000");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void quiet() {
        Result r = spt("--", sptImage("test_quiet.spt").toString(), "--solo5:quiet");
        expectSuccess(r);
        assertThat(r.output()).doesNotContain("Solo5:");
    }

    @Test
    void output() {
        Result r = spt(sptImage("test_output.spt").toString(), "Output_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout().lines().count()).isGreaterThanOrEqualTo(74);
    }

    @Test
    void globals() {
        expectSuccess(spt(sptImage("test_globals.spt").toString()));
    }

    @Test
    void exception() {
        expectSegfault(spt(sptImage("test_exception.spt").toString()));
    }

    @Test
    void zeropage() {
        expectSegfault(spt(sptImage("test_zeropage.spt").toString()));
    }

    @Test
    void xnow() {
        expectSegfault(spt(sptImage("test_xnow.spt").toString()));
    }

    @Test
    void wnox() {
        expectSegfault(spt(sptImage("test_wnox.spt").toString()));
    }

    @Test
    void notls() {
        expectSegfault(spt(sptImage("test_notls.spt").toString()));
    }

    @Test
    void tls() {
        expectSuccess(spt(sptImage("test_tls.spt").toString()));
    }

    @Test
    void ssp() {
        Result r = spt(sptImage("test_ssp.spt").toString());
        assertThat(r.status()).as(r.output()).isEqualTo(255);
        assertThat(r.stdout()).contains("Solo5: ABORT: Stack corruption detected");
    }

    @Test
    void fpu() {
        expectSuccess(spt(sptImage("test_fpu.spt").toString()));
    }

    @Test
    void time() {
        expectSuccess(spt(sptImage("test_time.spt").toString()));
    }

    /** dup(1) is not in the filter: the process is killed with SIGSYS. */
    @Test
    void seccomp() {
        Result r = spt(sptImage("test_seccomp.spt").toString());
        assertThat(r.status()).as(r.output()).isEqualTo(159);
        assertThat(r.stdout()).contains("test_seccomp").doesNotContain("FAILURE");
    }

    /** Running an image directly on the host (from a shell, as bats does) fails on its PT_INTERP. */
    @Test
    void noexecHost() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "\"$0\"", sptImage("test_hello.spt").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(127);
        assertThat(out).containsAnyOf("No such file or directory", "required file not found");
    }

    /** No signal handlers: SIGTERM ends the guest with the default action and nothing printed. */
    @Test
    void sigtermKillsTheGuest() throws Exception {
        Running t = Tender.start(sptArgs(sptImage("test_time.spt").toString()));
        t.awaitOutput("test_time", 30);
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).isEqualTo(128 + 15);
        assertThat(r.stderr()).isEmpty();
    }

    /** Called through a link named solo5-spt, tender is solo5-spt, name included. */
    @Test
    void linkNamedSolo5Spt(@TempDir Path tmp) throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("solo5-spt"), Tender.BIN);
        Process p = new ProcessBuilder(link.toString(), "--mem=2", sptImage("test_hello.spt").toString(),
                "Hello_Solo5").start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        assertThat(out).contains("SUCCESS");
        Process bad = new ProcessBuilder(link.toString(), "--mem=2", Tender.image("test_hello.hvt").toString())
                .redirectErrorStream(true).start();
        String err = new String(bad.getInputStream().readAllBytes());
        assertThat(bad.waitFor()).isEqualTo(1);
        assertThat(err).isEqualTo("solo5-spt: " + Tender.image("test_hello.hvt")
                + ": Executable is not for the solo5-spt target\n");
    }
}
