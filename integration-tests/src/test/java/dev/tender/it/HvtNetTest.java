package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Network unikernels on hvt (ring I/O included); the shared tests are in {@link HvtNetTestBase}. */
class HvtNetTest extends HvtNetTestBase {
    @Override
    TestHost host() {
        return Hosts.kvm();
    }

    @Override
    String memory() {
        return "4096";
    }

    @Override
    Path image(String test) {
        return Tender.image(test + ".hvt");
    }

    @Test
    void fixedMacAndSigterm() throws Exception {
        Running t = withFixedMac();
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
    }
}
