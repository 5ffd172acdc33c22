package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolver example as an aarch64 hvt unikernel, in the emulated arm64 host: it boots under
 * {@code tender hvt}, forwards a query to a real dnsmasq, answers dig from inside the namespace, serves the
 * repeat from its cache, and stops on SIGTERM as solo5-hvt does. The full set of resolver tests runs on x86_64
 * ({@link ResolverTest}); this one shows the same image source works on the other architecture, and that the
 * aarch64 tender's statistics socket counts its traffic (exactly, on a TAP kept quiet) and reports KVM's own
 * binary statistics of the arm64 vCPU.
 */
class ResolverArm64Test extends ResolverTestBase {
    @Override
    TestHost host() {
        return Hosts.arm64();
    }

    @Override
    Path resolverImage() {
        Path p = HvtArm64Test.IMAGES.resolve("resolver.hvt");
        assertThat(p).as("aarch64 resolver image (built by the guest module)").exists();
        return p;
    }

    @Override
    int slowdown() {
        return 4;
    }

    @Test
    void answersDigAndServesRepeatsFromTheCache() throws Exception {
        startUpstream();
        resolver = startResolver(UPSTREAM);
        assertThat(dig("www.example.test", "A")).contains("status: NOERROR").containsPattern(
                "(?m)^www\\.example\\.test\\.\\s+300\\s+IN\\s+A\\s+10\\.1\\.2\\.3$");
        assertThat(dig("www.example.test", "A")).contains("status: NOERROR", "10.1.2.3");
        assertThat(upstreamQueries("A", "www.example.test")).as("the repeat came from the cache").isEqualTo(1);
        assertThat(dig("nope.example.test", "A")).contains("status: NXDOMAIN");
        resolver.signal("TERM");
        Tender.Result r = resolver.await(60);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
        assertThat(r.stdout()).contains("resolver: ready, serving DNS on 10.0.0.2:53",
                "resolver: 10.0.0.1 www.example.test. A: forwarded", "resolver: 10.0.0.1 www.example.test. A: cached");
    }

    @Test
    void theStatsSocketCountsTheQueriesExactly() throws Exception {
        startUpstream();
        String socket = "/run/tender-it-arm64-stats-" + ProcessHandle.current().pid() + ".sock";
        resolver = startResolver(UPSTREAM, Map.of("TENDER_STATS_SOCKET", socket));
        resolver.awaitOutput("resolver: ready", 60 * slowdown());
        assertThat(dig("www.example.test", "A")).contains("status: NOERROR");
        // Quiet the TAP: no IPv6 traffic of its own, no ARP for the guest (its MAC fixed from the first exchange).
        ns.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/" + TAP + "/disable_ipv6");
        String neigh = ns.exec("ip", "neigh", "show", RESOLVER, "dev", TAP);
        String mac = neigh.replaceAll("(?s).*lladdr ([0-9a-f:]{17}).*", "$1");
        assertThat(mac).as(neigh).matches("[0-9a-f:]{17}");
        ns.exec("ip", "neigh", "replace", RESOLVER, "lladdr", mac, "dev", TAP, "nud", "permanent");
        Map<String, Long> before = StatsOutput.table(host().ok(Tender.BIN.toString(), "stats", "--socket=" + socket));
        for (int i = 0; i < 4; i++) {
            assertThat(dig("www.example.test", "A")).contains("status: NOERROR", "10.1.2.3");
        }
        Map<String, Long> after = StatsOutput.table(host().ok(Tender.BIN.toString(), "stats", "--socket=" + socket));
        String rx = StatsOutput.RX + TAP + "}";
        String tx = StatsOutput.TX + TAP + "}";
        assertThat(after.get(rx) - before.get(rx)).as("queries in").isEqualTo(4);
        assertThat(after.get(tx) - before.get(tx)).as("answers out").isEqualTo(4);
        assertThat(after.get("guest_memory_bytes{}")).isEqualTo(32L << 20);
        assertThat(after.keySet()).as("KVM's binary statistics of the vCPU").anyMatch(k -> k.startsWith("kvm_vcpu_"));
        resolver.signal("TERM");
        assertThat(resolver.await(60).status()).isEqualTo(1);
        TestHost.Result gone = host().run(Duration.ofSeconds(120), List.of(Tender.BIN.toString(), "stats",
                "--socket=" + socket));
        assertThat(gone.status()).as(gone.output()).isEqualTo(1);
        assertThat(gone.stderr().lines()).as("one line").hasSize(1).first().asString().startsWith("tender stats: ");
    }
}
