package dev.tender.it;

import static dev.tender.it.Tender.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.host.HostProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The resolver example (examples/resolver) booted through {@code bin/tender hvt}, end to end, in the network
 * of {@link ResolverTestBase}: forwarding, the cache and its TTLs, a silent upstream, sd_notify and SIGTERM.
 * Malformed input is {@link ResolverMalformedInputTest}'s.
 */
class ResolverTest extends ResolverTestBase {
    private static int answerTtl(String digOutput, String name, String type) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\.\\s+(\\d+)\\s+IN\\s+" + type + "\\s")
                .matcher(digOutput);
        assertThat(m.find()).as("%s %s in %s", name, type, digOutput).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void forwardsAnswersAndServesRepeatsFromTheCache() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);

        String first = dig("www.example.test", "A");
        assertThat(first).contains("status: NOERROR", "flags: qr rd ra;").containsPattern(
                "(?m)^www\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.3$");
        assertThat(upstreamQueries("A", "www.example.test")).isEqualTo(1);

        Thread.sleep(1100);
        String again = dig("WWW.Example.TEST", "A");               // same question, other case
        assertThat(again).contains("status: NOERROR")
                .containsPattern("(?m)^WWW\\.Example\\.TEST\\.\\s+\\d+\\s+IN\\s+A\\s+10\\.1\\.2\\.3$");
        assertThat(answerTtl(again, "WWW.Example.TEST", "A")).as("TTL counts down in the cache").isBetween(290, 299);
        String plain = dig("+noedns", "www.example.test", "A");    // a client without EDNS gets no OPT record
        assertThat(plain).contains("status: NOERROR", "10.1.2.3").doesNotContain("OPT PSEUDOSECTION");
        assertThat(upstreamQueries("A", "www.example.test")).as("the upstream saw the name once").isEqualTo(1);
        assertThat(resolver.outputSoFar()).contains("resolver: 10.0.0.1 www.example.test. A: forwarded",
                "resolver: 10.0.0.1 WWW.Example.TEST. A: cached");

        // Other types, negative answers, and a type the upstream has no data for.
        assertThat(dig("txt.example.test", "TXT")).contains("status: NOERROR", "\"tender resolver\"");
        assertThat(dig("v6.example.test", "AAAA")).containsPattern("IN\\s+AAAA\\s+fd00::53");
        assertThat(dig("nope.example.test", "A")).contains("status: NXDOMAIN");
        assertThat(dig("outside.invalid", "A")).containsPattern("status: (REFUSED|SERVFAIL|NXDOMAIN)");
        assertThat(resolver.isAlive()).isTrue();
    }

    @Test
    void cachedAnswersExpireWithTheirTtl() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        long answered = System.nanoTime();
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        assertThat(upstreamQueries("A", "short.example.test")).as("second query from the cache").isEqualTo(1);
        // The TTL is 8 s: long enough for two digs in a loaded emulated host (one dig there can take 2 s);
        // the third dig comes after it has expired, timed from the first answer.
        Thread.sleep(Math.max(0, 9000 - (System.nanoTime() - answered) / 1_000_000));
        assertThat(dig("short.example.test", "A")).contains("10.1.2.4");
        assertThat(upstreamQueries("A", "short.example.test")).as("asked again after expiry").isEqualTo(2);
    }

    @Test
    void silentUpstreamGivesServfail() throws Exception {
        resolver = startResolver("10.53.0.9");                     // nobody there
        long start = System.nanoTime();
        String out = ns.exec("dig", "@" + RESOLVER, "+tries=1", "+time=10", "quiet.example.test", "A");
        assertThat(out).contains("status: SERVFAIL");
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("three tries, about 5 s").isBetween(3L, 9L);
        assertThat(resolver.isAlive()).isTrue();
    }

    /**
     * systemd's notification socket, played by socat on the tender's host: it prints each datagram it receives,
     * so its output is the notifications in order.
     */
    @Test
    void notifiesTheServiceManagerWhenRunningAndWhenStopping() throws Exception {
        startUpstream();
        String sock = "/run/tender-it-notify-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ns.host.require("socat", "socat");
        HostProcess manager = ns.host.start(List.of("socat", "-u", "UNIX-RECV:" + sock, "STDOUT"));
        try {
            for (int i = 0; ns.host.run(Duration.ofSeconds(30), List.of("test", "-S", sock)).status() != 0; i++) {
                assertThat(i).as("socat listens on %s: %s", sock, manager.stderr()).isLessThan(200);
                assertThat(manager.isAlive()).as("socat: %s", manager.stderr()).isTrue();
                Thread.sleep(50);
            }
            String ready = "READY=1\nSTATUS=Running " + image("resolver.hvt");
            resolver = startResolver(UPSTREAM, Map.of("NOTIFY_SOCKET", sock));
            resolver.awaitOutput("resolver: ready", 60);
            assertThat(manager.stdout()).as("readiness, once the guest runs").isEqualTo(ready);
            assertThat(dig("www.example.test", "A")).contains("10.1.2.3");
            assertExitsOnSigterm();
            assertThat(manager.stdout()).as("then STOPPING=1 before the tender exits").isEqualTo(ready + "STOPPING=1");
        } finally {
            manager.kill();
            ns.host.run(Duration.ofSeconds(30), List.of("rm", "-f", sock));
        }
    }

    @Test
    void sigtermStopsTheResolverLikeSolo5Hvt() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        assertThat(dig("www.example.test", "A")).contains("10.1.2.3");
        assertExitsOnSigterm();
    }

    /** SIGTERM to the tender: it exits with status 1 and upstream's message, like solo5-hvt. */
    private void assertExitsOnSigterm() throws Exception {
        resolver.signal("TERM");
        Result r = resolver.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
    }
}
