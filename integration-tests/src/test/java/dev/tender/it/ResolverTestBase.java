package dev.tender.it;

import static dev.tender.it.Tender.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the resolver tests share: each test runs the resolver example (examples/resolver) in a network namespace
 * of its own, in which the host end of TAP {@code tap0} is 10.0.0.1/24 (the guest's gateway), the resolver is
 * 10.0.0.2, and the upstream is a real dnsmasq listening on 10.53.0.1 (an address on the namespace's loopback,
 * so the guest reaches it through its gateway). dig and the hand-made packets come from inside the namespace;
 * nothing leaves it, and the namespace is deleted after the test.
 */
abstract class ResolverTestBase {
    static final String UPSTREAM = "10.53.0.1";
    static final String RESOLVER = "10.0.0.2";
    static final String TAP = "tap0";

    @TempDir
    Path tmp;
    NetNs ns;
    /** The resolver a test started, if any. */
    Running resolver;

    /** Where the resolver runs: a host with KVM of this machine's architecture. */
    TestHost host() {
        return Hosts.kvm();
    }

    /** The resolver image the host runs. */
    Path resolverImage() {
        return image("resolver.hvt");
    }

    /** How many times longer than on x86_64 the resolver may take to start (a JVM in emulated arm64: 4). */
    int slowdown() {
        return 1;
    }

    @BeforeEach
    void namespace() {
        ns = new NetNs(host().require("dnsmasq", "dnsmasq-base").require("dig", "bind9-dnsutils")
                .require("ping", "iputils-ping"));
        ns.exec("ip", "link", "set", "lo", "up");
        ns.exec("ip", "addr", "add", UPSTREAM + "/32", "dev", "lo");
        ns.tap(TAP, "10.0.0.1/24", 1500);
    }

    @AfterEach
    void cleanup() {
        ns.close();
    }

    /** dnsmasq as the upstream: a few local names, every query logged. Returns once it has started. */
    void startUpstream() throws Exception {
        ns.background("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--user=root", "--group=root", "--listen-address=" + UPSTREAM, "--bind-interfaces", "--port=53",
                "--pid-file=" + tmp.resolve("dnsmasq.pid"), "--log-queries",
                "--log-facility=" + upstreamLog(), "--local=/example.test/", "--local-ttl=60",
                "--host-record=www.example.test,10.1.2.3,300",
                "--host-record=short.example.test,10.1.2.4,8",
                "--host-record=v6.example.test,fd00::53,300",
                "--txt-record=txt.example.test,tender resolver");
        for (int i = 0; i < 100 && !upstreamText().contains("started, version"); i++) {
            Thread.sleep(100);
        }
        assertThat(upstreamText()).as("dnsmasq log").contains("started, version");
    }

    private Path upstreamLog() {
        return tmp.resolve("dnsmasq.log");
    }

    private String upstreamText() throws IOException {
        return Files.exists(upstreamLog()) ? Files.readString(upstreamLog()) : "";
    }

    /** How often the upstream was asked {@code type} for {@code name}. */
    long upstreamQueries(String type, String name) throws IOException {
        String needle = "query[" + type + "] " + name + " from " + RESOLVER;
        return upstreamText().lines().filter(l -> l.contains(needle)).count();
    }

    /** Boots resolver.hvt with {@code upstream} and {@code --verbose}; returns once it serves. */
    Running startResolver(String upstream) throws InterruptedException {
        Running r = Tender.startIn(ns, resolverCommand(upstream, "--verbose"));
        r.awaitOutput("resolver: ready, serving DNS on 10.0.0.2:53", 60 * slowdown());
        return r;
    }

    /** Boots resolver.hvt with {@code upstream}, the tender's environment extended by {@code env}. */
    Running startResolver(String upstream, Map<String, String> env) {
        return Tender.startIn(ns, resolverCommand(upstream), env);
    }

    private List<String> resolverCommand(String upstream, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("hvt", "--mem=32", "--net:service=" + TAP, "--",
                resolverImage().toString(), "--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1",
                "--upstream=" + upstream));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** dig asking the resolver (two tries, 4 s each), with {@code args}; its output. */
    String dig(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dig", "@" + RESOLVER, "+tries=2", "+time=4"));
        cmd.addAll(List.of(args));
        return ns.exec(cmd.toArray(new String[0]));
    }

    /** Runs {@link ResolverProbe} with {@code args} inside the namespace; its output. */
    String runProbe(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ResolverProbe.class.getName()));
        cmd.addAll(args);
        return ns.exec(cmd.toArray(new String[0]));
    }
}
