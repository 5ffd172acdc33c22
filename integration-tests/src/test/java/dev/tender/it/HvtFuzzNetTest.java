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
 * Hypercall fuzzing on hvt with a network device (issue 14): test_fuzz_net is test_fuzz with service0 as well
 * (guest/tests/test_fuzz_net, fuzz_net.c), attached to a TAP in a network namespace of this test's own. A third of
 * its random hypercalls are NET_WRITE and NET_READ with random handles, lengths and buffers; every answer is
 * checked against docs/abi.md §7.7, as are POLL's ready sets. Frames the guest writes go to the TAP, where nothing
 * answers them but the namespace's kernel: some of them are ARP requests for the TAP's address 10.0.0.1, whose
 * replies the guest must then read. Every frame the tender said it wrote must have reached the TAP. Then one run
 * per kind of fatal NET request (fuzz_net_fatal.c), each ending with exactly the announced message and status 1.
 * Runs are queued at once, two at a time, each with a TAP of its own; the namespace goes when the class is done.
 */
class HvtFuzzNetTest {
    private static final long SEED = Long.getLong("tender.fuzz.seed", 20261128L);
    private static final int CALLS = 50_000;
    private static final int CALLS_BEFORE_FATAL = 1_000;
    /** SEED % 5 is the kind of fatal request in fuzz_net_fatal.c. */
    private static final int FATAL_KINDS = 5;
    private static final String CALLS_TAP = "fzcalls";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** A tender still running then is killed, so that the test sees how far its guest got. */
    private static final Duration KILL_AFTER = Duration.ofMinutes(3);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(10);

    /** Runs {@code ARGS...} and then prints how long they took: {@code RUN ms=N} (for docs/testing.md). */
    private static final String TIMED = "t0=$(date +%s%N); \"$@\"; s=$?; "
            + "echo \"RUN ms=$(( ($(date +%s%N) - t0) / 1000000 ))\"; exit $s";

    @TempDir
    static Path tmp;
    private static NetNs ns;
    private static ConcurrentRuns runs;
    private static final Map<String, Future<TestHost.Result>> RESULTS = new HashMap<>();

    @BeforeAll
    static void startAll() throws IOException {
        TestHost host = Hosts.standardKvm().require("ip", "iproute2");
        ns = new NetNs(host);
        runs = new ConcurrentRuns(host, 2);
        ns.tap(CALLS_TAP, "10.0.0.1/24", 1500);
        queue(CALLS_TAP, "calls", SEED, CALLS);
        for (int kind = 0; kind < FATAL_KINDS; kind++) {
            String tap = "fzfatal" + kind;
            ns.tap(tap, null, 1500);
            queue(tap, "fatal", SEED * FATAL_KINDS + kind, CALLS_BEFORE_FATAL);
        }
    }

    @AfterAll
    static void stop() {
        if (runs != null) {
            runs.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Queues test_fuzz_net.hvt with fresh disks in its own directory and service0 on {@code tap}. */
    private static void queue(String tap, String mode, long seed, int count) throws IOException {
        Path dir = dir(mode, seed);
        FuzzGuest.createDisks(dir);
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", TIMED, "timed", "sh", "-c", HvtFuzzTest.SCRIPT,
                "fuzz", dir.toString(), "timeout", "-s", "KILL", KILL_AFTER.toSeconds() + "s", Tender.BIN.toString(),
                "hvt", "--mem=8"));
        cmd.addAll(FuzzGuest.blockOptions("disk0.img", "disk1.img"));
        cmd.addAll(List.of("--net:service0=" + tap, "--", Tender.image("test_fuzz_net.hvt").toString(), mode,
                Long.toString(seed), Integer.toString(count)));
        RESULTS.put(dir.getFileName().toString(), runs.submit(TIMEOUT, ns.inside(cmd.toArray(new String[0]))));
    }

    private static Path dir(String mode, long seed) {
        return tmp.resolve(mode + "-" + seed);
    }

    private static TestHost.Result result(String mode, long seed) {
        TestHost.Result r = ConcurrentRuns.await(RESULTS.get(dir(mode, seed).getFileName().toString()),
                QUEUE_TIMEOUT);
        String last = r.stdout().replace("#", "").lines().filter(l -> l.startsWith("FUZZ done"))
                .findFirst().orElse("no FUZZ done line");
        System.out.printf("test_fuzz_net %s %d: status %d, %s; %s%n", mode, seed, r.status(),
                r.stdout().replaceAll("(?s).*(RUN ms=\\d+).*", "$1"), last);
        if (r.status() == 137) {
            System.out.println(r.stdout().replace("#", "") + r.stderr());
        }
        return r;
    }

    private static long[] fractions(Map<String, String> done, String field, int parts) {
        String v = done.get(field);
        assertThat(v).as(field).matches("\\d+(/\\d+){" + (parts - 1) + "}");
        String[] p = v.split("/");
        long[] n = new long[parts];
        for (int i = 0; i < parts; i++) {
            n[i] = Long.parseLong(p[i]);
        }
        return n;
    }

    @Test
    void randomNetHypercallsGetTheAbisAnswers() throws Exception {
        TestHost.Result r = result("calls", SEED);
        FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
        String what = "test_fuzz_net.hvt calls " + SEED + " " + CALLS + ": " + out.tail() + r.stderr();
        assertThat(r.stderr()).as(what).isEmpty();
        Map<String, String> done = out.done();
        assertThat(r.status()).as("the status HALT asked for; " + what).isEqualTo(out.number("exit"));
        out.assertConsistentWith(dir("calls", SEED));
        assertThat(out.number("calls")).isEqualTo(CALLS + 1);
        long[] write = fractions(done, "netwrite", 2);
        long[] read = fractions(done, "netread", 3);
        long[] arp = fractions(done, "arp", 2);
        assertThat(write).as("NET_WRITE OK/EINVAL, both seen; " + what).doesNotContain(0L);
        assertThat(read).as("NET_READ OK/AGAIN/EINVAL, all seen; " + what).doesNotContain(0L);
        assertThat(arp[0]).as("ARP requests written").isPositive();
        assertThat(arp[1]).as("ARP replies read (of %d requests)", arp[0]).isPositive().isLessThanOrEqualTo(arp[0]);
        assertThat(fractions(done, "write", 2)).as("block writes still made").doesNotContain(0L);
        long received = Long.parseLong(ns.exec("cat", "/sys/class/net/" + CALLS_TAP + "/statistics/rx_packets").trim());
        assertThat(received).as("frames the TAP got: every NET_WRITE answered OK").isEqualTo(write[0]);
    }

    @ParameterizedTest(name = "kind {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aFatalNetRequestEndsTheGuestWithTheSpecifiedMessage(int kind) throws Exception {
        long seed = SEED * FATAL_KINDS + kind;
        TestHost.Result r = result("fatal", seed);
        FuzzGuest.Output out = new FuzzGuest.Output(r.stdout());
        String what = "test_fuzz_net.hvt fatal " + seed + " " + CALLS_BEFORE_FATAL + ": " + out.tail() + r.stderr();
        String expect = out.expect();
        // Failed host I/O is reported in Solo5's words, without the program name (docs/abi.md §7.6, §7.7).
        String prefix = expect.startsWith("Fatal error") ? "" : "tender hvt: ";
        assertThat(r.stderr()).as(what).isEqualTo(prefix + expect + "\n");
        assertThat(r.status()).as(what).isEqualTo(1);
        assertThat(r.stdout()).as(what).doesNotContain("FUZZ survived");
        assertThat(out.number("calls")).isEqualTo(CALLS_BEFORE_FATAL + 1);
        out.assertConsistentWith(dir("fatal", seed));
    }
}
