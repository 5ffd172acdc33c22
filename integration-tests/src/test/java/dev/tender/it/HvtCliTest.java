package dev.tender.it;

import static dev.tender.it.Tender.image;
import static dev.tender.it.Tender.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** solo5-hvt's command-line contract (docs/cli.md §2) through bin/tender: texts, order of checks, exit codes. */
class HvtCliTest {
    @TempDir
    Path tmp;

    private static String hello() {
        return image("test_hello.hvt").toString();
    }

    @Test
    void helpPrintsUsageOnStderrAndExitsOne() {
        Result r = run("hvt", "--help");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith(
                "usage: tender hvt [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]\n"
                        + "KERNEL is the filename of the unikernel to run.\n"
                        + "ARGS are optional arguments passed to the unikernel.\n"
                        + "Core options:\n"
                        + "  [ --mem=512 ] (guest memory in MB)\n"
                        + "    --help (display this help)\n"
                        + "    --version (display version information)\n"
                        + "Compiled-in modules: core ");
    }

    @Test
    void versionWinsOverEarlierUnknownOptions() {
        Result r = run("hvt", "--bogus", "--version");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).startsWith("tender hvt tender, version ").endsWith("\nABI version 2\n");
    }

    @Test
    void missingKernel() {
        Result r = run("hvt", "--mem=64");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender hvt: Missing KERNEL operand\nusage: tender hvt ");
        assertThat(run("hvt", "--").stderr()).startsWith("tender hvt: Missing KERNEL operand\n");
    }

    @Test
    void unknownOptionAndShortHelpAreInvalid() {
        Result r = run("hvt", "-h", hello());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender hvt: Invalid option: `-h'\nusage: ");
    }

    @Test
    void imageErrorsComeBeforeOptionErrors() {
        Result r = run("hvt", "--bogus", "/nonexistent/kernel.hvt");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: /nonexistent/kernel.hvt: Could not open: No such file or directory\n");
    }

    @Test
    void malformedAndTooLargeMemory() {
        Result bad = run("hvt", "--mem=abc", hello());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("tender hvt: Malformed argument to --mem\n");
        Result zero = run("hvt", "--mem=0", hello());
        assertThat(zero.stderr()).isEqualTo("tender hvt: Malformed argument to --mem\n");
        Result big = run("hvt", "--mem=4098", hello());
        assertThat(big.status()).isEqualTo(1);
        assertThat(big.stderr()).isEqualTo(
                "tender hvt: guest memory size 4297064448 bytes exceeds the max size 4294967296 bytes\n");
    }

    @Test
    void memoryIsRoundedWithAWarning() {
        Result r = run("hvt", "--mem=4097", hello(), "Hello_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stderr()).isEqualTo("tender hvt: adjusting memory to 4294967296 bytes\n");
        assertThat(r.stdout()).contains("Memory map: 4096 MB addressable", "SUCCESS");
    }

    @Test
    void trailingJunkInMemIsIgnored() {
        Result r = run("hvt", "--mem=12abc", hello(), "Hello_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Memory map: 12 MB addressable");
    }

    @Test
    void shortAndNonElfFiles() throws Exception {
        Path tiny = Files.write(tmp.resolve("tiny"), new byte[10]);
        Result r = run("hvt", tiny.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: " + tiny
                + ": invalid executable: elf header does not match the expected size (10 != 64)\n");
        Path text = Files.writeString(tmp.resolve("text"), "#!/bin/sh\n".repeat(20));
        assertThat(run("hvt", text.toString()).stderr()).isEqualTo("tender hvt: " + text
                + ": invalid executable: invalid or unsupported executable (elf header invalid while loading note)\n");
    }

    @Test
    void abiNoteChecks() throws Exception {
        Path source = image("test_hello.hvt");
        Path spt = Images.patchNote(source, tmp, "spt.hvt", Images.ABI1, 20, 2);
        assertThat(run("hvt", spt.toString()).stderr())
                .isEqualTo("tender hvt: " + spt + ": Executable is not for the solo5-hvt target\n");
        Path v3 = Images.patchNote(source, tmp, "v3.hvt", Images.ABI1, 24, 3);
        assertThat(run("hvt", v3.toString()).stderr())
                .isEqualTo("tender hvt: " + v3 + ": Executable requests unsupported ABI version 3\n");
        Path none = Images.patchNote(source, tmp, "none.hvt", Images.ABI1, 8, 0x31494242);
        Result r = run("hvt", none.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: " + none + ": No Solo5 ABI information found in executable\n");
    }

    @Test
    void manifestNoteChecks() throws Exception {
        Path source = image("test_hello.hvt");
        Path none = Images.patchNote(source, tmp, "nomft.hvt", Images.MFT1, 8, 0x3154464e);
        assertThat(run("hvt", none.toString()).stderr())
                .isEqualTo("tender hvt: " + none + ": No Solo5 manifest found in executable\n");
        Path badVersion = Images.patchNote(source, tmp, "mftv2.hvt", Images.MFT1, 24, 2);
        Result r = run("hvt", badVersion.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: " + badVersion + ": Solo5 manifest is invalid\n");
    }

    @Test
    void declaredDevicesMustBeAttached() {
        Result r = run("hvt", image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Device 'storage' of type BLOCK_BASIC declared but not attached.\n"
                + "tender hvt: All declared devices must be attached. See --help for syntax.\n");
        Result many = run("hvt", image("test_mft_maxdevices.hvt").toString());
        assertThat(many.stderr().lines()).hasSize(64)
                .contains("tender hvt: Device 'storage0' of type BLOCK_BASIC declared but not attached.",
                        "tender hvt: Device 'storage62' of type BLOCK_BASIC declared but not attached.");
    }

    @Test
    void commandLineLimitIs8191Characters() {
        String longest = "x".repeat(8191);
        Result ok = run("hvt", "--mem=8", hello(), longest);
        assertThat(ok.status()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("Command line is: 'xxxx", "Command line length: 8191\n");
        Result tooLong = run("hvt", "--mem=8", hello(), "x".repeat(4096), "y".repeat(4095));
        assertThat(tooLong.status()).isEqualTo(1);
        assertThat(tooLong.stderr()).isEqualTo("tender hvt: Guest command line too long (max=8191 characters)\n");
    }

    @Test
    void underTheNameSolo5HvtItIsSolo5Hvt() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("solo5-hvt"), Tender.BIN);
        TestHost host = Hosts.kvm();
        TestHost.Result r = host.run(Duration.ofSeconds(60), List.of(link.toString(), "--mem=64", "/nonexistent"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-hvt: /nonexistent: Could not open: No such file or directory\n");
        TestHost.Result v = host.run(Duration.ofSeconds(60), List.of(link.toString(), "--version"));
        assertThat(v.status()).isZero();
        assertThat(v.stderr()).startsWith("solo5-hvt tender, version ").endsWith("ABI version 2\n");
    }

    @Test
    void sigquitDumpsThreadsToStderrNotIntoTheGuestConsole() throws Exception {
        Tender.Running t = Tender.start(List.of("hvt", "--mem=32", image("test_time.hvt").toString()));
        t.awaitOutput("Solo5: Bindings version", 30);
        t.signal("QUIT");
        t.awaitStderr("Full thread dump", 30);
        assertThat(t.isAlive()).as("the guest keeps running").isTrue();
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.stdout()).doesNotContain("Full thread dump", "java.lang.Thread");
        assertThat(r.stderr()).contains("Full thread dump").endsWith("tender hvt: Exiting on signal 15\n");
    }

    @Test
    void sigtermEndsTheGuestWithStatusOne() throws Exception {
        Tender.Running t = Tender.start(List.of("hvt", "--mem=32", image("test_time.hvt").toString()));
        t.awaitOutput("[1] Slept for", 30);
        assertThat(t.isAlive()).as("the time test sleeps for five seconds").isTrue();
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
    }
}
