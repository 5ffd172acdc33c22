package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import org.junit.jupiter.api.Test;

/** The network tests of {@link NetTestBase}, and those only hvt's ring I/O has, on either architecture. */
abstract class HvtNetTestBase extends NetTestBase {
    @Override
    String target() {
        return "hvt";
    }

    /**
     * A guest that rings the doorbell in a loop without submitting anything (test_ring_storm, three seconds)
     * gets the ring I/O thread a small share of a core: each empty kick costs the worker one eventfd read, and
     * after a few in a row it pauses before waiting again. The thread's CPU time is read from /proc on the
     * tender's host while the guest is quiet afterwards.
     */
    @Test
    void aDoorbellStormWithoutWorkCostsTheHostLittle() throws Exception {
        ns.tap("tap100", "10.0.0.1/24", 1500);
        Running t = start("--net:service0=tap100", "--", image("test_ring_storm").toString());
        t.awaitOutput("storm done", seconds(60));
        // Each thread's /proc stat line, read with shell built-ins only (a fork per thread costs seconds in the
        // emulated arm64 host, longer than the guest stays quiet); utime and stime are fields 14 and 15. USER_HZ
        // is 100 on Linux for both architectures (the arm64 host has no getconf).
        String threads = host().ok("sh", "-c", "for p in $(ip netns pids \"$0\"); do for t in /proc/$p/task/*; do "
                + "read -r s < $t/stat && echo \"$s\"; done; done", ns.name);
        Result r = t.await(seconds(60));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).containsPattern("storm done: [1-9][0-9]* kicks").contains("SUCCESS");
        String ring = threads.lines().filter(l -> l.contains(" (tender-ring-io) ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ring I/O thread: " + threads));
        String[] f = ring.substring(ring.lastIndexOf(')') + 2).split(" ");
        double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        System.out.printf("%s: ring I/O thread %.2f s of CPU during the doorbell storm (%s)%n",
                getClass().getSimpleName(), cpu, r.stdout().replaceAll("(?s).*(storm done: [0-9]+ kicks).*", "$1"));
        assertThat(cpu).as("ring I/O thread CPU seconds during a 3 s storm (%s)", threads).isLessThan(0.75);
    }
}
