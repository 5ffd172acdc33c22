package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.ConcurrentRuns;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hypercall fuzzing on hvt (issue 14): test_fuzz, a hostile guest, issues random hypercalls (random numbers among
 * the real ones, handles valid and not, offsets and lengths huge, wrapping, misaligned or zero, argument structures
 * and buffers anywhere the ABI allows, up to the last usable byte) and checks every answer against docs/abi.md §7
 * (fuzz_hvt.c). Over two runs that is more than 100,000 hypercalls; none may get another answer, the tender must
 * not crash or hang, and the two block devices must end up holding exactly what the successful writes put there.
 * Then one run per kind of fatal request (fuzz_hvt_fatal.c: bad ports, accesses of the wrong size, numbers without
 * a handler, structures, buffers and HALT cookies at, across or beyond the end of memory or wrapping round, results
 * aimed at the read-only text): each must end with exactly the message the guest announced and status 1.
 *
 * <p>Seeds are fixed, so a failure repeats; {@code -Dtender.fuzz.seed=N} tries others (docs/security.md). The disks
 * and the guest's console live on the host's tmpfs during a run (copied from and back to the project share): on
 * the emulated host every file access over the 9p share costs about a millisecond, which would dominate. All runs
 * are queued at once and run {@value #WIDTH} at a time (the emulated host has two vCPUs); each test awaits its own.
 */
class HvtFuzzTest {
    private static final long SEED = Long.getLong("tender.fuzz.seed", 20261128L);
    private static final int RUNS = 2;
    private static final int CALLS_PER_RUN = 50_000;
    static final int CALLS_BEFORE_FATAL = 1_000;
    /** SEED % 9 is the kind of fatal request in fuzz_hvt_fatal.c. */
    static final int FATAL_KINDS = 9;
    private static final int WIDTH = 2;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(15);
    /**
     * Runs the tender in a fresh directory of the host's /tmp with copies of the disks, then copies the disks
     * back and prints the guest's console: {@code sh -c SCRIPT fuzz DIR TENDER ARGS...}.
     */
    static final String SCRIPT = String.join("\n",
            "set -u",
            "dir=$1; shift",
            "work=$(mktemp -d) && cp \"$dir/disk0.img\" \"$dir/disk1.img\" \"$work/\" && cd \"$work\" || exit 125",
            "\"$@\" >console",
            "status=$?",
            "cp disk0.img disk1.img \"$dir/\" && cat console && cd / && rm -rf \"$work\" || exit 125",
            "exit $status");

    @TempDir
    static Path tmp;
    private static ConcurrentRuns runs;
    private static final Map<String, Future<TestHost.Result>> RESULTS = new HashMap<>();

    /** Queues {@code tender hvt --mem=8 DISKS -- test_fuzz.hvt MODE SEED COUNT} with fresh disks in its own directory. */
    private static void queue(String mode, long seed, int count) throws IOException {
        Path dir = dir(mode, seed);
        RESULTS.put(dir.getFileName().toString(), runs.submit(TIMEOUT,
                command(dir, Tender.image("test_fuzz.hvt").toString(), mode, seed, count)));
    }

    /** {@code sh -c SCRIPT} running {@code tender hvt --mem=8 DISKS -- IMAGE MODE SEED COUNT} on fresh disks in dir. */
    static List<String> command(Path dir, String image, String mode, long seed, int count) throws IOException {
        FuzzGuest.createDisks(dir);
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", SCRIPT, "fuzz", dir.toString(), Tender.BIN.toString(),
                "hvt", "--mem=8"));
        cmd.addAll(FuzzGuest.blockOptions("disk0.img", "disk1.img"));
        cmd.addAll(List.of("--", image, mode, Long.toString(seed), Integer.toString(count)));
        return cmd;
    }

    private static Path dir(String mode, long seed) {
        return tmp.resolve(mode + "-" + seed);
    }

    private static TestHost.Result result(String mode, long seed) {
        return ConcurrentRuns.await(RESULTS.get(dir(mode, seed).getFileName().toString()), QUEUE_TIMEOUT);
    }

    @BeforeAll
    static void startAll() throws IOException {
        runs = new ConcurrentRuns(Hosts.standardKvm(), WIDTH);
        for (int i = 0; i < RUNS; i++) {
            queue("calls", SEED + i, CALLS_PER_RUN);
        }
        for (int kind = 0; kind < FATAL_KINDS; kind++) {
            queue("fatal", SEED * FATAL_KINDS + kind, CALLS_BEFORE_FATAL);
        }
    }

    @AfterAll
    static void stop() {
        if (runs != null) {
            runs.close();
        }
    }

    @Test
    void oneHundredThousandRandomHypercallsGetTheAbisAnswers() throws Exception {
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long seed = SEED + i;
            total += assertCallsRun(result("calls", seed), dir("calls", seed),
                    "test_fuzz.hvt calls " + seed + " " + CALLS_PER_RUN);
        }
        assertThat(total).as("hypercalls issued").isGreaterThanOrEqualTo(100_000);
    }

    /**
     * Checks one calls-mode run ({@code what} names it in messages): no message from the tender, the status HALT
     * asked for, the disks as the successful writes left them, every kind of call made and both answers seen.
     * Returns how many hypercalls it issued.
     */
    static long assertCallsRun(TestHost.Result r, Path dir, String what) throws IOException {
        FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
        String context = what + ": " + out.tail() + r.stderr();
        assertThat(r.stderr()).as(context).isEmpty();
        Map<String, String> done = out.done();
        assertThat(r.status()).as("the status HALT asked for; " + context).isEqualTo(out.number("exit"));
        out.assertConsistentWith(dir);
        for (String call : List.of("walltime", "puts", "poll")) {
            assertThat(out.number(call)).as("%s calls made", call).isPositive();
        }
        for (String call : List.of("write", "read")) {
            assertThat(done.get(call)).as("%s: OK/EINVAL answers, both seen", call).matches("[1-9]\\d*/[1-9]\\d*");
        }
        return out.number("calls");
    }

    @ParameterizedTest(name = "kind {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void aFatalRequestEndsTheGuestWithTheSpecifiedMessage(int kind) throws Exception {
        long seed = SEED * FATAL_KINDS + kind;
        TestHost.Result r = result("fatal", seed);
        assertFatalRun(r, dir("fatal", seed), "test_fuzz.hvt fatal " + seed + " " + CALLS_BEFORE_FATAL);
    }

    /**
     * Checks one fatal-mode run ({@code what} names it): the tender printed exactly the message the guest
     * announced, with status 1, after {@value #CALLS_BEFORE_FATAL} answered calls, the disks as the successful
     * writes left them.
     */
    static void assertFatalRun(TestHost.Result r, Path dir, String what) throws IOException {
        FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
        String context = what + ": " + out.tail() + r.stderr();
        assertThat(r.stderr()).as(context).isEqualTo("tender hvt: " + out.expect() + "\n");
        assertThat(r.status()).as(context).isEqualTo(1);
        assertThat(r.stdout()).as(context).doesNotContain("FUZZ survived");
        assertThat(out.number("calls")).isEqualTo(CALLS_BEFORE_FATAL + 1);
        out.assertConsistentWith(dir);
    }
}
