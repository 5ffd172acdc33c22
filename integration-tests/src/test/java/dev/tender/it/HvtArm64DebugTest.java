package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug tender on aarch64 (docs/debugging.md), in the emulated arm64 host: gdb-multiarch on this machine
 * debugs {@code tender hvt-debug --gdb} there through a forwarded port (the host's user-mode NIC, moved into a
 * namespace of this test, where the tender listens with {@code --gdb-listen}); a hostile client the same way;
 * and a {@code --dumpcore} core read back by gdb-multiarch here.
 */
class HvtArm64DebugTest {
    private static final String PREFIX = "tender hvt-debug: ";
    private static final int GUEST_PORT = 1234;
    private static NetNs ns;

    @TempDir
    Path tmp;

    @BeforeAll
    static void moveTheForwardingNicIntoANamespace() {
        TestHost host = Hosts.arm64();
        ns = new NetNs(host);
        host.ok("ip", "link", "set", "eth0", "netns", ns.name);
        ns.exec("ip", "addr", "add", TestHost.FORWARDED_ADDRESS + "/24", "dev", "eth0");
        ns.exec("ip", "link", "set", "eth0", "up");
        ns.exec("ip", "link", "set", "lo", "up");
    }

    @AfterAll
    static void deleteTheNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    private static String image(String name) {
        return HvtArm64Test.image(name);
    }

    /** The debug tender waiting for gdb at the forwarded address; returns it once it says so. */
    private static Running debugTender(String image) throws InterruptedException {
        Running t = Tender.startIn(ns, List.of("hvt-debug", "--mem=16", "--gdb", "--gdb-port=" + GUEST_PORT,
                "--gdb-listen=" + TestHost.FORWARDED_ADDRESS, image));
        t.awaitStderr("Connect to it like this:", 180);
        return t;
    }

    private static TestHost gdbHere() {
        return Hosts.local().require("gdb-multiarch", "gdb-multiarch");
    }

    @Test
    void gdbMultiarchBreaksStepsWatchesAndTheGuestRunsToItsEnd() throws Exception {
        String image = image("test_debug.hvt");
        Running tender = debugTender(image);
        int local = ns.host.forwardTcp(GUEST_PORT);
        String gdb = GdbBatch.run(gdbHere(), GdbBatch.command("gdb-multiarch",
                GdbBatch.breakStepWatchSession("127.0.0.1:" + local, "pc"), image));
        Result r = tender.await(240);

        assertThat(r.stderr()).as(gdb).contains(PREFIX + "Connection from debugger at 10.0.2.2\n");
        assertThat(gdb).containsPattern("Breakpoint 1, (0x[0-9a-f]+ in )?solo5_app_main \\(")
                .containsPattern("@@regs\\npc +0x[0-9a-f]+ +0x[0-9a-f]+ <solo5_app_main(\\+\\d+)?>")
                .contains("$1 = 0")
                .containsPattern("\\$2 = \\(void \\(\\*\\)\\(\\)\\) 0x[0-9a-f]+ <solo5_app_main\\+\\d+>")
                .contains("Hardware watchpoint 2: debug_counter")
                .containsPattern("Old value = 0\\nNew value = 1\\n")
                .contains("[Inferior 1 (Remote target) exited normally]");
        assertThat(r.stdout()).contains("SUCCESS");
        assertThat(r.status()).as(r.stderr()).isZero();
    }

    @Test
    void aHardwareBreakpointAndASecondWatchStopTheGuest() throws Exception {
        String image = image("test_debug.hvt");
        Running tender = debugTender(image);
        int local = ns.host.forwardTcp(GUEST_PORT);
        String gdb = GdbBatch.run(gdbHere(), GdbBatch.command("gdb-multiarch", List.of(
                "target remote 127.0.0.1:" + local,
                "hbreak debug_bump",
                "continue",
                "print by",
                "delete",
                "break debug_bump if by == 41",
                "continue",
                "print debug_counter",
                "awatch debug_counter",
                "continue",
                "delete",
                "continue"), image));
        Result r = tender.await(240);

        assertThat(gdb).contains("Hardware assisted breakpoint 1 at")
                .containsPattern("Breakpoint 1, debug_bump \\(by=(by@entry=)?1\\)")
                .contains("$1 = 1")
                .containsPattern("Breakpoint 2, debug_bump \\(by=(by@entry=)?41\\)")
                .contains("$2 = 1")
                .contains("Hardware access (read/write) watchpoint 3: debug_counter")
                .containsPattern("Value = 1|Old value = 1")
                .contains("[Inferior 1 (Remote target) exited normally]");
        assertThat(r.status()).as(r.stderr()).isZero();
    }

    @Test
    void aHostileClientGetsCleanRepliesAndTheTenderEndsCleanly() throws Exception {
        Running tender = debugTender(image("test_debug.hvt"));
        int local = ns.host.forwardTcp(GUEST_PORT);
        List<String> client = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        client.addAll(HostileGdbClient.command("127.0.0.1", local).subList(1, 6));
        TestHost.Result c = Hosts.local().run(Duration.ofSeconds(300), client);
        Result r = tender.await(240);

        assertThat(c.status()).as(c.output()).isZero();
        assertThat(c.stdout()).contains("replies well-formed");
        assertThat(r.stderr()).contains(PREFIX + "GDB: Exiting as we could not receive the next command from the debugger.\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void anAbortLeavesACoreThatGdbMultiarchUnwindsToTheAbortingFunction() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cores"));
        String image = image("test_dumpcore.hvt");
        TestHost.Result r = Hosts.arm64().run(Duration.ofSeconds(300),
                Tender.command(List.of("hvt-debug", "--dumpcore=" + dir, image)));

        assertThat(r.status()).as(r.stderr()).isEqualTo(255);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(PREFIX + "dumpcore: dumping guest core to: " + dir + "/")
                + "(core\\.solo5-hvt\\.[0-9]+)$").matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        Path core = dir.resolve(m.group(1));
        assertThat(core).exists();

        String bt = GdbBatch.run(gdbHere(), GdbBatch.command("gdb-multiarch", List.of("bt", "info registers pc"),
                image, core.toString()));
        assertThat(bt).contains("solo5_abort").contains("solo5_app_main").containsPattern("pc +0x[0-9a-f]+");
    }
}
