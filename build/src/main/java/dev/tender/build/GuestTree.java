package dev.tender.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The project's guest runtime sources ({@code guest/} of the tender checkout): what is compiled for each
 * target context, in which order, and which files the runtime build depends on.
 *
 * <pre>
 *   include/            solo5.h, mft_abi.h, guestlib.h (public to unikernels)
 *   lib/                string.c vsnprintf.c (runtime and applications), printf.c (applications)
 *   runtime/*.c         target-independent runtime + the hvt platform layer
 *   runtime/ARCH/       hvt CPU set-up and trap entry (cpu_ARCH.c, *.S)
 *   runtime-spt/        the spt platform layer
 *   runtime/solo5_hvt.lds, runtime-spt/solo5_spt.lds
 * </pre>
 */
public final class GuestTree {
    /** The runtime files that hvt and spt share (the rest of runtime/ is hvt's platform layer). */
    static final List<String> SPT_SHARED = List.of("abort.c", "cmdline.c", "log.c", "mem.c", "mft.c", "tls.c");
    /** Built into the runtime (privately) and, separately, linked into applications. */
    static final List<String> LIB = List.of("lib/string.c", "lib/vsnprintf.c");
    /** The application-side library ("guestlib"). */
    static final List<String> GUESTLIB = List.of("lib/string.c", "lib/vsnprintf.c", "lib/printf.c");

    private final Path dir;

    private GuestTree(Path dir) {
        this.dir = dir;
    }

    public static GuestTree at(Path dir) throws BuildException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(d.resolve("runtime/solo5_hvt.lds"))) {
            throw new BuildException(dir + ": not a tender guest tree (no runtime/solo5_hvt.lds)");
        }
        try {
            return new GuestTree(d.toRealPath());
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the guest tree: {@code override}, else {@code $TENDER_GUEST}, else {@code guest/} of the
     * checkout that holds this class (cli/target/lib/build.jar or build/target/classes).
     */
    public static GuestTree locate(Path override, Map<String, String> env) throws BuildException {
        if (override != null) {
            return at(override);
        }
        String e = env.get("TENDER_GUEST");
        if (e != null && !e.isEmpty()) {
            return at(Path.of(e));
        }
        String root = System.getProperty("tender.root");
        if (root != null && Files.isRegularFile(Path.of(root, "guest/runtime/solo5_hvt.lds"))) {
            return at(Path.of(root, "guest"));
        }
        try {
            Path p = Path.of(GuestTree.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("guest/runtime/solo5_hvt.lds"))) {
                    return at(p.resolve("guest"));
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException ignored) {
            // fall through
        }
        throw new BuildException("cannot find the guest runtime sources; pass --guest DIR or set TENDER_GUEST");
    }

    public Path dir() {
        return dir;
    }

    /** One compilation unit of the runtime: a path relative to the tree, and whether it is a lib/ file. */
    record Unit(String path, boolean lib) {
        String objectName() {
            return path.replace('/', '_').replaceAll("\\.[cS]$", "") + ".o";
        }
    }

    /**
     * The runtime's units in link order. hvt: the C files of runtime/ and runtime/ARCH/ sorted by file name,
     * then runtime/ARCH/*.S, then lib/. spt: the shared runtime files, runtime-spt/*.c, then lib/.
     */
    List<Unit> runtimeUnits(Context c) {
        List<Unit> units = new ArrayList<>();
        if (c.target() == Target.HVT) {
            List<String> cs = new ArrayList<>(list("runtime", ".c"));
            cs.addAll(list("runtime/" + c.arch().id(), ".c"));
            cs.sort(Comparator.comparing((String s) -> s.substring(s.lastIndexOf('/') + 1)));
            cs.forEach(s -> units.add(new Unit(s, false)));
            list("runtime/" + c.arch().id(), ".S").forEach(s -> units.add(new Unit(s, false)));
        } else {
            SPT_SHARED.forEach(s -> units.add(new Unit("runtime/" + s, false)));
            list("runtime-spt", ".c").forEach(s -> units.add(new Unit(s, false)));
        }
        LIB.forEach(s -> units.add(new Unit(s, true)));
        return units;
    }

    /** {@code -I} directories of the runtime, relative to the tree. */
    List<String> runtimeIncludes(Target t) {
        return t == Target.HVT ? List.of("include", "runtime") : List.of("include", "runtime", "runtime-spt");
    }

    Path linkerScript(Target t) {
        return dir.resolve(t == Target.HVT ? "runtime/solo5_hvt.lds" : "runtime-spt/solo5_spt.lds");
    }

    Path includeDir() {
        return dir.resolve("include");
    }

    /** Every file a context's runtime and guestlib depend on, by path relative to the tree. */
    SortedMap<String, Path> inputs(Context c) {
        SortedMap<String, Path> m = new TreeMap<>();
        walk("include", true, m);
        walk("lib", true, m);
        walk("runtime", false, m);
        walk("runtime/" + c.arch().id(), true, m);
        if (c.target() == Target.SPT) {
            walk("runtime-spt", false, m);
        }
        return m;
    }

    private void walk(String sub, boolean recursive, SortedMap<String, Path> into) {
        Path base = dir.resolve(sub);
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> s = recursive ? Files.walk(base) : Files.list(base)) {
            s.filter(Files::isRegularFile).forEach(p -> into.put(dir.relativize(p).toString(), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> list(String sub, String suffix) {
        Path base = dir.resolve(sub);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix)).sorted().map(n -> sub + "/" + n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
