package dev.tender.it;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;

/**
 * The network tests of {@link NetTestBase} for aarch64 spt images, in the emulated arm64 host: the guest reads and
 * writes its TAPs itself under the aarch64 seccomp filter. Each step may take up to {@link #slowdown()} times as
 * long as on x86_64 (a JVM start costs 10-15 s there).
 */
class SptArm64NetTest extends NetTestBase {
    @Override
    String target() {
        return "spt";
    }

    @Override
    TestHost host() {
        return Hosts.arm64();
    }

    @Override
    String memory() {
        return "2";
    }

    @Override
    Path image(String test) {
        return Tender.ROOT.resolve("guest/build/aarch64/spt").resolve(test + ".spt");
    }

    @Override
    int slowdown() {
        return 4;
    }
}
