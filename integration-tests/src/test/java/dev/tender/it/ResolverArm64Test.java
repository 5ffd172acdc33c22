package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The resolver example as an aarch64 hvt unikernel, in the emulated arm64 host: it boots under
 * {@code tender hvt}, forwards a query to a real dnsmasq, answers dig from inside the namespace, serves the
 * repeat from its cache, and stops on SIGTERM as solo5-hvt does. The full set of resolver tests runs on x86_64
 * ({@link ResolverTest}); this one shows the same image source works on the other architecture.
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
}
