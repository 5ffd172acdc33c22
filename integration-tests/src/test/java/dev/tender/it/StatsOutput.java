package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tender stats} and {@code tender metrics} print, read back for assertions: the table as
 * {@code family{labels} → value}, and the Prometheus text through Prometheus' own Python parser
 * (python3-prometheus-client), so that "parses as Prometheus text" is judged by a parser that is not ours.
 */
final class StatsOutput {
    /** {@code tender stats INSTANCE}; a failure shows the instance's journal too (its tender's own messages). */
    private static String stats(NspawnContainer container, String tender, String instance) {
        TestHost.Result r = container.inside(120, tender, "stats", instance);
        if (r.status() != 0) {
            throw new AssertionError("tender stats " + instance + ": " + r.output() + "\njournal:\n" + container.insideOk(
                    "journalctl", "--no-pager", "-o", "cat", "-u", "tender@" + instance + ".service"));
        }
        return r.stdout();
    }

    /** Prints every sample as {@code name{k="v",...} value}, labels sorted; fails on text the parser refuses. */
    private static final String PARSE = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    labels = ",".join('%s="%s"' % (k, s.labels[k]) for k in sorted(s.labels))
                    print("%s{%s} %r" % (s.name, labels, float(s.value)))
            """;

    static final String RX = "net_rx_packets{device=service,interface=";
    static final String TX = "net_tx_packets{device=service,interface=";

    private StatsOutput() {
    }

    /**
     * In {@code container}: quietens {@code tap} (no IPv6 of its own, the guest's MAC fixed), sends five queries for
     * {@code name} to the resolver at NET.2 (all answered from its cache, asked once before) and checks that
     * {@code tender stats INSTANCE} counted exactly five frames each way, of equal sizes; returns the figures after.
     */
    static Map<String, Long> countQueries(NspawnContainer container, String tender, String instance, String net,
            String tap, String name) {
        assertThat(container.insideOk("dig", "@" + net + ".2", "+tries=3", "+time=4", name, "A")).contains("NOERROR");
        container.insideOk("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/$0/disable_ipv6", tap);
        String neigh = container.insideOk("ip", "neigh", "show", net + ".2", "dev", tap);
        String mac = neigh.replaceAll("(?s).*lladdr ([0-9a-f:]{17}).*", "$1");
        assertThat(mac).as(neigh).matches("[0-9a-f:]{17}");
        container.insideOk("ip", "neigh", "replace", net + ".2", "lladdr", mac, "dev", tap, "nud", "permanent");
        Map<String, Long> before = table(stats(container, tender, instance));
        for (int i = 0; i < 5; i++) {
            assertThat(container.insideOk("dig", "@" + net + ".2", "+tries=1", "+time=5", name, "A"))
                    .contains("status: NOERROR");
        }
        Map<String, Long> after = table(stats(container, tender, instance));
        String labels = "device=service,interface=" + tap + "}";
        assertThat(after.get(RX + tap + "}") - before.get(RX + tap + "}")).as("queries in").isEqualTo(5);
        assertThat(after.get(TX + tap + "}") - before.get(TX + tap + "}")).as("answers out").isEqualTo(5);
        long in = after.get("net_rx_bytes{" + labels) - before.get("net_rx_bytes{" + labels);
        long out = after.get("net_tx_bytes{" + labels) - before.get("net_tx_bytes{" + labels);
        assertThat(in % 5).as("five equal queries: %d bytes", in).isZero();
        assertThat(out % 5).as("five equal answers: %d bytes", out).isZero();
        assertThat(out).as("an answer is longer than its query").isGreaterThan(in);
        assertThat(container.insideOk(tender, "stats", instance, "--json"))
                .contains("\"name\" : \"" + instance + "\"", "\"name\" : \"net_rx_packets\"");
        return after;
    }

    /** The rows of {@code tender stats NAME}: {@code family{labels}} (labels as printed) → value. */
    static Map<String, Long> table(String text) {
        Map<String, Long> m = new HashMap<>();
        for (String line : text.lines().skip(2).toList()) {
            String[] f = line.trim().split("\\s+");
            assertThat(f).as(line).hasSize(3);
            m.put(f[0] + "{" + (f[1].equals("-") ? "" : f[1]) + "}", Long.parseUnsignedLong(f[2]));
        }
        return m;
    }

    /** Prometheus text parsed by prometheus_client: {@code name{k="v",...}} → value. */
    static Map<String, Double> prometheus(String text) {
        TestHost local = Hosts.local().require("python3", "python3-prometheus-client");
        TestHost.Result r = local.run(Duration.ofSeconds(60), List.of("sh", "-c",
                "printf '%s' \"$1\" | /usr/bin/python3 -c \"$0\"", PARSE, text));
        assertThat(r.status()).as(r.output()).isZero();
        Map<String, Double> m = new HashMap<>();
        for (String line : r.stdout().lines().toList()) {
            int sp = line.lastIndexOf(' ');
            m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return m;
    }
}
