package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's seed command, run as printed: the four lines of its "A website" block (build www, create tap100,
 * start {@code tender hvt --net:service=tap100 www.hvt --ipv4=...} in the background, curl) in one shell, from the
 * checkout's root, inside a network namespace of the test's own on the host where hvt runs, so tap100 and its
 * address never reach the host's own network. Between the start and the curl the script waits for the server's
 * ready line, as a reader does before typing the next line; at the end it stops the server with SIGTERM.
 */
class ReadmeSeedCommandTest {
    private static final Path README = Tender.ROOT.resolve("README.md");

    /** The indented lines of the README's block under the heading "## A website". */
    private static List<String> seedBlock() throws Exception {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int at = text.indexOf("\n## A website");
        assertThat(at).as("README's website section").isPositive();
        return text.substring(at).lines().skip(1).dropWhile(l -> !l.startsWith("    "))
                .takeWhile(l -> l.startsWith("    ")).map(l -> l.substring(4)).toList();
    }

    @Test
    void theBlockIsTheSeedsCommand() throws Exception {
        List<String> block = seedBlock();
        assertThat(block).hasSize(4);
        assertThat(block.get(0)).startsWith("bin/tender build examples/www");
        assertThat(block.get(2)).contains("tender hvt --net:service=tap100 www.hvt --ipv4=").endsWith("&");
        assertThat(block.get(3)).startsWith("curl http://");
    }

    @Test
    void theSeedsCommandServesTheIndexPage() throws Exception {
        List<String> block = seedBlock();
        TestHost host = Hosts.kvm().require("curl", "curl");
        if (host != Hosts.local()) {
            // The build does not depend on the host: done here first, so that the emulated host's run of the same
            // command finds the guest runtime already built for each target (its own compiles run under emulation).
            TestHost.Result pre = Hosts.local().run(Duration.ofMinutes(5), List.of(Tender.BIN.toString(), "build",
                    "-q", Tender.ROOT.resolve("examples/www").toString()));
            assertThat(pre.status()).as(pre.output()).isZero();
        }
        Path log = Files.createDirectories(Tender.ROOT.resolve("integration-tests/target"))
                .resolve("readme-seed-" + ProcessHandle.current().pid() + ".log");
        String script = String.join("\n",
                "log=$0; exec > \"$log\" 2>&1",
                "set -e",
                "cd \"$1\"",
                block.get(0), block.get(1), block.get(2),
                "server=$!",
                "i=0; until grep -q 'www: ready' \"$log\"; do",
                "    i=$((i + 1)); [ $i -le 3000 ] && kill -0 $server || { echo 'no ready line'; exit 1; }; sleep 0.1",
                "done",
                block.get(3),
                "kill -TERM $server; status=0; wait $server || status=$?",
                "echo \"tender exited $status\"");
        try (NetNs ns = new NetNs(host)) {
            TestHost.Result r = host.run(Duration.ofMinutes(15), ns.inside("sh", "-c", script, log.toString(),
                    Tender.ROOT.toString()));
            String out = Files.readString(log);
            assertThat(r.status()).as(out).isZero();
            String index = Files.readString(Tender.ROOT.resolve("examples/www/site/index.html"));
            assertThat(out).as("curl's output: the page").contains(index)
                    .contains("www: ready, serving HTTP on 10.0.0.2:80")
                    .endsWith("tender hvt: Exiting on signal 15\ntender exited 1\n");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
