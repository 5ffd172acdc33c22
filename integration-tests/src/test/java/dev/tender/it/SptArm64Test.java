package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.ConcurrentRuns;
import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import dev.tender.it.host.TestHost.Result;
import java.io.IOException;
import java.nio.file.Files;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spt on aarch64: the project's aarch64 spt images booted through {@code bin/tender spt} in the emulated arm64
 * host (the jar built here, whose aarch64 launcher was cross-compiled), with the expectations of
 * {@link SptCoreTest}, {@link SptBlockTest} and {@link SptSandboxTest}: guest faults end in SIGSEGV (139),
 * forbidden system calls in SIGSYS (159), aborts in 255.
 *
 * <p>A tender start costs 10-15 s there (a JVM under software emulation), so every run the class needs is queued
 * in {@link #startAll()} and they run side by side, {@value #WIDTH} at a time (the host has two vCPUs); each test
 * awaits its own run, so a failure still names the image. One run per image, as many checks on it as the x86_64
 * tests make on theirs. The probes of test_sandbox that exist only on x86_64 (x32, i386, ARCH_GET_FS) have no
 * aarch64 counterpart: a 64-bit arm64 process has one system call ABI and sets its TLS base without one.
 */
class SptArm64Test {
    private static final Path IMAGES = Tender.ROOT.resolve("guest/build/aarch64/spt");
    private static final Path LAUNCHER = Tender.ROOT.resolve("spt/target/classes/dev/tender/spt/aarch64/tender-spt-launch");
    private static final int WIDTH = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(20);
    /**
     * Of SptSandboxTest's probes, one or two per rule of the filter: a wrong argument for every allowed call
     * (write: fd 2 and a fd with high bits; pread64: short count, past the end; pwrite64: growing the file;
     * epoll_pwait, timerfd_settime, clock_gettime), read without a network device, and two calls never allowed.
     * The rest check the same comparisons again with other values, which the aarch64 BPF program's unit tests
     * (SeccompFilterTest, SptPolicyTest) cover without a JVM start each.
     */
    private static final List<String> FORBIDDEN = List.of("stderr", "highfd", "blkshort", "blkpast", "blkgrow",
        "epoll", "timer", "clock", "stdin", "mmap", "exit");
    private static final int SANDBOX_FILE = 16 * 512;

    @TempDir
    static Path tmp;
    private static TestHost host;
    private static ConcurrentRuns runs;
    private static final Map<String, Future<Result>> RESULTS = new HashMap<>();
    private static final Map<String, Path> FILES = new HashMap<>();
    private static HostProcess holding;

    static Path image(String name) {
        Path p = IMAGES.resolve(name);
        assertThat(p).as("aarch64 spt test image (built by the guest module)").exists();
        return p;
    }

    private static Path file(String name, int bytes) throws IOException {
        Path f = BlockTestBase.zeroFile(tmp.resolve(name), bytes);
        FILES.put(name, f);
        return f;
    }

    private static List<String> spt(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Tender.BIN.toString(), "spt", "--mem=2"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void queue(String name, List<String> argv) {
        RESULTS.put(name, runs.submit(RUN_TIMEOUT, argv));
    }

    /** test_sandbox with its own block file "storage". */
    private static List<String> probe(String probe, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--block:storage=" + file("sandbox-" + probe + String.join("", options) + ".img", SANDBOX_FILE));
        args.add("--");
        args.add(image("test_sandbox.spt").toString());
        args.add(probe);
        return spt(args.toArray(new String[0]));
    }

    @BeforeAll
    static void startAll() throws IOException {
        host = Hosts.arm64();
        holding = host.start(probe("hold"));
        runs = new ConcurrentRuns(host, WIDTH);
        queue("hello", spt(image("test_hello.spt").toString(), "Hello_Solo5"));
        queue("quiet", spt("--", image("test_quiet.spt").toString(), "--solo5:quiet"));
        for (String t : List.of("globals", "tls", "time", "exception", "zeropage", "xnow", "wnox", "notls", "ssp",
                "seccomp")) {
            queue(t, spt(image("test_" + t + ".spt").toString()));
        }
        queue("blk", spt("--block:storage=" + file("blk.img", 4 << 20), "--", image("test_blk.spt").toString()));
        queue("blkok", probe("blkok"));
        queue("heapexec", probe("heapexec"));
        queue("heapexec --x-exec-heap", probe("heapexec", "--x-exec-heap"));
        for (String p : FORBIDDEN) {
            queue(p, probe(p));
        }
    }

    @AfterAll
    static void stop() {
        if (runs != null) {
            runs.close();
        }
        if (holding != null && holding.isAlive()) {
            holding.kill();
        }
    }

    private static Result result(String name) {
        return ConcurrentRuns.await(RESULTS.get(name), QUEUE_TIMEOUT);
    }

    private static void expectSuccess(String name) {
        Result r = result(name);
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        assertThat(r.stderr()).as("a normal run prints nothing from the tender").isEmpty();
    }

    private static void expectStatus(String name, int status) {
        Result r = result(name);
        assertThat(r.status()).as(r.output()).isEqualTo(status);
        assertThat(r.output()).doesNotContain("FAILURE");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void hello() {
        expectSuccess("hello");
        assertThat(result("hello").stdout()).contains("Hello, World", "Command line is: 'Hello_Solo5'",
                "Solo5: Memory map: 2 MB addressable:", "< stack < 0x200000", "Solo5: solo5_exit(0) called");
    }

    @Test
    void quiet() {
        expectSuccess("quiet");
        assertThat(result("quiet").output()).doesNotContain("Solo5:");
    }

    @Test
    void globalsTlsAndTime() {
        expectSuccess("globals");
        expectSuccess("tls");
        expectSuccess("time");
    }

    /** Faults of the guest (no trap handler on spt): SIGSEGV, as for the x86_64 images. */
    @Test
    void faultsEndInSigsegv() {
        for (String t : List.of("exception", "zeropage", "xnow", "wnox", "notls")) {
            expectStatus(t, 139);
        }
    }

    @Test
    void ssp() {
        Result r = result("ssp");
        assertThat(r.status()).as(r.output()).isEqualTo(255);
        assertThat(r.stdout()).contains("Solo5: ABORT: Stack corruption detected");
    }

    /** dup(1) (arm64 number 23) is not in the filter: SIGSYS. */
    @Test
    void seccomp() {
        expectStatus("seccomp", 159);
        assertThat(result("seccomp").stdout()).contains("test_seccomp");
    }

    @Test
    void blk() throws Exception {
        Result r = result("blk");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS", "Block device: 4194304 bytes, block size 512");
        BlockTestBase.assertWritten(FILES.get("blk.img"), 512, 4 << 20);
    }

    static List<String> forbidden() {
        return FORBIDDEN;
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void forbiddenCallsAreKilled(String probe) throws IOException {
        expectStatus(probe, 159);
        assertThat(result(probe).stdout()).contains("probe '" + probe + "'");
        assertThat(Files.size(FILES.get("sandbox-" + probe + ".img"))).isEqualTo(SANDBOX_FILE);
    }

    @Test
    void blockIoWithinTheRulesIsAllowed() {
        expectSuccess("blkok");
    }

    @Test
    void heapIsExecutableOnlyWithXExecHeap() {
        expectStatus("heapexec", 139);
        Result allowed = result("heapexec --x-exec-heap");
        assertThat(allowed.status()).as(allowed.output()).isZero();
        assertThat(allowed.stdout()).contains("SUCCESS");
    }

    /**
     * The guest's process, seen from the host's /proc while test_sandbox waits ("hold", as the x86_64 test's
     * three-second "sleep" is too short to look in from another command here): the filter is installed, one
     * thread, no JVM, and only stdout, the device, the epoll set and the timer open. stdout is the agent's output
     * file rather than the pipe of the native test.
     */
    @Test
    void theGuestProcessIsSandboxed() throws Exception {
        Tender.Running t = new Tender.Running(holding);
        t.awaitOutput("READY", (int) QUEUE_TIMEOUT.toSeconds());
        Path storage = FILES.get("sandbox-hold.img");
        SandboxedProcess proc = SandboxedProcess.parse(
                host.ok("sh", "-c", SandboxedProcess.DUMP_BY_OPEN_FILE, "dump", storage.toString()));
        proc.check(storage, t.outputSoFar());
        assertThat(proc.fds().get(1)).endsWith("/out");
        t.signal("TERM");
        Tender.Result r = t.await(60);
        assertThat(r.status()).isEqualTo(128 + 15);
        assertThat(r.stderr()).isEmpty();
    }

    /** The aarch64 launcher does nothing without a plan from the Java side (here: none, and an empty one). */
    @Test
    void launcherRefusesToRunWithoutAPlan() {
        assertThat(LAUNCHER).exists();
        for (List<String> cmd : List.of(List.of(LAUNCHER.toString()), List.of(LAUNCHER.toString(), "0"),
                List.of(LAUNCHER.toString(), "x"))) {
            Result r = host.run(RUN_TIMEOUT, cmd);
            assertThat(r.status()).as(r.output()).isEqualTo(1);
            assertThat(r.output()).isEqualTo("tender-spt-launch: invalid launch plan (this program is started by "
                    + "`tender spt')\n");
        }
    }
}
