package dev.tender.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A unikernel project directory: C (and assembler) sources, {@code manifest.json}, and optionally
 * {@code tender.json}:
 *
 * <pre>
 * {
 *   "name": "app",                      image name (default: the directory name)
 *   "targets": ["hvt", "spt"],          what the project supports (default: both)
 *   "arches": ["x86_64", "aarch64"],    (default: both)
 *   "sources": ["a.c", "b.S"],          default: every *.c and *.S in the directory, sorted
 *   "include": ["../common"],           extra -I directories, relative to the project
 *   "cflags": ["-DX"],                  extra flags for every context, then
 *   "cflags-hvt": [...], "cflags-aarch64": [...], "cflags-hvt-aarch64": [...]
 *   "guestlib": true                    link lib/ (string.c vsnprintf.c printf.c, see guestlib.h)
 *   "embed": "site"                     embed the files under site/ (see embed.h and Embedding)
 *   "netstack": true                    compile and link netstack/ (Ethernet to TCP, see netstack/netstack.h);
 *                                       needs guestlib (default: false)
 * }
 * </pre>
 */
public final class Project {
    public static final String CONFIG = "tender.json";
    public static final String MANIFEST = "manifest.json";
    public static final String LOCK = "tender.lock";
    /** Directories and files in a project that are outputs, never inputs. */
    static final Set<String> OUTPUTS = Set.of("_build", "dist", LOCK);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private final Path dir;
    private final String name;
    private final Set<Target> targets;
    private final Set<Arch> arches;
    private final List<String> sources;
    private final List<String> includes;
    private final Map<String, List<String>> cflags;
    private final boolean guestlib;
    private final boolean netstack;
    private final String embed;

    private Project(Path dir, String name, Set<Target> targets, Set<Arch> arches, List<String> sources,
            List<String> includes, Map<String, List<String>> cflags, boolean guestlib, boolean netstack, String embed) {
        this.dir = dir;
        this.name = name;
        this.targets = targets;
        this.arches = arches;
        this.sources = sources;
        this.includes = includes;
        this.cflags = cflags;
        this.guestlib = guestlib;
        this.netstack = netstack;
        this.embed = embed;
    }

    public static Project load(Path dir) throws BuildException {
        Path d;
        try {
            d = dir.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new BuildException(dir + ": no such project directory");
        }
        if (!Files.isRegularFile(d.resolve(MANIFEST))) {
            throw new BuildException(dir + ": no " + MANIFEST + " (a project needs C sources and a manifest)");
        }
        Map<String, Object> cfg = Map.of();
        Path cf = d.resolve(CONFIG);
        if (Files.isRegularFile(cf)) {
            Object o;
            try {
                o = Json.parse(Files.readString(cf, StandardCharsets.UTF_8), cf.toString());
            } catch (IOException e) {
                throw new BuildException(cf + ": " + e.getMessage(), e);
            }
            if (!(o instanceof Map<?, ?> m)) {
                throw new BuildException(cf + ": expected a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> mm = (Map<String, Object>) m;
            cfg = mm;
        }
        String name = d.getFileName().toString();
        Set<Target> targets = EnumSet.allOf(Target.class);
        Set<Arch> arches = EnumSet.allOf(Arch.class);
        List<String> sources = null;
        List<String> includes = List.of();
        Map<String, List<String>> cflags = new TreeMap<>();
        boolean guestlib = true;
        boolean netstack = false;
        String embed = null;
        for (Map.Entry<String, Object> e : cfg.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (k.equals("name")) {
                if (!(v instanceof String s) || !NAME.matcher(s).matches()) {
                    throw new BuildException(cf + ": \"name\" must be a file-name-safe string");
                }
                name = s;
            } else if (k.equals("targets")) {
                targets = EnumSet.noneOf(Target.class);
                for (String s : strings(cf, k, v)) {
                    targets.add(Target.parse(s));
                }
            } else if (k.equals("arches")) {
                arches = EnumSet.noneOf(Arch.class);
                for (String s : strings(cf, k, v)) {
                    arches.add(Arch.parse(s));
                }
            } else if (k.equals("sources")) {
                sources = strings(cf, k, v);
            } else if (k.equals("include")) {
                includes = strings(cf, k, v);
            } else if (k.equals("cflags") || k.startsWith("cflags-")) {
                cflags.put(k, strings(cf, k, v));
            } else if (k.equals("guestlib")) {
                if (!(v instanceof Boolean b)) {
                    throw new BuildException(cf + ": \"guestlib\" must be true or false");
                }
                guestlib = b;
            } else if (k.equals("netstack")) {
                if (!(v instanceof Boolean b)) {
                    throw new BuildException(cf + ": \"netstack\" must be true or false");
                }
                netstack = b;
            } else if (k.equals("embed")) {
                if (!(v instanceof String dirName) || dirName.isEmpty()) {
                    throw new BuildException(cf + ": \"embed\" must name a directory of the project");
                }
                embed = dirName;
            } else if (!k.startsWith("//") && !k.equals("comment")) {
                throw new BuildException(cf + ": unknown key \"" + k + "\"");
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new BuildException(d + ": the directory name is not a valid image name; set \"name\" in "
                    + CONFIG);
        }
        if (sources == null) {
            sources = defaultSources(d);
        }
        for (String s : sources) {
            if (!Files.isRegularFile(d.resolve(s))) {
                throw new BuildException(d + ": source " + s + " does not exist");
            }
        }
        if (sources.isEmpty()) {
            throw new BuildException(d + ": no C sources (*.c)");
        }
        if (netstack && !guestlib) {
            throw new BuildException(cf + ": \"netstack\" needs \"guestlib\" (it uses its string functions)");
        }
        if (embed != null) {
            Embedding.files(d, embed);      // refused now rather than half-way through a build
        }
        return new Project(d, name, targets, arches, List.copyOf(sources), List.copyOf(includes), cflags, guestlib,
                netstack, embed);
    }

    private static List<String> defaultSources(Path d) throws BuildException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".c") || n.endsWith(".S")).sorted().toList();
        } catch (IOException e) {
            throw new BuildException(d + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Path cf, String key, Object v) throws BuildException {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new BuildException(cf + ": \"" + key + "\" must be an array of strings");
                }
                out.add(s);
            }
            return out;
        }
        throw new BuildException(cf + ": \"" + key + "\" must be an array of strings");
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    public boolean supports(Context c) {
        return targets.contains(c.target()) && arches.contains(c.arch());
    }

    public List<String> sources() {
        return sources;
    }

    public List<String> includes() {
        return includes;
    }

    public boolean guestlib() {
        return guestlib;
    }

    /** The directory whose files are embedded into the image, or null. */
    public String embed() {
        return embed;
    }

    /** Whether the guest tree's network stack (netstack/) is compiled and linked in. */
    public boolean netstack() {
        return netstack;
    }

    /** The project's extra compiler flags for a context, general ones first. */
    public List<String> cflags(Context c) {
        List<String> out = new ArrayList<>();
        for (String k : List.of("cflags", "cflags-" + c.target().id(), "cflags-" + c.arch().id(),
                "cflags-" + c.target().id() + "-" + c.arch().id())) {
            out.addAll(cflags.getOrDefault(k, List.of()));
        }
        return out;
    }

    /**
     * The project's own input files: everything in the directory except dot files and the output trees, which
     * are not even entered (other contexts of the same build write into them while this one lists its inputs).
     */
    SortedMap<String, Path> files() {
        SortedMap<String, Path> m = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(dir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = d.getFileName().toString();
                    boolean output = d.getParent().equals(dir) && OUTPUTS.contains(name);
                    return output || name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    Path rel = dir.relativize(p);
                    String first = rel.getName(0).toString();
                    if (attrs.isRegularFile() && !p.getFileName().toString().startsWith(".")
                            && !OUTPUTS.contains(first)) {
                        m.put(rel.toString(), p);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
