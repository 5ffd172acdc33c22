package dev.tender.it;

import static dev.tender.it.SptCoreTest.sptArgs;
import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spt sandbox itself, probed by test_sandbox from inside the guest and by the test from /proc: the filter is
 * installed before the first guest instruction, the process has one thread and no JVM in its address space, the
 * only open descriptors are stdout, the attached device, the epoll set and the timer, and every system call or
 * argument outside docs/abi.md §16 ends the process with SIGSYS (159).
 */
class SptSandboxTest {
    @TempDir
    Path tmp;
    private Path storage;

    @BeforeEach
    void storage() throws IOException {
        storage = BlockTestBase.zeroFile(tmp.resolve("storage.img"), 16 * 512);
    }

    private List<String> probe(String probe, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--block:storage=" + storage);
        args.add("--");
        args.add(sptImage("test_sandbox.spt").toString());
        args.add(probe);
        return sptArgs(args.toArray(new String[0]));
    }

    private Result run(String probe, String... options) {
        return Tender.run(60, probe(probe, options));
    }

    @Test
    void theGuestProcessIsSandboxed() throws Exception {
        Running t = Tender.start(probe("sleep"));
        t.awaitOutput("READY", 30);
        SandboxedProcess proc = SandboxedProcess.of(t.pid());
        Result r = t.await(30);
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("SUCCESS");
        proc.check(storage, r.stdout());
        assertThat(proc.fds().get(1)).startsWith("pipe:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stderr", "stdin", "highfd", "blkread", "blkwritefd", "blkshort", "blkpast", "blkgrow",
        "blkneg", "otherfd", "epoll", "timer", "clock", "getfs", "mmap", "exit", "x32"})
    void forbiddenCallsAreKilled(String probe) throws IOException {
        Result r = run(probe);
        assertThat(r.status()).as(r.output()).isEqualTo(159);
        assertThat(r.stdout()).contains("probe '" + probe + "'").doesNotContain("FAILURE");
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.size(storage)).isEqualTo(16 * 512);
    }

    /**
     * write(1) through the i386 ABI ({@code int $0x80}). Some kernels kill that instruction with SIGSEGV before
     * seccomp sees it, others leave it to the filter (SIGSYS): either way the call must have no effect.
     */
    @Test
    void i386SystemCallsHaveNoEffect() throws IOException {
        Result r = run("int80");
        assertThat(r.status()).as(r.output()).isIn(159, 139);
        assertThat(r.stdout()).contains("probe 'int80'").doesNotContain("FAILURE").doesNotContainPattern("(?m)^x$");
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.size(storage)).isEqualTo(16 * 512);
    }

    @Test
    void blockIoWithinTheRulesIsAllowed() {
        Result r = run("blkok");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("SUCCESS");
    }

    @Test
    void heapIsExecutableOnlyWithXExecHeap() {
        Result denied = run("heapexec");
        assertThat(denied.status()).as(denied.output()).isEqualTo(139);
        Result allowed = run("heapexec", "--x-exec-heap");
        assertThat(allowed.status()).as(allowed.output()).isZero();
        assertThat(allowed.stdout()).contains("SUCCESS");
    }

    /** The launcher does nothing without a plan from the Java side (here: none, and an empty one). */
    @Test
    void launcherRefusesToRunWithoutAPlan() throws Exception {
        Path launcher = Tender.ROOT.resolve("spt/target/classes/dev/tender/spt/x86_64/tender-spt-launch");
        assertThat(launcher).exists();
        for (List<String> cmd : List.of(List.of(launcher.toString()), List.of(launcher.toString(), "0"),
                List.of(launcher.toString(), "x"))) {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isEqualTo(1);
            assertThat(out).isEqualTo("tender-spt-launch: invalid launch plan (this program is started by "
                    + "`tender spt')\n");
        }
    }
}
