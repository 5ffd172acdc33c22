package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulated arm64 host proves itself: its KVM runs guest code (the project's own smoke program, a static
 * aarch64 binary), and tender's launcher and JVM work there. aarch64 unikernels join when the tender runs them.
 */
class Arm64HostTest {
    private static final Path SMOKE = Tender.ROOT.resolve("integration-tests/target/kvm-smoke-aarch64");
    private static TestHost host;

    @BeforeAll
    static void boot() throws Exception {
        TestHost local = Hosts.local().require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross");
        Files.createDirectories(SMOKE.getParent());
        local.ok("aarch64-linux-gnu-gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", SMOKE.toString(),
                Tender.ROOT.resolve("test-hosts/kvm-smoke.c").toString());
        host = Hosts.arm64();
    }

    @Test
    void isAnArm64LinuxWithKvm() {
        assertThat(host.ok("uname", "-m").trim()).isEqualTo("aarch64");
        assertThat(host.ok("ls", "-l", "/dev/kvm")).startsWith("c");
    }

    @Test
    void kvmRunsGuestCodeUntilAnMmioExit() {
        TestHost.Result r = host.run(Duration.ofSeconds(120), List.of(SMOKE.toString()));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).isEqualTo("kvm-smoke: ok: the guest wrote 0x2a to 0x40000000 (KVM_EXIT_MMIO, 4 bytes)\n");
    }

    /** elftool on the arm64 JVM reads the aarch64 image as elftool here reads the x86_64 one. */
    @Test
    void tenderRunsOnTheArm64Jvm() {
        String aarch64 = Tender.ROOT.resolve("guest/build/aarch64/hvt/test_hello.hvt").toString();
        assertThat(Path.of(aarch64)).as("aarch64 test image (built by the guest module)").exists();
        TestHost.Result here = Hosts.local().run(Duration.ofSeconds(60), List.of(Tender.BIN.toString(), "elftool",
                "query-manifest", Tender.image("test_hello.hvt").toString()));
        TestHost.Result there = host.run(Duration.ofSeconds(300), List.of(Tender.BIN.toString(), "elftool",
                "query-manifest", aarch64));
        assertThat(there.status()).as(there.output()).isZero();
        assertThat(there.stderr()).as("nothing from the JVM (class-data archive of another architecture)").isEmpty();
        assertThat(there.stdout()).isEqualTo(here.stdout()).contains("\"type\": \"solo5.manifest\"");
        TestHost.Result abi = host.run(Duration.ofSeconds(300), List.of(Tender.BIN.toString(), "elftool", "query-abi",
                aarch64));
        assertThat(abi.status()).as(abi.output()).isZero();
        assertThat(abi.stdout()).contains("hvt");
    }
}
