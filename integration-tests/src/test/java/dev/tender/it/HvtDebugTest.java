package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug tender on x86_64 (docs/debugging.md): real gdb against {@code tender hvt-debug --gdb} (breakpoint,
 * registers, a global, single step, hardware watchpoint, memory writes, the exit status), a hostile client, and
 * {@code --dumpcore} cores that gdb reads back to the aborting function. gdb runs where the tender runs (the
 * emulated host mounts this machine's root, so its gdb is there too).
 */
class HvtDebugTest {
    private static final String PREFIX = "tender hvt-debug: ";

    @TempDir
    Path tmp;

    private static TestHost host() {
        return Hosts.standardKvm().require("gdb", "gdb");
    }

    private static Running debugTender(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("hvt-debug", "--mem=8", "--gdb", "--gdb-port=0"));
        cmd.addAll(List.of(args));
        return Tender.start(cmd);
    }

    /** A debug tender on test_debug.hvt, waiting for gdb on {@code port}. */
    private record Waiting(TestHost host, String image, Running tender, int port) {
        static Waiting start() throws InterruptedException {
            TestHost host = HvtDebugTest.host();
            String image = Tender.image("test_debug.hvt").toString();
            Running tender = debugTender(image);
            return new Waiting(host, image, tender, GdbBatch.port(tender));
        }
    }

    @Test
    void gdbBreaksStepsWatchesAndTheGuestRunsToItsEnd() throws Exception {
        Waiting w = Waiting.start();
        TestHost host = w.host();
        String image = w.image();
        Running tender = w.tender();
        int port = w.port();
        String gdb = GdbBatch.run(host, GdbBatch.command("gdb",
                GdbBatch.breakStepWatchSession("localhost:" + port, "rip"), image));
        Result r = tender.await(120);

        assertThat(r.stderr()).as(gdb).contains(PREFIX + "Waiting for a debugger. Connect to it like this:\n"
                + PREFIX + "\tgdb --ex=\"target remote localhost:" + port + "\" " + image + "\n")
                .contains(PREFIX + "Connection from debugger at 127.0.0.1\n")
                .contains(PREFIX + "WARNING: Tender is configured with HVT_DROP_PRIVILEGES=0. Not dropping any privileges.\n");
        assertThat(gdb).containsPattern("Breakpoint 1, (0x[0-9a-f]+ in )?solo5_app_main \\(")
                .containsPattern("@@regs\\nrip +0x[0-9a-f]+ +0x[0-9a-f]+ <solo5_app_main(\\+\\d+)?>")
                .contains("$1 = 0")
                .containsPattern("@@step\\n(0x[0-9a-f]+\\s+\\d+\\s+.*\\n)?\\$2 = \\(void \\(\\*\\)\\(\\)\\) 0x[0-9a-f]+ <solo5_app_main\\+\\d+>")
                .contains("Hardware watchpoint 2: debug_counter")
                .contains("[Inferior 1 (Remote target) exited normally]");
        if (host.name().startsWith("emulated")) {
            // QEMU's emulation of AMD SVM loads DR7 from the VMCB without arming its own breakpoints, so the
            // nested guest's debug registers never fire there (docs/debugging.md, docs/testing.md): the watchpoint
            // is accepted and the guest runs to its end. On KVM hardware, and in the arm64 host, it stops.
            assertThat(gdb).doesNotContain("Old value = 0");
        } else {
            assertThat(gdb).containsPattern("Old value = 0\\nNew value = 1\\n");
        }
        assertThat(r.stdout()).contains("SUCCESS");
        assertThat(r.status()).as(r.stderr()).isZero();
    }

    @Test
    void memoryWritesReachTheGuestAndTheExitStatusReachesGdb() throws Exception {
        Waiting w = Waiting.start();
        String gdb = GdbBatch.run(w.host(), GdbBatch.command("gdb", List.of(
                "target remote localhost:" + w.port(),
                "break debug_bump",
                "continue",
                "set var debug_counter = 100",
                "print debug_counter",
                "x/4xb 0x7fffff0",
                "x/4xb 0xffffffffffffff00",
                "delete",
                "continue"), w.image()));
        Result r = w.tender().await(120);

        assertThat(gdb).contains("$1 = 100")
                .contains("Cannot access memory at address 0x7fffff0")
                .contains("Cannot access memory at address 0xffffffffffffff00")
                .contains("[Inferior 1 (Remote target) exited with code 01]");
        assertThat(r.stdout()).contains("FAILURE: debug_counter is not 42");
        assertThat(r.status()).as(r.stderr()).isEqualTo(1);
    }

    @Test
    void aHostileClientGetsCleanRepliesAndTheTenderEndsCleanly() throws Exception {
        TestHost host = host();
        Running tender = debugTender(Tender.image("test_debug.hvt").toString());
        int port = GdbBatch.port(tender);
        TestHost.Result client = host.run(java.time.Duration.ofSeconds(240), HostileGdbClient.command("127.0.0.1", port));
        Result r = tender.await(120);

        assertThat(client.status()).as(client.output()).isZero();
        assertThat(client.stdout()).contains("replies well-formed");
        assertThat(r.stderr()).contains(PREFIX + "GDB: Exiting as we could not receive the next command from the debugger.\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void anAbortLeavesACoreThatGdbUnwindsToTheAbortingFunction() throws Exception {
        // upstream's "dumpcore hvt" test as it is: solo5-hvt-debug (here a link to bin/tender), default memory
        Path dir = Files.createDirectories(tmp.resolve("cores"));
        Path link = Files.createSymbolicLink(tmp.resolve("solo5-hvt-debug"), Tender.BIN);
        String image = Tender.image("test_dumpcore.hvt").toString();
        TestHost.Result r = Hosts.kvm().run(java.time.Duration.ofSeconds(120),
                List.of(link.toString(), "--dumpcore=" + dir, image));

        assertThat(r.status()).as(r.stderr()).isEqualTo(255);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote("solo5-hvt-debug: dumpcore: dumping guest core to: " + dir + "/")
                + "(core\\.solo5-hvt\\.[0-9]+)$").matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        assertThat(r.stderr()).containsPattern("dumpcore: dumped \\d+ pages of total 131072 pages\n");
        Path core = dir.resolve(m.group(1));
        assertThat(core).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(core))).isEqualTo("rw-------");

        String bt = GdbBatch.run(Hosts.local().require("gdb", "gdb"),
                GdbBatch.command("gdb", List.of("bt", "info registers rip"), image, core.toString()));
        assertThat(bt).contains("solo5_abort").contains("solo5_app_main").containsPattern("rip +0x[0-9a-f]+");
    }

    @Test
    void aTrapsCoreShowsTheFaultingInstructionNotTheAbortPath() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("trap-cores"));
        String image = Tender.image("test_exception.hvt").toString();
        Result r = Tender.run(120, List.of("hvt-debug", "--mem=8", "--dumpcore=" + dir, image));

        assertThat(r.status()).as(r.stderr()).isEqualTo(255);
        assertThat(r.output()).contains("Solo5: trap: type=#PF");
        Path core;
        try (var files = Files.list(dir)) {
            core = files.filter(f -> f.getFileName().toString().startsWith("core.solo5-hvt.")).findFirst().orElseThrow();
        }
        String regs = GdbBatch.run(Hosts.local().require("gdb", "gdb"),
                GdbBatch.command("gdb", List.of("info registers rip", "bt 1"), image, core.toString()));
        // the guest's runtime passed its trap frame as the abort's cookie: rip is the faulting store's
        assertThat(regs).containsPattern("rip +0x[0-9a-f]+ +0x[0-9a-f]+ <solo5_app_main\\+\\d+>")
                .containsPattern("#0 +0x[0-9a-f]+ in solo5_app_main");
    }

    @Test
    void debugOptionsAreRefusedWhereTheyCannotWork() {
        Result normal = Tender.run("hvt", "--gdb", Tender.image("test_hello.hvt").toString());
        assertThat(normal.status()).isEqualTo(1);
        assertThat(normal.stderr()).contains("usage: tender hvt ");

        Result port = Tender.run("hvt-debug", "--gdb", "--gdb-port=65536", Tender.image("test_hello.hvt").toString());
        assertThat(port.status()).isEqualTo(1);
        assertThat(port.stderr()).isEqualTo(PREFIX + "Malformed argument to --gdb-port\n");

        Result dir = Tender.run("hvt-debug", "--dumpcore=" + tmp.resolve("missing"), Tender.image("test_hello.hvt").toString());
        assertThat(dir.status()).isEqualTo(1);
        assertThat(dir.stderr()).isEqualTo(PREFIX + "dumpcore: cannot open dir\n");

        Result help = Tender.run("hvt-debug", "--help");
        assertThat(help.stderr()).contains("Compiled-in modules: core block net gdb dumpcore \n")
                .contains("    --gdb (optional flag for running in a gdb debug session)\n"
                        + "  [ --gdb-port=1234 ] (port to use) \n"
                        + "    --dumpcore=DIR (enable guest core dump on abort/trap)\n");
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        Running first = debugTender(Tender.image("test_debug.hvt").toString());
        int port = GdbBatch.port(first);
        Result second = Tender.run(120, List.of("hvt-debug", "--mem=8", "--gdb", "--gdb-port=" + port,
                Tender.image("test_hello.hvt").toString()));
        first.signal("TERM");
        first.await(60);

        assertThat(second.status()).isEqualTo(1);
        assertThat(second.stderr()).isEqualTo(PREFIX + "GDB: cannot listen on 127.0.0.1:" + port
                + ": Address already in use\n");
    }
}
