package dev.tender.it;

import static dev.tender.it.SptCoreTest.spt;
import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * solo5-spt's command-line contract (docs/cli.md §2.3, §3): usage and version texts, the two passes, image and
 * memory errors. Every error is reported by the Java side before the launcher starts, with status 1.
 */
class SptCliTest {
    static final String USAGE = "usage: tender spt [ CORE OPTIONS ] [ -- ] KERNEL [ ARGS ]\n"
            + "KERNEL is the filename of the unikernel to run.\n"
            + "ARGS are optional arguments passed to the unikernel.\n"
            + "Core options:\n"
            + "  [ --mem=512 ] (guest memory in MB)\n"
            + "    --help (display this help)\n"
            + "Compiled-in modules: core net block \n"
            + "Compiled-in module options:\n"
            + "    --x-exec-heap (make the heap executable). WARNING: This option is dangerous and not recommended"
            + " as it makes the heap and stack executable.\n"
            + "    --net:NAME=IFACE | @NN (attach tap at IFACE or at fd @NN as network NAME)\n"
            + "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)\n"
            + "    --block:NAME=PATH (attach block device/file at PATH as block storage NAME)\n"
            + "  [ --block-sector-size:NAME=SECTORSIZE ] (set sector size for block device NAME; must be a power of"
            + " two greater than or equal 512)\n";

    private static Result run(String... args) {
        return Tender.run(args);
    }

    private static String hello() {
        return sptImage("test_hello.spt").toString();
    }

    private static void expectError(Result r, String stderr) {
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo(stderr);
    }

    @Test
    void help() {
        expectError(run("spt", "--help"), USAGE);
        expectError(run("spt", "--mem=2", "--help", "--bogus"), USAGE);
    }

    @Test
    void version() {
        Result r = run("spt", "--bogus", "--version", hello());
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).matches("tender spt tender, version \\S+.*\nABI version 2\n");
    }

    @Test
    void missingKernel() {
        expectError(run("spt", "--mem=2"), "tender spt: Missing KERNEL operand\n" + USAGE);
        expectError(run("spt", "--mem=2", "--"), "tender spt: Missing KERNEL operand\n" + USAGE);
    }

    @Test
    void invalidOption() {
        expectError(run("spt", "-h", hello()), "tender spt: Invalid option: `-h'\n" + USAGE);
        expectError(run("spt", "--mem=2", "--bogus", hello()), "tender spt: Invalid option: `--bogus'\n" + USAGE);
    }

    @Test
    void imageErrorsComeBeforeOptionErrors() {
        String missing = "/nonexistent/test.spt";
        expectError(run("spt", "--bogus", missing),
                "tender spt: " + missing + ": Could not open: No such file or directory\n");
        String hvt = Tender.image("test_hello.hvt").toString();
        expectError(run("spt", "--bogus", hvt), "tender spt: " + hvt + ": Executable is not for the solo5-spt target\n");
    }

    @Test
    void badNotes(@TempDir Path tmp) throws Exception {
        Path src = sptImage("test_hello.spt");
        Path abi = Images.patchNote(src, tmp, "abi.spt", Images.ABI1, 24, 3);
        expectError(run("spt", abi.toString()),
                "tender spt: " + abi + ": Executable requests unsupported ABI version 3\n");
        Path noAbi = Images.patchNote(src, tmp, "noabi.spt", Images.ABI1, 8, 0x12345678);
        expectError(run("spt", noAbi.toString()),
                "tender spt: " + noAbi + ": No Solo5 ABI information found in executable\n");
        Path noMft = Images.patchNote(src, tmp, "nomft.spt", Images.MFT1, 8, 0x12345678);
        expectError(run("spt", noMft.toString()),
                "tender spt: " + noMft + ": No Solo5 manifest found in executable\n");
        Path badMft = Images.patchNote(src, tmp, "badmft.spt", Images.MFT1, 24, 2);
        expectError(run("spt", badMft.toString()), "tender spt: " + badMft + ": Solo5 manifest is invalid\n");
    }

    @Test
    void memoryOptions() {
        expectError(spt("--mem=0", hello()), "tender spt: Malformed argument to --mem\n");
        expectError(run("spt", "--mem=abc", hello()), "tender spt: Malformed argument to --mem\n");
        expectError(run("spt", "--mem=1", hello()), "tender spt: " + hello() + ": invalid executable: e_entry does not"
                + " fall within the memory allocation range (" + entry() + " < 1048576 || " + entry()
                + " >= 1048576)\n");
        String tooBig = "tender spt: Maximum guest memory size (67108864 MB) exceeded.\n"
                + "tender spt: Either decrease --mem-size, or recompile solo5-spt as a PIE executable.\n";
        expectError(run("spt", "--mem=67108865", hello()), tooBig);
        expectError(run("spt", "--mem=-1", hello()), tooBig);
    }

    private static long entry() {
        try {
            byte[] elf = java.nio.file.Files.readAllBytes(sptImage("test_hello.spt"));
            return java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(24);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void execHeapIsAPrefixOptionWithAWarning() {
        Result r = run("spt", "--x-exec-heap-and-more", "--mem=2", hello(), "Hello_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("SUCCESS");
        assertThat(r.stderr()).isEqualTo("tender spt: WARNING: The use of --x-exec-heap is dangerous and not "
                + "recommended as it makes the heap and stack executable.\n");
    }

    @Test
    void commandLineTooLong() {
        expectError(spt(hello(), "x".repeat(8192)), "tender spt: Guest command line too long (max=8191 characters)\n");
        Result ok = spt(hello(), "x".repeat(8191));
        assertThat(ok.status()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("Command line length: 8191");
    }

    @Test
    void undeclaredDevicesAndTheMemQuirk() {
        expectError(run("spt", "--block:disk=/dev/null", hello()),
                "tender spt: Resource not declared in manifest: 'disk'\n"
                        + "tender spt: Invalid option: `--block:disk=/dev/null'\n" + USAGE);
        expectError(run("spt", "--mem=2", "--block:disk=/dev/null", hello()),
                "tender spt: Resource not declared in manifest: 'disk'\n"
                        + "tender spt: Resource not declared in manifest: 'disk'\n"
                        + "tender spt: Invalid option: `--block:disk=/dev/null'\n" + USAGE);
    }

    @Test
    void everyDeclaredDeviceMustBeAttached() {
        expectError(spt(sptImage("test_blk.spt").toString()),
                "tender spt: Device 'storage' of type BLOCK_BASIC declared but not attached.\n"
                        + "tender spt: All declared devices must be attached. See --help for syntax.\n");
        expectError(spt(sptImage("test_net.spt").toString()),
                "tender spt: Device 'service0' of type NET_BASIC declared but not attached.\n"
                        + "tender spt: All declared devices must be attached. See --help for syntax.\n");
    }

    @Test
    void optionsAfterKernelGoToTheGuest() {
        List<String> args = List.of("spt", "--mem=2", hello(), "--bogus");
        Result r = Tender.run(60, args);
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains("Command line is: '--bogus'");
    }
}
