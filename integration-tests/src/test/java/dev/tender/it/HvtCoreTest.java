package dev.tender.it;

import static dev.tender.it.Tender.image;
import static dev.tender.it.Tender.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.host.Hosts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream hvt core tests (docs/upstream-tests.md §2.1–2.3, 2.6), booted through bin/tender as solo5-hvt is. */
class HvtCoreTest {
    /** upstream's hvt_run: every test runs with --mem=4096. */
    private static Result hvt(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "hvt";
        full[1] = "--mem=4096";
        System.arraycopy(args, 0, full, 2, args.length);
        return run(full);
    }

    private static void expectSuccess(Result r) {
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    private static void expectAbort(Result r) {
        assertThat(r.status()).as(r.output()).isEqualTo(255);
        assertThat(r.output()).contains("ABORT");
    }

    @Test
    void hello() {
        Result r = hvt(image("test_hello.hvt").toString(), "Hello_Solo5");
        expectSuccess(r);
        assertThat(r.stdout()).contains("Hello, World", "Command line is: 'Hello_Solo5'", "Solo5: solo5_exit(0) called");
        assertThat(r.stderr()).as("a normal run prints nothing from the tender").isEmpty();
    }

    @Test
    void helloSeesItsWholeCommandLine() {
        Result r = hvt("--", image("test_hello.hvt").toString(), "two", "--words");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains("Command line is: 'two --words'").doesNotContain("SUCCESS");
    }

    @Test
    void quiet() {
        Result r = hvt("--", image("test_quiet.hvt").toString(), "--solo5:quiet");
        expectSuccess(r);
        assertThat(r.output()).doesNotContain("Solo5:");
    }

    @Test
    void output() {
        Result r = hvt(image("test_output.hvt").toString(), "Output_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout().lines().count()).isGreaterThanOrEqualTo(74);
    }

    @Test
    void globals() {
        expectSuccess(hvt(image("test_globals.hvt").toString()));
    }

    @Test
    void exception() {
        Result r = hvt(image("test_exception.hvt").toString());
        expectAbort(r);
        assertThat(r.stdout()).contains("Solo5: trap: type=#PF", "cr2=0x400000000");
    }

    @Test
    void zeropage() {
        Result r = hvt(image("test_zeropage.hvt").toString());
        expectAbort(r);
        assertThat(r.stdout()).contains("cr2=0x8");
    }

    @Test
    void notls() {
        expectAbort(hvt(image("test_notls.hvt").toString()));
    }

    @Test
    void tls() {
        expectSuccess(hvt(image("test_tls.hvt").toString()));
    }

    @Test
    void ssp() {
        Result r = hvt(image("test_ssp.hvt").toString());
        expectAbort(r);
        assertThat(r.stdout()).contains("Stack corruption detected");
    }

    @Test
    void xnowWriteToTextIsAHostGuestTranslationFault() {
        Result r = hvt(image("test_xnow.hvt").toString());
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stderr()).contains("host/guest translation fault").doesNotContain("SUCCESS");
    }

    /**
     * SSE in the guest. On standard KVM this succeeds. On this project's CI hosts (nested "PVM" KVM), KVM
     * cannot emulate the SSE instruction it traps on, and every tender, upstream's included, ends with
     * KVM_EXIT_INTERNAL_ERROR (docs/upstream-tests.md §3): the test asserts whichever behaviour the host has.
     */
    @Test
    void fpu() {
        Result r = hvt(image("test_fpu.hvt").toString());
        if (Hosts.kvm().run(Duration.ofSeconds(30), List.of("test", "-e", "/sys/module/kvm_pvm")).status() == 0) {
            assertThat(r.status()).as(r.output()).isEqualTo(1);
            assertThat(r.stderr()).contains("KVM: internal error exit: suberror=0x1");
        } else {
            expectSuccess(r);
        }
    }

    @Test
    void time() {
        Result r = hvt(image("test_time.hvt").toString());
        expectSuccess(r);
    }

    @Test
    void buggyelf() {
        Result r = hvt(image("buggyelf.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).contains("INV_EXE: phdr[").contains(
                "note does not fall within valid size (18446744073709551613 <= 0 || 18446744073709551613 > 1)");
        assertThat(r.stderr().lines().count()).as("one line, no stack trace").isEqualTo(1);
    }

    @Test
    void smallMemoryStillBoots() {
        Result r = run("hvt", "--mem=8", image("test_hello.hvt").toString(), "Hello_Solo5");
        expectSuccess(r);
        assertThat(r.stdout()).contains("Memory map: 8 MB addressable");
    }
}
