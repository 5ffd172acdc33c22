package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * www.spt behind a bad link: the client one routed hop away over a veth pair with tc netem on both ends (1 % loss,
 * 5 ms ± 2 ms delay, 5 % of packets reordered, each direction), 200 downloads over keep-alive connections (ten of
 * them of a 1 MiB file), every one complete and byte for byte right, and netem seen dropping on the way to the
 * client. Runs where netem exists ({@link Hosts#netem}: this machine's kernel has none, the
 * emulated x86_64 host loads sch_netem).
 */
class WwwLossyLinkTest extends WwwFixture {
    @Override
    String kind() {
        return "spt";
    }

    @Override
    TestHost host() {
        return Hosts.netem().require("tc", "iproute2");
    }

    @Test
    void twoHundredDownloadsOverALossyReorderingLinkAllArriveIntact() throws Exception {
        // The client sits one hop away, in a namespace of its own behind a veth pair, so that netem can delay,
        // drop and reorder both directions (a qdisc acts on what an interface sends).
        try (NetNs client = new NetNs(ns.host)) {
            ns.exec("ip", "link", "add", "vwww", "type", "veth", "peer", "name", "vcli", "netns", client.name);
            ns.exec("ip", "addr", "add", "10.1.0.1/24", "dev", "vwww");
            ns.exec("ip", "link", "set", "vwww", "up");
            ns.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
            client.exec("ip", "link", "set", "lo", "up");
            client.exec("ip", "addr", "add", "10.1.0.2/24", "dev", "vcli");
            client.exec("ip", "link", "set", "vcli", "up");
            client.exec("ip", "route", "add", "10.0.0.0/24", "via", "10.1.0.1");
            for (NetNs side : List.of(ns, client)) {
                side.exec("tc", "qdisc", "add", "dev", side == ns ? "vwww" : "vcli", "root", "netem", "delay", "5ms",
                        "2ms", "loss", "1%", "reorder", "5%", "50%");
            }
            downloadTwoHundred(client);
        }
    }

    private void downloadTwoHundred(NetNs client) throws Exception {
        List<Path> files = siteFilesButTheBigOne();
        Path got = Files.createDirectories(WORK.resolve("lossy"));
        StringBuilder config = new StringBuilder();
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path f = i % 20 == 0 ? WORK.resolve("www/site/mid.bin") : files.get(i % files.size());
            expected.add(f);
            config.append("url = \"http://").append(WWW).append('/').append(WORK.resolve("www/site").relativize(f))
                    .append("\"\noutput = \"").append(got.resolve("d" + i)).append("\"\n");
        }
        Path cfg = got.resolve("curl.cfg");
        Files.writeString(cfg, config);
        String out;
        try {
            out = client.exec("curl", "-sS", "-f", "--max-time", "120", "-w", "%{http_code}\n", "-K", cfg.toString());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nwww (" + (www.isAlive() ? "running" : "exited") + "): "
                    + www.outputSoFar(), e);
        }
        assertThat(out.lines().filter(l -> l.equals("200")).count()).as(out).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            assertThat(Files.readAllBytes(got.resolve("d" + i))).as("download %d of %s", i, expected.get(i))
                    .isEqualTo(Files.readAllBytes(expected.get(i)));
        }
        String qdisc = ns.exec("tc", "-s", "qdisc", "show", "dev", "vwww");
        java.util.regex.Matcher dropped = java.util.regex.Pattern.compile("dropped (\\d+)").matcher(qdisc);
        assertThat(dropped.find()).as(qdisc).isTrue();
        assertThat(Long.parseLong(dropped.group(1))).as("packets netem dropped on the way to the client: %s", qdisc)
                .isPositive();
    }
}
