package dev.tender.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Values a C compiler computes for a target, read without running anything there: a test resource is compiled
 * (-c) with that target's compiler and headers, each value lands as a {@code "name value"} line in an ELF
 * section of the object, and the section is dumped with the target's objcopy. Used by the layout tests that
 * compare guest and kernel headers with the Java code.
 */
final class CompiledValues {
    /** The project's guest tree, the same for every module's tests. */
    static final Path GUEST = Path.of(System.getProperty("tender.root", "..")).resolve("guest").toAbsolutePath();

    private CompiledValues() {
    }

    /**
     * Compiles {@code resource} (copied to {@code tmp}) with {@code cc} and the {@code includes}, and returns the
     * lines of {@code section}: name (the line up to its last space) to value.
     */
    static Map<String, Long> of(Path tmp, String resource, String section, String cc, String objcopy,
            List<Path> includes) throws Exception {
        Path src = tmp.resolve(resource);
        if (!Files.exists(src)) {
            try (InputStream in = CompiledValues.class.getResourceAsStream("/" + resource)) {
                Files.copy(in, src);
            }
        }
        Path obj = tmp.resolve(cc + "-" + resource + ".o");
        Path dump = tmp.resolve(cc + "-" + resource + ".txt");
        List<String> cmd = new ArrayList<>(List.of(cc, "-std=c11", "-O2", "-ffreestanding", "-Wall", "-Wextra",
                "-Werror", "-c"));
        includes.forEach(i -> cmd.add("-I" + i));
        cmd.addAll(List.of("-o", obj.toString(), src.toString()));
        run(cmd.toArray(new String[0]));
        run(objcopy, "--dump-section", section + "=" + dump, obj.toString());
        Map<String, Long> values = new TreeMap<>();
        for (String line : Files.readAllLines(dump, StandardCharsets.US_ASCII)) {
            int sp = line.lastIndexOf(' ');
            values.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
        }
        return values;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
