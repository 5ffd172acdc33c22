package dev.tender.it;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;

/**
 * The network tests of {@link HvtNetTestBase} for aarch64 hvt images, in the emulated arm64 host: echo under a
 * flood ping, two interfaces, MTU, ring I/O through the MMIO doorbell, a doorbell storm, and the attach errors. Each step may take up to
 * {@link #slowdown()} times as long as on x86_64: a JVM starts in 10-15 s there and the guest runs on KVM inside
 * software emulation.
 */
class HvtArm64NetTest extends HvtNetTestBase {
    @Override
    TestHost host() {
        return Hosts.arm64();
    }

    @Override
    String memory() {
        return "4096";
    }

    @Override
    Path image(String test) {
        return HvtArm64Test.IMAGES.resolve(test + ".hvt");
    }

    @Override
    int slowdown() {
        return 4;
    }
}
