package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real gdb in batch mode against a debug tender: the command lines of the debugging tests, and the port the
 * tender said it waits on. {@code gdb} is Debian's gdb (x86_64 images), {@code gdb-multiarch} the one for
 * aarch64 images; both run with {@code -nx} so that no user's .gdbinit changes what they do.
 */
final class GdbBatch {
    private static final Pattern WAITING = Pattern.compile("target remote localhost:(\\d+)");

    private GdbBatch() {
    }

    /** The port in the tender's {@code gdb --ex="target remote localhost:PORT" KERNEL} line. */
    static int port(Tender.Running tender) throws InterruptedException {
        tender.awaitStderr("Connect to it like this:", 120);
        tender.awaitStderr("\" ", 30);
        Matcher m = WAITING.matcher(tender.stderrSoFar());
        assertThat(m.find()).as(tender.stderrSoFar()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** {@code gdb -batch -nx} with each of {@code commands} as an {@code -ex}, then {@code files}. */
    static List<String> command(String gdb, List<String> commands, String... files) {
        List<String> cmd = new ArrayList<>(List.of(gdb, "-batch", "-nx", "-ex", "set confirm off",
                "-ex", "set pagination off"));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.addAll(List.of(files));
        return cmd;
    }

    /** Runs gdb on {@code host} and returns everything it printed (gdb's errors go to stderr). */
    static String run(TestHost host, List<String> command) {
        TestHost.Result r = host.run(Duration.ofSeconds(240), command);
        return r.output();
    }

    /**
     * The session of the debugging tests on the test_debug image: a breakpoint at solo5_app_main, the stop,
     * registers and the global, a single step, a hardware watchpoint on the global, the run to the end.
     * {@code pc} is the architecture's name for the program counter.
     */
    static List<String> breakStepWatchSession(String target, String pc) {
        return List.of(
                "target remote " + target,
                "break solo5_app_main",
                "continue",
                "echo @@regs\\n",
                "info registers " + pc,
                "print debug_counter",
                "echo @@step\\n",
                "stepi",
                "print $pc",
                "watch debug_counter",
                "continue",
                "echo @@next\\n",
                "delete",
                "continue");
    }
}
