package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator slips with the real {@code bin/tender systemd install}: an install option after '--' and a symbolic
 * link below --root are refused; {@code --guest-arg} passes a colliding guest argument on purpose.
 */
class SystemdInstallSlipsTest {
    @TempDir
    Path dir;

    private Result install(Path root, List<String> options, String... guest) throws Exception {
        Path image = root.resolve("var/lib/tender/x.hvt");
        Files.createDirectories(image.getParent());
        // A real hvt image: install reads its ABI note to choose the tender.
        Files.copy(Tender.image("test_hello.hvt"), image);
        List<String> args = new ArrayList<>(List.of("systemd", "install", "x", "--root=" + root,
                "--launcher=/opt/tender/bin/tender", "--image=/var/lib/tender/x.hvt"));
        args.addAll(options);
        args.add("--");
        args.addAll(List.of(guest));
        return Tender.run(60, args);
    }

    @Test
    void anInstallOptionAfterTheSeparatorIsRefused() throws Exception {
        Path root = dir.resolve("root");
        Result r = install(root, List.of(), "--ipv4=10.0.0.2/24", "--root=/scratch");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("tender systemd install: --root=/scratch comes after '--', so it would be a "
                + "guest argument; put tender's options before '--'\n"
                + "tender systemd install: if the guest really takes --root=/scratch, give it as "
                + "--guest-arg=--root=/scratch\n");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void guestArgIsTheEscape() throws Exception {
        Path root = dir.resolve("root");
        Result r = install(root, List.of("--guest-arg=--root=/data"), "--ipv4=10.0.0.2/24");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(root.resolve("etc/tender/x.conf")).content()
                .contains("TENDER_ARGS=\"--root=/data --ipv4=10.0.0.2/24\"\n");
    }

    @Test
    void aLinkBelowTheRootLeadsNowhere() throws Exception {
        Path root = dir.resolve("root");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/tender"), outside);
        Result r = install(root, List.of(), "--ipv4=10.0.0.2/24");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender systemd: " + root.resolve("etc/tender")
                + " is a symbolic link; refusing to follow it out of the root " + root + "\n");
        try (var files = Files.list(outside)) {
            assertThat(files).as("nothing written outside the root").isEmpty();
        }
        assertThat(root.resolve("etc/systemd")).doesNotExist();

        Result u = Tender.run("systemd", "uninstall", "x", "--root=" + root);
        assertThat(u.status()).isEqualTo(1);
        assertThat(u.stderr()).contains("is a symbolic link");
    }
}
