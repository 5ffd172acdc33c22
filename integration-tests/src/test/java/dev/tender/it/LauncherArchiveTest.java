package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tender passes the build's class-data archive to the JVM only while it is newer than every jar it was
 * dumped from (a changed jar makes JDK 17 drop class sharing silently) and was dumped by the JVM it starts. Checked on a copy of the launcher and
 * its target directory, with the JVM's final flag values as the witness.
 */
class LauncherArchiveTest {
    @TempDir
    Path root;
    private Path target;

    @BeforeEach
    void copyLauncher() throws IOException {
        Path realTarget = Tender.ROOT.resolve("cli/target");
        assertThat(realTarget.resolve("tender.jsa")).as("class-data archive written by the build").exists();
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Tender.BIN, root.resolve("bin/tender"), StandardCopyOption.COPY_ATTRIBUTES);
        target = root.resolve("cli/target");
        Files.createDirectories(target.resolve("lib"));
        Instant built = Instant.now().minusSeconds(3600);
        try (Stream<Path> jars = Files.list(realTarget.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                copy(jar, target.resolve("lib").resolve(jar.getFileName()), built);
            }
        }
        copy(realTarget.resolve("tender.jar"), target.resolve("tender.jar"), built);
        copy(realTarget.resolve("tender.jsa"), target.resolve("tender.jsa"), built.plusSeconds(60));
        copy(realTarget.resolve("tender.jsa.jvm"), target.resolve("tender.jsa.jvm"), built.plusSeconds(60));
    }

    private static void copy(Path from, Path to, Instant mtime) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(mtime));
    }

    /** The archive the JVM was told to use, from -XX:+PrintFlagsFinal (the flag is always listed); empty if none. */
    private String archiveInUse() {
        HostProcess p = Hosts.local().start(List.of(root.resolve("bin/tender").toString(), "--version"),
                Map.of("TENDER_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        assertThat(p.waitFor(Duration.ofSeconds(60))).as("tender --version finished").isTrue();
        assertThat(p.exitValue()).as(p.stderr()).isZero();
        // The launcher sends VM output to stderr (stdout is the guest console's).
        return p.stderr().lines().filter(l -> l.contains(" SharedArchiveFile ")).findFirst()
                .map(l -> l.replaceAll(".*SharedArchiveFile\\s*=([^{]*)\\{.*", "$1").trim())
                .orElseThrow(() -> new AssertionError("no SharedArchiveFile in the JVM's flags: " + p.stderr()));
    }

    @Test
    void anArchiveNewerThanEveryJarIsUsed() {
        assertThat(Path.of(archiveInUse()).normalize()).isEqualTo(target.resolve("tender.jsa"));
    }

    @Test
    void oneLibraryJarNewerThanTheArchiveTurnsItOff() throws IOException {
        Files.setLastModifiedTime(target.resolve("lib/jna.jar"), FileTime.from(Instant.now()));
        assertThat(archiveInUse()).isEmpty();
    }

    @Test
    void aNewerTenderJarTurnsItOff() throws IOException {
        Files.setLastModifiedTime(target.resolve("tender.jar"), FileTime.from(Instant.now()));
        assertThat(archiveInUse()).isEmpty();
    }

    /** An archive dumped by another JVM would be rejected with an error line: the launcher leaves it out. */
    @Test
    void anArchiveOfAnotherJvmIsLeftOut() throws IOException {
        Files.writeString(target.resolve("tender.jsa.jvm"), "/opt/some-other-jdk/bin/java\n");
        assertThat(archiveInUse()).isEmpty();
        Files.delete(target.resolve("tender.jsa.jvm"));
        assertThat(archiveInUse()).as("no record of the JVM: no archive").isEmpty();
    }
}
