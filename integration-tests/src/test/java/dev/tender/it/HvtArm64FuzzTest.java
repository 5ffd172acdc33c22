package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.ConcurrentRuns;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hypercall fuzzing on aarch64 (issue 14): the calls mode of {@link HvtFuzzTest} (random hypercalls, every answer
 * checked against the ABI, the disks against the successful writes) built for aarch64 (test_fuzz_arm64: the
 * hypercalls are the runtime's 32-bit MMIO stores) and run in the emulated arm64 host under the tender's seccomp
 * filter. The fatal mode stays x86_64 only: most of its requests are port I/O.
 */
class HvtArm64FuzzTest {
    private static final long SEED = Long.getLong("tender.fuzz.seed", 20261128L);
    private static final int RUNS = 2;
    private static final int CALLS_PER_RUN = 50_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(8);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(15);

    @TempDir
    static Path tmp;
    private static ConcurrentRuns runs;
    private static final List<Future<TestHost.Result>> RESULTS = new ArrayList<>();

    @BeforeAll
    static void startAll() throws IOException {
        runs = new ConcurrentRuns(Hosts.arm64(), RUNS);
        for (int i = 0; i < RUNS; i++) {
            Path dir = tmp.resolve("calls-" + (SEED + i));
            FuzzGuest.createDisks(dir);
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", HvtFuzzTest.SCRIPT, "fuzz", dir.toString(),
                    Tender.BIN.toString(), "hvt", "--mem=8"));
            cmd.addAll(FuzzGuest.blockOptions("disk0.img", "disk1.img"));
            cmd.addAll(List.of("--", HvtArm64Test.image("test_fuzz_arm64.hvt"), "calls", Long.toString(SEED + i),
                    Integer.toString(CALLS_PER_RUN)));
            RESULTS.add(runs.submit(TIMEOUT, cmd));
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
            total += HvtFuzzTest.assertCallsRun(ConcurrentRuns.await(RESULTS.get(i), QUEUE_TIMEOUT),
                    tmp.resolve("calls-" + seed), "test_fuzz_arm64.hvt calls " + seed + " " + CALLS_PER_RUN);
        }
        assertThat(total).as("hypercalls issued").isGreaterThanOrEqualTo(100_000);
    }
}
