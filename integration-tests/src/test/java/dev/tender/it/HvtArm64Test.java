package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import dev.tender.it.host.TestHost.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hvt core tests for aarch64 images, in the emulated arm64 host (its KVM runs them). */
class HvtArm64Test {
    static final Path IMAGES = Tender.ROOT.resolve("guest/build/aarch64/hvt");

    static Result hvt(String... args) {
        TestHost host = Hosts.arm64();
        List<String> argv = new ArrayList<>(List.of(Tender.BIN.toString(), "hvt"));
        argv.addAll(List.of(args));
        return host.run(Duration.ofSeconds(300), argv);
    }

    static String image(String name) {
        Path p = IMAGES.resolve(name);
        assertThat(p).as("aarch64 test image (built by the guest module)").exists();
        return p.toString();
    }

    @Test
    void hello() {
        Result r = hvt("--mem=64", image("test_hello.hvt"), "Hello_Solo5");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Hello, World", "Command line is: 'Hello_Solo5'", "SUCCESS");
        assertThat(r.stderr()).isEmpty();
    }
}
