package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guest memory is never executable in the hvt tender's own address space: the guest executes its code through
 * KVM, the JVM only reads and writes it. A long-running guest (test_net, waiting for frames) is booted with an
 * unusual memory size, and the tender's /proc/PID/maps is read on the host it runs on. The guest memory is the
 * one MAP_SHARED anonymous mapping ("/dev/zero (deleted)"; the ELF loader's mprotect splits it into several
 * areas), together exactly --mem plus the ring's 2 MiB in size.
 */
class HvtGuestMemoryMapsTest {
    private static final int MEM_MB = 42;
    private static final long MIB = 1024L * 1024L;
    /** What is mapped: --mem, plus 2 MiB for the ring that a NET device brings (hvt.md, Ring I/O). */
    private static final long MEM = (MEM_MB + 2) * MIB;

    /** One line of /proc/PID/maps. */
    record Area(long start, long end, String perms, String path) {
        static Area parse(String line) {
            String[] f = line.trim().split("\\s+", 6);
            String[] range = f[0].split("-");
            return new Area(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
                    f.length > 5 ? f[5] : "");
        }

        long size() {
            return end - start;
        }

        boolean sharedAnonymous() {
            return perms.charAt(3) == 's' && path.equals("/dev/zero (deleted)");
        }

        boolean anonymous() {
            return path.isEmpty() || path.equals("/dev/zero (deleted)");
        }

        boolean executable() {
            return perms.charAt(2) == 'x';
        }
    }

    @Test
    void guestMemoryIsReadWriteOnlyInTheTender() throws Exception {
        TestHost host = Hosts.kvm().require("ip", "iproute2");
        try (NetNs ns = new NetNs(host)) {
            ns.tap("tap100", "10.0.0.1/24", 1500);
            Running t = Tender.startIn(ns, List.of("hvt", "--mem=" + MEM_MB, "--net:service0=tap100", "--",
                    Tender.image("test_net.hvt").toString()));
            t.awaitOutput("Serving ping on 10.0.0.2", 60);
            // The only process in the namespace is the tender (ip netns exec -> bin/tender -> exec java).
            String out = host.ok("sh", "-c", "for p in $(ip netns pids \"$0\"); do echo \"== $p\"; cat /proc/$p/maps; done",
                    ns.name);
            t.signal("TERM");
            Result r = t.await(60);
            assertThat(r.status()).as("%s", r.stderr()).isEqualTo(1);

            assertThat(out.lines().filter(l -> l.startsWith("== ")).count()).as("processes in the namespace: %s", out)
                    .isEqualTo(1);
            List<Area> areas = new ArrayList<>();
            out.lines().filter(l -> !l.startsWith("== ") && !l.isBlank()).forEach(l -> areas.add(Area.parse(l)));
            assertThat(areas).as("the tender's maps").hasSizeGreaterThan(10);

            List<Area> guest = areas.stream().filter(Area::sharedAnonymous).toList();
            assertThat(guest).as("the guest memory mapping(s)").isNotEmpty();
            for (int i = 1; i < guest.size(); i++) {
                assertThat(guest.get(i).start()).as("one contiguous mapping").isEqualTo(guest.get(i - 1).end());
            }
            assertThat(guest.stream().mapToLong(Area::size).sum()).as("--mem=%d and the ring", MEM_MB).isEqualTo(MEM);
            assertThat(guest).as("guest memory areas").noneMatch(Area::executable);
            assertThat(guest).as("guest memory is read-write (text read-only), never executable")
                    .allMatch(a -> a.perms().startsWith("r"));

            assertThat(areas).as("no shared mapping is executable").noneMatch(a -> a.perms().charAt(3) == 's' && a.executable());
            assertThat(areas).as("no executable anonymous mapping of the guest's size")
                    .noneMatch(a -> a.anonymous() && a.executable() && a.size() == MEM);
        }
    }
}
