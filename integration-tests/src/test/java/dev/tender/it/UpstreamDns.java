package dev.tender.it;

import java.util.ArrayList;
import java.util.List;

/**
 * The upstream resolver the resolver unikernels of the container tests ask: dnsmasq on the container's loopback
 * at 10.53.0.1, authoritative for example.test with the given records, logging its queries to /run/dnsmasq.log.
 */
final class UpstreamDns {
    static final String ADDRESS = "10.53.0.1";

    private UpstreamDns() {
    }

    /** Starts it as the transient unit upstream-dns.service, unless it runs already. */
    static void startIn(NspawnContainer container, String... hostRecords) {
        if (container.inside(30, "systemctl", "is-active", "upstream-dns.service").stdout().trim().equals("active")) {
            return;
        }
        container.insideOk("ip", "link", "set", "lo", "up");
        container.insideOk("ip", "addr", "add", ADDRESS + "/32", "dev", "lo");
        List<String> cmd = new ArrayList<>(List.of("systemd-run", "--unit=upstream-dns", "--service-type=exec",
                "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--user=root",
                "--group=root", "--listen-address=" + ADDRESS, "--bind-interfaces", "--log-queries",
                "--log-facility=/run/dnsmasq.log", "--local=/example.test/"));
        for (String r : hostRecords) {
            cmd.add("--host-record=" + r);
        }
        container.insideOk(cmd.toArray(new String[0]));
    }
}
