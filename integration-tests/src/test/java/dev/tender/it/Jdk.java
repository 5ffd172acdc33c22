package dev.tender.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A JDK installed under /usr/lib/jvm, as its release file describes it (the way bin/tender-jvm reads it). */
record Jdk(Path home, int major, String release) {
    static final Path JVMS = Path.of("/usr/lib/jvm");
    /** Debian's default JDK, the minimum tender supports. */
    static final Path DEBIAN_17 = JVMS.resolve("java-17-openjdk-amd64");

    static Jdk of(Path home) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = fields.getOrDefault("JAVA_VERSION", "0");
        int major = Integer.parseInt(version.replaceAll("^1\\.", "").replaceAll("[^0-9].*", ""));
        return new Jdk(home, major, fields.getOrDefault("JAVA_RUNTIME_VERSION", version));
    }

    /** Every JDK directory (not symlink) with a java executable and a release file. */
    static List<Jdk> installed() {
        try (Stream<Path> dirs = Files.list(JVMS)) {
            return dirs.filter(d -> !Files.isSymbolicLink(d) && Files.isExecutable(d.resolve("bin/java"))
                    && Files.isRegularFile(d.resolve("release"))).map(Jdk::of)
                    .sorted(Comparator.comparingInt(Jdk::major)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What bin/tender picks with neither JAVA nor JAVA_HOME: the highest major, the first of equals by name. */
    static Jdk newestInstalled() {
        Jdk best = null;
        for (Jdk j : installed().stream().sorted(Comparator.comparing(j -> j.home().toString())).toList()) {
            if (j.major() >= 17 && (best == null || j.major() > best.major())) {
                best = j;
            }
        }
        if (best == null) {
            throw new AssertionError("no Java 17+ JDK under " + JVMS);
        }
        return best;
    }

    /** Debian's JDK 17 and, when one is installed, the newest JDK (25+ here, with an AOT cache). */
    static List<Jdk> testedHere() {
        List<Jdk> jdks = new ArrayList<>(List.of(of(DEBIAN_17)));
        Jdk newest = newestInstalled();
        if (newest.major() > 17) {
            jdks.add(newest);
        }
        return jdks;
    }

    /** bin/tender's archive file for this JDK on this machine (bin/tender-jvm, start_archive). */
    String archiveName() {
        return "tender." + machine() + ".jdk" + major + (major >= 25 ? ".aot" : ".jsa");
    }

    /** The kernel's name for the machine architecture, as bin/tender reads it. */
    static String machine() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/arch")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An environment that makes bin/tender pick this JDK. */
    Map<String, String> environment() {
        return new HashMap<>(Map.of("JAVA", "", "JAVA_HOME", home.toString()));
    }

    @Override
    public String toString() {
        return release;
    }
}
