package dev.tender.builder;

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
 *   include/                 solo5.h, mft_abi.h, guestlib.h, cycles.h (public to unikernels)
 *   lib/                     string.c vsnprintf.c (runtime and applications), printf.c (applications)
 *   runtime/common/          the target-independent runtime, compiled for every target
 *   runtime/TARGET/          a target's platform layer, headers and solo5_TARGET.lds
 *   runtime/TARGET/ARCH/     its architecture-specific part (CPU set-up, trap entry), if any
 * </pre>
 *
 * Which files a target compiles follows from the layout alone: common/, then TARGET/ and TARGET/ARCH/.
 */
public final class GuestTree {
    /** The target-independent runtime, relative to the tree. */
    static final String COMMON = "runtime/common";
    /** A file every guest tree has, by which {@link #at} and {@link #locate} recognise one. */
    private static final String MARKER = COMMON + "/runtime.h";
    /** Built into the runtime (privately) and, separately, linked into applications. */
    static final List<String> LIB = List.of("lib/string.c", "lib/vsnprintf.c");
    /** The application-side library ("guestlib"). */
    static final List<String> GUESTLIB = List.of("lib/string.c", "lib/vsnprintf.c", "lib/printf.c");

    /** The network stack library: C sources and its public header netstack.h, compiled per project using it. */
    static final String NETSTACK = "netstack";

    private final Path dir;

    private GuestTree(Path dir) {
        this.dir = dir;
    }

    public static GuestTree at(Path dir) throws BuildException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(d.resolve(MARKER))) {
            throw new BuildException(dir + ": not a tender guest tree (no " + MARKER + ")");
        }
        try {
            return new GuestTree(d.toRealPath());
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the guest tree: {@code override}, else {@code $TENDER_GUEST}, else {@code guest/} of the
     * checkout that holds this class (cli/target/lib/image-builder.jar or image-builder/target/classes).
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
        if (root != null && Files.isRegularFile(Path.of(root, "guest", MARKER))) {
            return at(Path.of(root, "guest"));
        }
        try {
            Path p = Path.of(GuestTree.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("guest").resolve(MARKER))) {
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

    /** A target's platform layer, relative to the tree: {@code runtime/hvt}, {@code runtime/spt}. */
    static String platformDir(Target t) {
        return "runtime/" + t.id();
    }

    /** The architecture-specific part of a target's platform layer (may not exist). */
    static String archDir(Context c) {
        return platformDir(c.target()) + "/" + c.arch().id();
    }

    /**
     * The runtime's units in link order: the C files of common/, TARGET/ and TARGET/ARCH/, then
     * TARGET/ARCH/*.S, then lib/. hvt orders the C files of all three directories by file name as one list;
     * spt takes common/ first, then its own (the order each target's images were always linked in).
     */
    List<Unit> runtimeUnits(Context c) {
        List<String> cs = new ArrayList<>(list(COMMON, ".c"));
        List<String> own = new ArrayList<>(list(platformDir(c.target()), ".c"));
        own.addAll(list(archDir(c), ".c"));
        if (c.target() == Target.HVT) {
            cs.addAll(own);
            cs.sort(Comparator.comparing((String s) -> s.substring(s.lastIndexOf('/') + 1)));
        } else {
            own.sort(Comparator.comparing((String s) -> s.substring(s.lastIndexOf('/') + 1)));
            cs.addAll(own);
        }
        List<Unit> units = new ArrayList<>();
        cs.forEach(s -> units.add(new Unit(s, false)));
        list(archDir(c), ".S").forEach(s -> units.add(new Unit(s, false)));
        LIB.forEach(s -> units.add(new Unit(s, true)));
        return units;
    }

    /** {@code -I} directories of the runtime, relative to the tree. */
    List<String> runtimeIncludes(Target t) {
        return List.of("include", COMMON, platformDir(t));
    }

    Path linkerScript(Target t) {
        return dir.resolve(platformDir(t) + "/solo5_" + t.id() + ".lds");
    }

    Path includeDir() {
        return dir.resolve("include");
    }

    /** Every file a context's runtime and guestlib depend on, by path relative to the tree. */
    SortedMap<String, Path> inputs(Context c) {
        SortedMap<String, Path> m = new TreeMap<>();
        walk("include", true, m);
        walk("lib", true, m);
        walk(COMMON, true, m);
        walk(platformDir(c.target()), false, m);
        walk(archDir(c), true, m);
        return m;
    }

    /** The network stack's C sources, relative to the tree, sorted. */
    List<String> netstackSources() {
        return list(NETSTACK, ".c");
    }

    /** Every file of the network stack, by path relative to the tree (for projects that use it). */
    SortedMap<String, Path> netstackInputs() {
        SortedMap<String, Path> m = new TreeMap<>();
        walk(NETSTACK, true, m);
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
