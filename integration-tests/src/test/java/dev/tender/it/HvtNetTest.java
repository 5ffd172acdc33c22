package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network unikernels on hvt (ring I/O included); the shared tests are in {@link NetTestBase}. */
class HvtNetTest extends NetTestBase {
    @Override
    String target() {
        return "hvt";
    }

    @Override
    TestHost host() {
        return Hosts.kvm();
    }

    @Override
    String memory() {
        return "4096";
    }

    @Override
    Path image(String test) {
        return Tender.image(test + ".hvt");
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
        // utime and stime (fields 14 and 15 of /proc/PID/task/TID/stat), per thread of the namespace's process.
        String threads = host().ok("sh", "-c", "for p in $(ip netns pids \"$0\"); do for t in /proc/$p/task/*; do "
                + "echo $(cat $t/comm) $(cut -d' ' -f14,15 $t/stat); done; done; getconf CLK_TCK", ns.name);
        Result r = t.await(seconds(60));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).containsPattern("storm done: [1-9][0-9]* kicks").contains("SUCCESS");
        List<String> lines = threads.lines().toList();
        double tick = 1.0 / Integer.parseInt(lines.get(lines.size() - 1).trim());
        String ring = lines.stream().filter(l -> l.startsWith("tender-ring-io ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ring I/O thread: " + threads));
        String[] f = ring.split(" ");
        double cpu = (Long.parseLong(f[1]) + Long.parseLong(f[2])) * tick;
        System.out.printf("HvtNetTest: ring I/O thread %.2f s of CPU during the doorbell storm (%s)%n", cpu,
                r.stdout().replaceAll("(?s).*(storm done: [0-9]+ kicks).*", "$1"));
        assertThat(cpu).as("ring I/O thread CPU seconds during a 3 s storm (%s)", threads).isLessThan(0.75);
    }

    @Test
    void fixedMacAndSigterm() throws Exception {
        Running t = withFixedMac();
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
    }
}
