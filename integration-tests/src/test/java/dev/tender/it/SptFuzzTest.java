package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * System call fuzzing on spt (issue 14): test_fuzz, confined by the spt seccomp filter, makes random system calls.
 * The ones the filter allows get random arguments it does not look at (unmapped, non-canonical and read-only
 * pointers, bad flags, sizes, signal masks and timer values, misaligned block offsets) and every result is checked
 * against Linux's answer (fuzz_spt.c): 100,000 per run, none may differ, and the disks must hold exactly what the
 * successful writes put there. Then, per run, one call the filter must kill (fuzz_spt_fatal.c): any call not on the
 * list with random arguments, x32 and out-of-table numbers, and each allowed call with an argument its rule refuses;
 * the process must die of SIGSYS (159) with the disks as the guest's shadow says.
 *
 * <p>If the filter were broken, those random calls would really run, so every run is confined on top of it: new
 * PID, network, IPC and UTS namespaces, as an unprivileged user without capabilities ({@code nobody} when the tests
 * run as root, else in a new user namespace). Seeds are fixed; {@code -Dtender.fuzz.seed=N} tries others.
 */
class SptFuzzTest {
    private static final long SEED = Long.getLong("tender.fuzz.seed", 20261128L);
    private static final int RUNS = 2;
    private static final int CALLS_PER_RUN = 100_000;
    private static final int CALLS_BEFORE_FATAL = 1_000;
    /** SEED % 8 is the kind of forbidden call in fuzz_spt_fatal.c; three seeds of each. */
    private static final int FATAL_KINDS = 8;
    private static final int SEEDS_PER_KIND = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    private static List<String> confinement;

    @BeforeAll
    static void confinement() throws IOException {
        TestHost local = Hosts.local().require("unshare", "util-linux");
        List<String> c = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--net", "--ipc",
                "--uts"));
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            local.require("setpriv", "util-linux");
            c.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                    "--bounding-set=-all", "--no-new-privs"));
        } else {
            c.add(1, "--user");
        }
        confinement = List.copyOf(c);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static TestHost.Result run(Path dir, String mode, long seed, int count) throws IOException {
        FuzzGuest.createDisks(dir);
        List<String> cmd = new ArrayList<>(confinement);
        cmd.addAll(List.of(Tender.BIN.toString(), "spt", "--mem=8"));
        cmd.addAll(FuzzGuest.blockOptions(FuzzGuest.disk(dir, 0).toString(), FuzzGuest.disk(dir, 1).toString()));
        cmd.addAll(List.of("--", SptCoreTest.sptImage("test_fuzz.spt").toString(), mode, Long.toString(seed),
                Integer.toString(count)));
        TestHost.Result r = Hosts.local().run(TIMEOUT, cmd);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing else appeared beside the disks")
                    .containsExactlyInAnyOrder("disk0.img", "disk1.img");
        }
        return r;
    }

    @Test
    void randomAllowedSystemCallsGetLinuxsAnswers() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            long seed = SEED + i;
            Path dir = tmp.resolve("calls-" + seed);
            TestHost.Result r = run(dir, "calls", seed, CALLS_PER_RUN);
            FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
            String what = "test_fuzz.spt calls " + seed + " " + CALLS_PER_RUN + ": " + out.tail() + r.stderr();
            assertThat(r.stderr()).as(what).isEmpty();
            assertThat(r.status()).as("the status exit_group asked for; " + what).isEqualTo(out.number("exit"));
            assertThat(out.number("calls")).isEqualTo(CALLS_PER_RUN + 1);
            assertThat(out.number("marks")).as("some console writes went through").isPositive();
            out.assertConsistentWith(dir);
        }
    }

    static Stream<Long> fatalSeeds() {
        return IntStream.range(0, FATAL_KINDS * SEEDS_PER_KIND).mapToObj(i -> SEED * FATAL_KINDS * SEEDS_PER_KIND + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fatalSeeds")
    void aForbiddenCallKillsTheGuestWithSigsys(long seed) throws Exception {
        Path dir = tmp.resolve("fatal-" + seed);
        TestHost.Result r = run(dir, "fatal", seed, CALLS_BEFORE_FATAL);
        FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
        String what = "test_fuzz.spt fatal " + seed + " " + CALLS_BEFORE_FATAL + ": " + out.tail() + r.stderr();
        assertThat(out.expect()).as(what).startsWith("SIGSYS nr=");
        assertThat(r.status()).as(what).isEqualTo(159);
        assertThat(r.stderr()).as(what).isEmpty();
        assertThat(r.stdout()).as(what).doesNotContain("FUZZ survived");
        out.assertConsistentWith(dir);
    }
}
