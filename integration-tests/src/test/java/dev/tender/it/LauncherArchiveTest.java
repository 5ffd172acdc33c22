package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.HostProcess;
import dev.tender.it.host.Hosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bin/tender's choice of JVM and start-up archive, on a copy of the launcher and its target directory with the
 * build's archives, the JVM's final flag values as the witness: an archive is passed only to the JVM release
 * that recorded it and only while tender.jar has not changed since; a changed jar runs without it, silently,
 * until bin/tender-cds records a new one. Run for Debian's JDK 17 (class-data archive) and for the newest JDK
 * installed (Temurin 25 on these machines: AOT cache).
 */
class LauncherArchiveTest {
    @TempDir
    Path root;
    private Path target;

    static List<Jdk> jdks() {
        return Jdk.testedHere();
    }

    @BeforeEach
    void copyLauncher() throws IOException {
        Path realTarget = Tender.ROOT.resolve("cli/target");
        Files.createDirectories(root.resolve("bin"));
        for (String script : List.of("tender", "tender-jvm", "tender-cds")) {
            Files.copy(Tender.ROOT.resolve("bin").resolve(script), root.resolve("bin").resolve(script),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(root.resolve("guest"));
        Files.createSymbolicLink(root.resolve("guest/build"), Tender.ROOT.resolve("guest/build"));
        target = root.resolve("cli/target");
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("jna-native"), realTarget.resolve("jna-native"));
        Instant built = Instant.now().minusSeconds(3600);
        copy(realTarget.resolve("tender.jar"), target.resolve("tender.jar"), built);
        for (Jdk jdk : jdks()) {
            String name = jdk.archiveName();
            assertThat(realTarget.resolve(name)).as("archive the build recorded for " + jdk).exists();
            copy(realTarget.resolve(name), target.resolve(name), built.plusSeconds(60));
            copy(realTarget.resolve(name + ".stamp"), target.resolve(name + ".stamp"), built.plusSeconds(60));
        }
    }

    private static void copy(Path from, Path to, Instant mtime) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(mtime));
    }

    private HostProcess launch(Map<String, String> env, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(root.resolve("bin/tender").toString()));
        argv.addAll(List.of(args));
        HostProcess p = Hosts.local().start(argv, env);
        assertThat(p.waitFor(Duration.ofSeconds(60))).as("bin/tender finished").isTrue();
        return p;
    }

    /** The archive the JVM was told to use (AOTCache or SharedArchiveFile, from -XX:+PrintFlagsFinal); empty if none. */
    private String archiveInUse(Jdk jdk) {
        Map<String, String> env = jdk.environment();
        env.put("TENDER_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        HostProcess p = launch(env, "--version");
        assertThat(p.exitValue()).as(p.stderr()).isZero();
        assertThat(p.stdout()).startsWith("tender ");
        String flag = jdk.major() >= 25 ? "AOTCache" : "SharedArchiveFile";
        // The launcher sends VM output to stderr (stdout is the guest console's).
        return p.stderr().lines().filter(l -> l.contains(" " + flag + " ")).findFirst()
                .map(l -> l.replaceAll(".*" + flag + "\\s*=([^{]*)\\{.*", "$1").trim())
                .orElseThrow(() -> new AssertionError("no " + flag + " in the JVM's flags: " + p.stderr()));
    }

    private Path archiveOf(Jdk jdk) {
        return target.resolve(jdk.archiveName());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theArchiveOfTheJvmThatRecordedItIsUsed(Jdk jdk) {
        assertThat(Path.of(archiveInUse(jdk)).normalize()).isEqualTo(archiveOf(jdk));
    }

    /** A jar with other bytes runs without the stale archive, then with the one bin/tender-cds records for it. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aChangedJarRunsWithoutTheStaleArchiveUntilItIsRecordedAgain(Jdk jdk) throws IOException {
        Path jar = target.resolve("tender.jar");
        byte[] before = Files.readAllBytes(jar);
        rewriteWithExtraEntry(jar);
        assertThat(Files.readAllBytes(jar)).isNotEqualTo(before);
        assertThat(archiveInUse(jdk)).isEmpty();

        HostProcess spt = launch(jdk.environment(), "spt", "--mem=2", SptCoreTest.sptImage("test_hello.spt").toString());
        assertThat(spt.exitValue()).isZero();
        assertThat(spt.stdout()).contains("Hello, World");
        assertThat(spt.stderr()).as("nothing alarming without the archive").isEmpty();

        HostProcess record = Hosts.local().start(List.of(root.resolve("bin/tender-cds").toString()), jdk.environment());
        assertThat(record.waitFor(Duration.ofSeconds(120))).isTrue();
        assertThat(record.exitValue()).as(record.stderr()).isZero();
        assertThat(Path.of(archiveInUse(jdk)).normalize()).isEqualTo(archiveOf(jdk));
        assertThat(Files.getLastModifiedTime(archiveOf(jdk)).toInstant()).isAfter(Instant.now().minusSeconds(600));
    }

    private static void rewriteWithExtraEntry(Path jar) throws IOException {
        Path rewritten = jar.resolveSibling("rewritten.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("changed-by-the-test.txt"));
            out.write("a jar with other bytes\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anArchiveOfAnotherJvmReleaseOrArchitectureIsLeftOut(Jdk jdk) throws IOException {
        Path stamp = target.resolve(jdk.archiveName() + ".stamp");
        String recorded = Files.readString(stamp).trim();
        assertThat(recorded).isEqualTo(jdk.release() + " " + Jdk.machine());
        Files.writeString(stamp, "17.0.0+0-some-other-build x86_64\n");
        assertThat(archiveInUse(jdk)).isEmpty();
        Files.writeString(stamp, jdk.release() + " riscv64\n");
        assertThat(archiveInUse(jdk)).as("the same release for another architecture").isEmpty();
        Files.delete(stamp);
        assertThat(archiveInUse(jdk)).as("no stamp: no archive").isEmpty();
    }

    /** The JVM that ran, from -XshowSettings:properties (printed on stderr). */
    private String javaHomeOf(Map<String, String> env) {
        env.put("TENDER_JAVA_OPTS", "-XshowSettings:properties");
        HostProcess p = launch(env, "--version");
        assertThat(p.exitValue()).as(p.stderr()).isZero();
        return p.stderr().lines().filter(l -> l.trim().startsWith("java.home = ")).findFirst()
                .map(l -> l.trim().substring("java.home = ".length()))
                .orElseThrow(() -> new AssertionError("no java.home: " + p.stderr()));
    }

    @Test
    void theJvmIsJavaThenJavaHomeThenTheNewestInstalledJdk() {
        Jdk oldest = jdks().get(0);
        Jdk newest = Jdk.newestInstalled();
        Map<String, String> env = new HashMap<>(Map.of("JAVA", "", "JAVA_HOME", ""));
        assertThat(javaHomeOf(env)).as("neither set").isEqualTo(newest.home().toString());
        env.put("JAVA_HOME", oldest.home().toString());
        assertThat(javaHomeOf(env)).as("JAVA_HOME").isEqualTo(oldest.home().toString());
        env.put("JAVA", newest.home().resolve("bin/java").toString());
        assertThat(javaHomeOf(env)).as("JAVA before JAVA_HOME").isEqualTo(newest.home().toString());
    }

    @Test
    void aJdkOlderThan17IsRefusedInOneLine() throws IOException {
        Path old = root.resolve("jdk-11");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"11.0.2\"\nJAVA_RUNTIME_VERSION=\"11.0.2+9\"\n");
        Path java = old.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nexit 99\n");
        java.toFile().setExecutable(true);
        HostProcess p = launch(new HashMap<>(Map.of("JAVA", "", "JAVA_HOME", old.toString())), "--version");
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(p.stderr()).isEqualTo("tender: tender needs Java 17 or newer; " + java
                + " is Java 11 (set JAVA or JAVA_HOME)\n");
        assertThat(p.stdout()).isEmpty();
    }
}
