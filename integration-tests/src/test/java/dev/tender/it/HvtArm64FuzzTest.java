package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.ConcurrentRuns;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hypercall fuzzing on aarch64 (issue 14): both modes of {@link HvtFuzzTest} built for aarch64 (test_fuzz_arm64)
 * and run in the emulated arm64 host under the tender's seccomp filter. The calls mode issues random hypercalls
 * (the runtime's 32-bit MMIO stores), every answer checked against the ABI and the disks against the successful
 * writes; the fatal mode ends each run with one request of a kind that must stop the guest with the tender's
 * message. Kinds 0 and 1 are aarch64's own there: an aligned store into the Device block past the hypercall words
 * (the kick word included, as these images have no ring), and a hypercall word loaded or stored with 8, 16 or 64
 * bits; kinds 2 to 8 are the same requests as on x86_64.
 */
class HvtArm64FuzzTest {
    private static final long SEED = Long.getLong("tender.fuzz.seed", 20261128L);
    private static final String IMAGE = "test_fuzz_arm64.hvt";
    private static final int RUNS = 2;
    private static final int CALLS_PER_RUN = 50_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(8);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(20);

    @TempDir
    static Path tmp;
    private static ConcurrentRuns runs;
    private static final Map<Path, Future<TestHost.Result>> RESULTS = new HashMap<>();

    private static void queue(String mode, long seed, int count) throws IOException {
        Path dir = tmp.resolve(mode + "-" + seed);
        RESULTS.put(dir, runs.submit(TIMEOUT, HvtFuzzTest.command(dir, HvtArm64Test.image(IMAGE), mode, seed, count)));
    }

    private static TestHost.Result result(String mode, long seed) {
        return ConcurrentRuns.await(RESULTS.get(tmp.resolve(mode + "-" + seed)), QUEUE_TIMEOUT);
    }

    @BeforeAll
    static void startAll() throws IOException {
        runs = new ConcurrentRuns(Hosts.arm64(), RUNS);
        for (int i = 0; i < RUNS; i++) {
            queue("calls", SEED + i, CALLS_PER_RUN);
        }
        for (int kind = 0; kind < HvtFuzzTest.FATAL_KINDS; kind++) {
            queue("fatal", SEED * HvtFuzzTest.FATAL_KINDS + kind, HvtFuzzTest.CALLS_BEFORE_FATAL);
        }
    }

    @AfterAll
    static void stop() {
        if (runs != null) {
            runs.close();
        }
    }

    @Test
    void oneHundredThousandRandomHypercallsGetTheAbisAnswersOnAarch64() throws Exception {
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long seed = SEED + i;
            total += HvtFuzzTest.assertCallsRun(result("calls", seed), tmp.resolve("calls-" + seed),
                    IMAGE + " calls " + seed + " " + CALLS_PER_RUN);
        }
        assertThat(total).as("hypercalls issued").isGreaterThanOrEqualTo(100_000);
    }

    @ParameterizedTest(name = "kind {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void aFatalRequestEndsTheGuestWithTheSpecifiedMessageOnAarch64(int kind) throws Exception {
        long seed = SEED * HvtFuzzTest.FATAL_KINDS + kind;
        HvtFuzzTest.assertFatalRun(result("fatal", seed), tmp.resolve("fatal-" + seed),
                IMAGE + " fatal " + seed + " " + HvtFuzzTest.CALLS_BEFORE_FATAL);
    }
}
