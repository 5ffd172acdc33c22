package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs an instance below a scratch root and has systemd itself check the result: {@code systemd-analyze
 * verify} (syntax, every key known, executables present, drop-in merged) must print nothing and succeed, and
 * the offline security analysis must rate the sandbox "OK" or better.
 */
class SystemdVerifyTest {
    static final Path TENDER_ROOT = Path.of(System.getProperty("tender.root", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = TENDER_ROOT.resolve("bin/tender");
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    record Run(int status, String output) {
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s timed out", List.of(cmd)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Installer install(Path root, Instance in) throws IOException {
        Path image = root.resolve(in.image().toString().substring(1));
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[] {0x7f, 'E', 'L', 'F'});
        Installer installer = new Installer(root);
        List<Path> written = installer.install(in, Units.template(LAUNCHER, JAVA));
        assertThat(written).containsExactly(installer.templatePath(), installer.configPath(in.name()),
                installer.dropInPath(in.name()));
        return installer;
    }

    private static Instance resolver() {
        return new Instance("resolver", Path.of("/var/lib/tender/resolver.hvt"), ServiceImage.Kind.HVT, 32,
                List.of(Instance.Net.parse("service=tap-resolver")), List.of(),
                List.of(Instance.TapAddress.parse("tap-resolver=10.0.0.1/24")),
                List.of("--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1", "--upstream=192.0.2.53"), null);
    }

    @Test
    void generatedUnitsPassSystemdAnalyzeVerify(@TempDir Path root) throws Exception {
        Installer installer = install(root, resolver());
        Path unit = installer.templatePath().resolveSibling("tender@resolver.service");
        Run verify = run("systemd-analyze", "verify", unit.toString());
        assertThat(verify.output()).as("systemd-analyze verify output").isEmpty();
        assertThat(verify.status()).isZero();
        // The template on its own too (as "systemctl daemon-reload" would load it).
        Run template = run("systemd-analyze", "verify", installer.templatePath().toString());
        assertThat(template.output()).isEmpty();
        assertThat(template.status()).isZero();
    }

    @Test
    void verifyNoticesABrokenDropIn(@TempDir Path root) throws Exception {
        Installer installer = install(root, resolver());
        Files.writeString(installer.dropInPath("resolver"), "[Service]\nMemoryMax=lots\n");
        Run verify = run("systemd-analyze", "verify",
                installer.templatePath().resolveSibling("tender@resolver.service").toString());
        assertThat(verify.output()).as("the drop-in is part of what is verified").contains("50-tender.conf", "lots");
    }

    @Test
    void sandboxIsRatedOk(@TempDir Path root) throws Exception {
        Installer installer = install(root, resolver());
        Run sec = run("systemd-analyze", "security", "--offline=true", "--no-pager",
                installer.templatePath().resolveSibling("tender@resolver.service").toString());
        assertThat(sec.output()).containsPattern("Overall exposure level for tender@resolver.service: [0-4]\\.[0-9] (OK|SAFE)");
    }

    @Test
    void uninstallRemovesTheInstanceButKeepsTheTemplate(@TempDir Path root) throws Exception {
        Installer installer = install(root, resolver());
        List<Path> removed = installer.uninstall("resolver");
        assertThat(removed).containsExactly(installer.configPath("resolver"), installer.dropInPath("resolver"));
        assertThat(installer.dropInPath("resolver").getParent()).doesNotExist();
        assertThat(installer.templatePath()).exists();
        assertThat(installer.uninstall("resolver")).isEmpty();
    }

    @Test
    void installRequiresTheImageOnTheTarget(@TempDir Path root) {
        Installer installer = new Installer(root);
        List<String> noArgs = new ArrayList<>();
        Instance in = new Instance("x", Path.of("/var/lib/tender/missing.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(), List.of(),
                noArgs, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> installer.install(in, "unit"))
                .isInstanceOf(DeployException.class).hasMessageContaining("image not found");
    }
}
