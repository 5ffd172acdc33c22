package dev.tender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.manifest.TestElf;
import dev.tender.manifest.elf.ElfImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator slips in {@code tender systemd install}: options after '--', and links below --root. */
class SystemdInstallTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() throws IOException {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Path image = dir.resolve("root/var/lib/tender/x.hvt");
        Files.createDirectories(image.getParent());
        TestElf.solo5Image(1, ElfImage.hostMachine()).write(image.getParent(), "x.hvt");
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** {@code tender systemd install x --root=ROOT ... OPTIONS -- GUEST...}. */
    private int install(List<String> options, String... guest) {
        List<String> args = new ArrayList<>(List.of("systemd", "install", "x", "--root=" + dir.resolve("root"),
                "--launcher=/opt/tender/bin/tender", "--java=/usr/bin/java", "--image=/var/lib/tender/x.hvt"));
        args.addAll(options);
        args.add("--");
        args.addAll(List.of(guest));
        return Main.run("tender", args);
    }

    private String config() throws IOException {
        return Files.readString(dir.resolve("root/etc/tender/x.conf"));
    }

    @Test
    void anInstallOptionAfterTheSeparatorIsRefused() {
        assertThat(install(List.of(), "--ipv4=10.0.0.2/24", "--root=/scratch")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("tender systemd install: --root=/scratch comes after '--', so it would be a "
                + "guest argument; put tender's options before '--'\n"
                + "tender systemd install: if the guest really takes --root=/scratch, give it as "
                + "--guest-arg=--root=/scratch\n");
        assertThat(dir.resolve("root/etc")).doesNotExist();
    }

    @Test
    void optionsWithoutAValueAndFlagsAreRefusedToo() {
        for (String slip : List.of("--now", "--print", "--mem", "--image=/other.hvt", "--guest-arg=a", "--help")) {
            err.reset();
            assertThat(install(List.of(), "--ipv4=10.0.0.2/24", slip)).as(slip).isEqualTo(2);
            assertThat(stderr()).startsWith("tender systemd install: " + slip + " comes after '--'");
        }
    }

    @Test
    void guestArgumentsThatDoNotCollideAreAccepted() throws IOException {
        assertThat(install(List.of(), "--ipv4=10.0.0.2/24", "--rooted", "--memory", "-x", "root=/scratch"))
                .as("%s", err).isZero();
        assertThat(config()).contains("TENDER_ARGS=\"--ipv4=10.0.0.2/24 --rooted --memory -x root=/scratch\"\n");
    }

    @Test
    void guestArgPassesACollidingArgumentOnPurpose() throws IOException {
        assertThat(install(List.of("--guest-arg=--root=/data", "--guest-arg", "--now"), "--ipv4=10.0.0.2/24"))
                .as("%s", err).isZero();
        assertThat(config()).contains("TENDER_ARGS=\"--root=/data --now --ipv4=10.0.0.2/24\"\n");
        assertThat(dir.resolve("root/etc/systemd/system/tender@.service")).exists();
    }

    @Test
    void theHelpExplainsTheEscape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("tender", List.of("systemd", "install", "--help"))).isZero();
        } finally {
            System.setOut(savedOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--guest-arg=ARG", "options after '--' is refused as a slip", "really looks like one with --guest-arg=--root=/data.");
    }

    @Test
    void aLinkBelowTheRootIsRefusedAndNothingIsWrittenOutside() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(dir.resolve("root/etc"));
        Files.createSymbolicLink(dir.resolve("root/etc/tender"), outside);
        assertThat(install(List.of(), "--ipv4=10.0.0.2/24")).isEqualTo(1);
        assertThat(stderr()).contains("tender systemd: " + dir.resolve("root/etc/tender")
                + " is a symbolic link; refusing to follow it out of the root " + dir.resolve("root") + "\n");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
