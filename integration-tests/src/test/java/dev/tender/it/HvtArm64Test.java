package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.ConcurrentRuns;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hvt on aarch64: the project's aarch64 hvt images booted through {@code bin/tender hvt} in the emulated arm64
 * host, whose KVM runs them, with the expectations of {@link HvtCoreTest} and {@link HvtBlockTest}. Guest faults
 * reach the aarch64 runtime's trap handler (abort, 255); a write to the image's text is a host/guest translation
 * fault (1), as on x86_64. Every run is under the tender's seccomp filter.
 *
 * <p>A tender start costs 10-15 s there (a JVM under software emulation), so every run is queued in
 * {@link #startAll()} and they run side by side, {@value #WIDTH} at a time; each test awaits its own.
 */
class HvtArm64Test {
    static final Path IMAGES = Tender.ROOT.resolve("guest/build/aarch64/hvt");
    private static final int WIDTH = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(20);
    private static final String PREFIX = "tender hvt: ";

    @TempDir
    static Path tmp;
    private static ConcurrentRuns runs;
    private static final Map<String, Future<Result>> RESULTS = new HashMap<>();
    private static final Map<String, Path> FILES = new HashMap<>();

    static String image(String name) {
        Path p = IMAGES.resolve(name);
        assertThat(p).as("aarch64 hvt test image (built by the guest module)").exists();
        return p.toString();
    }

    /** upstream's hvt_run: --mem=4096, the most an aarch64 guest can have below the hypercall window. */
    private static List<String> hvt(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Tender.BIN.toString(), "hvt", "--mem=4096"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A file of {@code bytes} zero bytes, named without spaces: like solo5-hvt, tender ends a block path at one. */
    private static String file(String name, int bytes) throws IOException {
        Path f = BlockTestBase.zeroFile(tmp.resolve(name), bytes);
        FILES.put(name, f);
        return f.toString();
    }

    private static void queue(String name, List<String> argv) {
        RESULTS.put(name, runs.submit(RUN_TIMEOUT, argv));
    }

    private static void queueBlock(String name, int bytes, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--block:storage=" + file(name.replace(' ', '-') + ".img", bytes)));
        args.addAll(List.of(options));
        args.add("--");
        args.add(image("test_blk.hvt"));
        queue(name, hvt(args.toArray(new String[0])));
    }

    @BeforeAll
    static void startAll() throws IOException {
        runs = new ConcurrentRuns(Hosts.arm64(), WIDTH);
        queue("time", hvt(image("test_time.hvt")));
        queue("hello", hvt(image("test_hello.hvt"), "Hello_Solo5"));
        queue("hello words", hvt("--", image("test_hello.hvt"), "two", "--words"));
        queue("hello 8 MiB", List.of(Tender.BIN.toString(), "hvt", "--mem=8", image("test_hello.hvt"), "Hello_Solo5"));
        queue("quiet", hvt("--", image("test_quiet.hvt"), "--solo5:quiet"));
        for (String t : List.of("output", "globals", "tls", "fpu", "exception", "zeropage", "notls", "ssp", "xnow")) {
            queue(t, hvt(image("test_" + t + ".hvt")));
        }
        queue("63 devices", hvt(maxDevices()));
        queue("cpuid", hvt(image("test_cpuid.hvt")));
        queue("confinement probe", List.of("env", "TENDER_JAVA_OPTS=-Dtender.hvt.confinementProbe=true",
                Tender.BIN.toString(), "hvt", "--mem=8", image("test_hello.hvt")));
        queueBlock("blk", 4 << 20);
        queueBlock("blk 4096", 4 << 20, "--block-sector-size:storage=4096");
        queueBlock("blk misaligned", 6144, "--block-sector-size:storage=4096");
        queueBlock("blk odd", 1563, "--block-sector-size:storage=521");
        queueBlock("blk too small", 256, "--block-sector-size:storage=256");
        queueBlock("blk empty", 0);
    }

    /** test_mft_maxdevices with every one of its 63 block devices attached. */
    private static String[] maxDevices() throws IOException {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            args.add("--block:storage" + i + "=" + file("max" + i + ".img", 4096));
        }
        args.add("--");
        args.add(image("test_mft_maxdevices.hvt"));
        return args.toArray(new String[0]);
    }

    @AfterAll
    static void stop() {
        if (runs != null) {
            runs.close();
        }
    }

    private static Result result(String name) {
        return ConcurrentRuns.await(RESULTS.get(name), QUEUE_TIMEOUT);
    }

    private static Result success(String name) {
        Result r = result(name);
        assertThat(r.status()).as(name + ": " + r.output()).isZero();
        assertThat(r.output()).as(name).contains("SUCCESS");
        assertThat(r.stderr()).as(name + ": a normal run prints nothing from the tender").isEmpty();
        return r;
    }

    private static Result abort(String name) {
        Result r = result(name);
        assertThat(r.status()).as(name + ": " + r.output()).isEqualTo(255);
        assertThat(r.output()).as(name).contains("ABORT");
        return r;
    }

    /**
     * The ID registers the guest reads: the tender requests no optional vCPU feature (no EL2, SVE, PMU, pointer
     * authentication; no MTE for the VM), so the guest sees none, nor what KVM never gives guests (SME, MPAM, AMU,
     * statistical profiling, the trace buffer). Floating point and Advanced SIMD stay (15 would mean absent), and
     * EL1 runs AArch64. EL2 is not checked: KVM passes the host's field through although the vCPU has no EL2.
     */
    @Test
    void idRegistersShowOnlyTheFeaturesUnikernelsUse() {
        String out = success("cpuid").stdout();
        for (String hidden : List.of("SVE", "MPAM", "AMU", "MTE", "SME", "PMUVer", "PMSVer", "TraceBuffer",
                "APA", "API", "GPA", "GPI")) {
            assertThat(out).as(out).contains(hidden + ": 0\n");
        }
        assertThat(out).doesNotContain("FP: 15\n", "AdvSIMD: 15\n", "EL1: 0\n").contains("FP: ", "AdvSIMD: ");
    }

    /** The tender confines itself on arm64 as on x86_64: a call outside its filter kills it (HvtSeccompTest). */
    @Test
    void aCallOutsideTheTendersFilterKillsItWithSigsys() {
        Result r = result("confinement probe");
        assertThat(r.status()).as(r.output()).isEqualTo(128 + 31);
        assertThat(r.stdout()).doesNotContain("Hello");
        assertThat(r.stderr()).doesNotContain("confinement probe");
    }

    @Test
    void hello() {
        assertThat(success("hello").stdout()).contains("Hello, World", "Command line is: 'Hello_Solo5'",
                "Solo5: Memory map: 4096 MB addressable:", "Solo5: solo5_exit(0) called");
        Result words = result("hello words");
        assertThat(words.status()).as(words.output()).isZero();
        assertThat(words.stdout()).contains("Command line is: 'two --words'").doesNotContain("SUCCESS");
        assertThat(success("hello 8 MiB").stdout()).contains("Memory map: 8 MB addressable");
    }

    @Test
    void quietOutputAndGlobals() {
        assertThat(success("quiet").output()).doesNotContain("Solo5:");
        Result output = result("output");
        assertThat(output.status()).as(output.output()).isZero();
        assertThat(output.stdout().lines().count()).isGreaterThanOrEqualTo(74);
        success("globals");
    }

    /** TLS through TPIDR_EL0 and NEON: the vCPU starts with FP/SIMD enabled (CPACR_EL1.FPEN). */
    @Test
    void tlsAndFpu() {
        success("tls");
        success("fpu");
    }

    /**
     * Five one-second sleeps, each measured with the guest's clock: CNTVCT_EL0 divided by the frequency the
     * tender's probe read from CNTFRQ_EL0. A wrong frequency makes every sleep measure too long or too short.
     */
    @Test
    void theGuestClockRunsAtTheHostsRate() {
        success("time");
    }

    @Test
    void faultsReachTheGuestsTrapHandler() {
        assertThat(abort("exception").stdout()).contains("Solo5: trap:", "far=0x400000000");
        assertThat(abort("zeropage").stdout()).contains("Solo5: trap:", "far=0x8");
        abort("notls");
        assertThat(abort("ssp").stdout()).contains("Stack corruption detected");
    }

    @Test
    void xnowWriteToTextIsAHostGuestTranslationFault() {
        Result r = result("xnow");
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stderr()).startsWith(PREFIX + "KVM: host/guest translation fault: pc=0x").doesNotContain("SUCCESS");
    }

    @Test
    void sixtyThreeDevices() {
        success("63 devices");
    }

    @Test
    void blockIoReachesTheFile() throws Exception {
        assertThat(success("blk").output()).contains("Block device: 4194304 bytes, block size 512");
        BlockTestBase.assertWritten(FILES.get("blk.img"), 512, 4 << 20);
        assertThat(success("blk 4096").output()).contains("block size 4096");
        BlockTestBase.assertWritten(FILES.get("blk-4096.img"), 4096, 4 << 20);
    }

    @Test
    void blockMisuseIsRefusedBeforeTheGuestRuns() {
        assertThat(result("blk misaligned").stderr())
                .isEqualTo(PREFIX + "storage: Backing storage size must be block aligned (4096 bytes)\n");
        assertThat(result("blk odd").stderr()).startsWith(PREFIX
                + "Block size must be a multiple of 2 greater than or equal 512\n");
        assertThat(result("blk too small").output()).contains("Block size must be a multiple of 2 greater than or equal 512");
        assertThat(result("blk empty").stderr())
                .isEqualTo(PREFIX + "storage: Backing storage must be at least 1 block (512 bytes) in size\n");
        for (String name : List.of("blk misaligned", "blk odd", "blk too small", "blk empty")) {
            assertThat(result(name).status()).as(name).isEqualTo(1);
        }
    }
}
