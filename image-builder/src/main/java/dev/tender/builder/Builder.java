package dev.tender.builder;

import dev.tender.manifest.Manifest;
import dev.tender.manifest.elftool.ManifestSource;
import dev.tender.manifest.json.ManifestJson;
import dev.tender.manifest.json.ManifestJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The build pipeline for one or more projects and target contexts:
 *
 * <ol>
 * <li>the runtime of a context ({@code solo5_<target>.o}: compile, {@code ld -r}, {@code objcopy} keeping
 * only the public symbols) and the application-side guestlib, cached in
 * {@code WORK/runtime/<target>-<arch>-<key>/}, where the key hashes the toolchain, the flags and every
 * runtime input, so a cached runtime is reused only for identical inputs;</li>
 * <li>the project's sources, compiled in the project directory with relative names and
 * {@code -ffile-prefix-map}, so no absolute path reaches the objects;</li>
 * <li>the manifest: {@code manifest.json} → MFT1 note bytes (the manifest module) → {@code manifest.S} →
 * object, no C step;</li>
 * <li>the link with the target's linker script, {@code --build-id=none}, objects in a fixed order.</li>
 * </ol>
 * All processes run with {@code LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0}. Two builds of the same inputs with
 * the same toolchain therefore give bit-identical images, wherever their directories are.
 */
public final class Builder implements AutoCloseable {
    /** Symbols the runtime object exports; its .bss goes first in the image (see solo5_hvt.lds). */
    static final List<String> EXPORTS = List.of("--wildcard", "--keep-global-symbol=solo5_*",
            "--keep-global-symbol=_start", "--keep-global-symbol=__stack_chk_guard",
            "--keep-global-symbol=__stack_chk_fail", "--rename-section", ".bss=.bss.solo5");

    private final GuestTree guest;
    private final Flags flagSet;
    private final Exec exec;
    private final String ccOverride;
    private final Path workOverride;
    private final Progress progress;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tender-build");
        t.setDaemon(true);
        return t;
    });
    private final Map<Arch, Toolchain> toolchains = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RuntimeBuild>> runtimes = new ConcurrentHashMap<>();

    /**
     * @param work where objects and the runtime cache go; null for {@code PROJECT/_build} per project
     * @param jobs how many compiler processes run at once
     */
    public Builder(GuestTree guest, Map<String, String> env, String ccOverride, Path work, int jobs,
            Progress progress) {
        this.guest = guest;
        this.flagSet = new Flags(guest);
        this.exec = new Exec(env, jobs);
        this.ccOverride = ccOverride;
        this.workOverride = work == null ? null : work.toAbsolutePath().normalize();
        this.progress = progress;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The built image of one project in one context. */
    public record Result(Project project, Context context, Path image, String sha256, LockFile.Entry entry) {
    }

    /** The toolchain for an architecture (probed once; a missing one gives the install hint). */
    public synchronized Toolchain toolchain(Arch arch) throws BuildException {
        Toolchain t = toolchains.get(arch);
        if (t == null) {
            t = Toolchain.probe(arch, ccOverride, exec);
            toolchains.put(arch, t);
        }
        return t;
    }

    private Path work(Project p) {
        return workOverride != null ? workOverride : p.dir().resolve("_build");
    }

    // --- runtime -------------------------------------------------------------

    /** A context's built runtime: {@code solo5_<target>.o} and the guestlib objects. */
    record RuntimeBuild(Path runtimeObject, List<Path> guestlib, SortedMap<String, String> inputs) {
    }

    private SortedMap<String, String> runtimeInputs(Context c) {
        SortedMap<String, String> m = new TreeMap<>();
        guest.inputs(c).forEach((k, v) -> m.put(LockFile.GUEST_PREFIX + k, Hashing.sha256(v)));
        return m;
    }

    /** Number of steps a runtime build takes, or 0 if it is cached. */
    int runtimeSteps(Context c, Path work) throws BuildException {
        if (runtimes.containsKey(c.id() + work)) {
            return 0;
        }
        Toolchain tc = toolchain(c.arch());
        if (Files.isRegularFile(runtimeDir(c, tc, work, runtimeInputs(c)).resolve(".complete"))) {
            return 0;
        }
        return guest.runtimeUnits(c).size() + 2 + GuestTree.GUESTLIB.size();
    }

    private Path runtimeDir(Context c, Toolchain tc, Path work, SortedMap<String, String> inputs) {
        StringBuilder key = new StringBuilder(c.id()).append('\n');
        tc.versions().forEach((k, v) -> key.append(k).append('=').append(v).append('\n'));
        key.append(flagSet.logical(flagSet.runtime(tc, c.target()), tc, null)).append('\n');
        key.append(flagSet.logical(flagSet.guestlib(tc), tc, null)).append('\n');
        key.append(String.join(" ", EXPORTS)).append('\n');
        inputs.forEach((k, v) -> key.append(k).append(' ').append(v).append('\n'));
        return work.resolve("runtime").resolve(c.id() + "-" + Hashing.sha256(key.toString()).substring(0, 16));
    }

    RuntimeBuild runtime(Context c, Path work) throws BuildException {
        CompletableFuture<RuntimeBuild> f = runtimes.computeIfAbsent(c.id() + work,
                k -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return buildRuntime(c, work);
                    } catch (BuildException e) {
                        throw new CompletionException(e);
                    }
                }, pool));
        return join(f);
    }

    private RuntimeBuild buildRuntime(Context c, Path work) throws BuildException {
        Toolchain tc = toolchain(c.arch());
        SortedMap<String, String> inputs = runtimeInputs(c);
        Path dir = runtimeDir(c, tc, work, inputs);
        String rtName = c.target().runtimeObject();
        List<Path> libObjs = GuestTree.GUESTLIB.stream().map(s -> dir.resolve("guestlib_" + new GuestTree.Unit(s,
                true).objectName())).toList();
        RuntimeBuild result = new RuntimeBuild(dir.resolve(rtName), libObjs, inputs);
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return result;
        }
        Path tmp;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
        List<String> rtFlags = flagSet.runtime(tc, c.target());
        List<CompletableFuture<Path>> objs = new ArrayList<>();
        for (GuestTree.Unit u : guest.runtimeUnits(c)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(tc.cc());
            cmd.addAll(rtFlags);
            if (u.lib()) {
                cmd.add(Flags.LIB_EXTRA);
            }
            Path out = tmp.resolve("rt_" + u.objectName());
            cmd.addAll(List.of("-c", u.path(), "-o", out.toString()));
            objs.add(async(() -> {
                progress.step("cc " + u.path() + " (" + c + " runtime)");
                exec.run(guest.dir(), cmd, "cc " + u.path());
                return out;
            }));
        }
        List<String> libFlags = flagSet.guestlib(tc);
        List<CompletableFuture<Path>> libs = new ArrayList<>();
        for (String s : GuestTree.GUESTLIB) {
            Path out = tmp.resolve(libObjs.get(libs.size()).getFileName());
            List<String> cmd = new ArrayList<>();
            cmd.add(tc.cc());
            cmd.addAll(libFlags);
            cmd.addAll(List.of("-c", s, "-o", out.toString()));
            libs.add(async(() -> {
                progress.step("cc " + s + " (" + c + " guestlib)");
                exec.run(guest.dir(), cmd, "cc " + s);
                return out;
            }));
        }
        List<String> ld = new ArrayList<>(List.of(tc.ld(), "-r", "-o", tmp.resolve(rtName + ".tmp").toString()));
        for (CompletableFuture<Path> f : objs) {
            ld.add(join(f).toString());
        }
        progress.step("ld -r " + rtName + " (" + c + ")");
        exec.run(tmp, ld, "ld -r " + rtName);
        List<String> oc = new ArrayList<>();
        oc.add(tc.objcopy());
        oc.addAll(EXPORTS);
        oc.add(tmp.resolve(rtName + ".tmp").toString());
        oc.add(tmp.resolve(rtName).toString());
        progress.step("objcopy " + rtName + " (" + c + ")");
        exec.run(tmp, oc, "objcopy " + rtName);
        for (CompletableFuture<Path> f : libs) {
            join(f);
        }
        try {
            Files.delete(tmp.resolve(rtName + ".tmp"));
            Files.writeString(tmp.resolve(".complete"), c.id() + "\n");
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(tmp); // another build finished the same runtime first
            }
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
        return result;
    }

    // --- project -------------------------------------------------------------

    /** Steps of one project build, for the progress count. */
    static int projectSteps(Project p) {
        return p.sources().size() + 2;
    }

    /** The lock entry for a project and context as the inputs are now (nothing is built). */
    public LockFile.Entry describe(Project p, Context c, List<String> externals) throws BuildException {
        Toolchain tc = toolchain(c.arch());
        SortedMap<String, String> inputs = runtimeInputs(c);
        p.files().forEach((k, v) -> inputs.put(k, Hashing.sha256(v)));
        for (String e : externals) {
            Path f = p.dir().resolve(e).normalize();
            if (Files.isRegularFile(f)) {
                inputs.put(e, Hashing.sha256(f));
            }
        }
        return new LockFile.Entry(tc.versions(), flags(tc, p, c), inputs, null, null);
    }

    private Map<String, String> flags(Toolchain tc, Project p, Context c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cflags", flagSet.logical(flagSet.project(tc, p, c), tc, p));
        m.put("runtime-cflags", flagSet.logical(flagSet.runtime(tc, c.target()), tc, p));
        m.put("guestlib-cflags", flagSet.logical(flagSet.guestlib(tc), tc, p));
        m.put("ldflags", flagSet.logical(flagSet.ld(c.target()), tc, p));
        m.put("guestlib", Boolean.toString(p.guestlib()));
        return m;
    }

    /** Builds {@code p} for {@code c} into {@code outDir/<name>.<target>}. */
    public Result build(Project p, Context c, Path outDir) throws BuildException {
        if (!p.supports(c)) {
            throw new BuildException(p.name() + ": " + c + " is not among the project's targets/arches ("
                    + Project.CONFIG + ")");
        }
        Toolchain tc = toolchain(c.arch());
        Path work = work(p);
        RuntimeBuild rt = runtime(c, work);
        Path obj = work.resolve(p.name()).resolve(c.id());
        try {
            deleteTree(obj);
            Files.createDirectories(obj);
        } catch (IOException e) {
            throw new BuildException(obj + ": " + e.getMessage(), e);
        }
        List<String> cflags = flagSet.project(tc, p, c);
        List<CompletableFuture<Path>> objs = new ArrayList<>();
        List<Path> depfiles = new ArrayList<>();
        for (String src : p.sources()) {
            String base = src.replace('/', '_').replaceAll("\\.[cS]$", "");
            Path out = obj.resolve(base + ".o");
            Path dep = obj.resolve(base + ".d");
            depfiles.add(dep);
            List<String> cmd = new ArrayList<>();
            cmd.add(tc.cc());
            cmd.addAll(cflags);
            cmd.addAll(List.of("-MD", "-MF", dep.toString(), "-c", src, "-o", out.toString()));
            objs.add(async(() -> {
                progress.step("cc " + p.name() + "/" + src + " (" + c + ")");
                exec.run(p.dir(), cmd, "cc " + src);
                return out;
            }));
        }
        // The manifest, straight to the note bytes: no generated C.
        Path manifestS = obj.resolve("manifest.S");
        try {
            byte[] json = Files.readAllBytes(p.dir().resolve(Project.MANIFEST));
            Manifest mft = ManifestJson.parse(json, Project.MANIFEST).toManifest();
            Files.writeString(manifestS, ManifestSource.assembly("tender build", mft), StandardCharsets.UTF_8);
        } catch (ManifestJsonException e) {
            throw new BuildException(p.dir().resolve(Project.MANIFEST) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BuildException(p.dir() + ": " + e.getMessage(), e);
        }
        List<String> as = new ArrayList<>();
        as.add(tc.cc());
        as.addAll(Flags.guest(tc));
        as.addAll(List.of("-c", "manifest.S", "-o", "manifest.o"));
        progress.step("as " + p.name() + "/manifest.json (" + c + ")");
        exec.run(obj, as, "as manifest.S");

        String imageName = p.name() + "." + c.target().id();
        List<String> link = new ArrayList<>();
        link.add(tc.cc());
        link.addAll(flagSet.ld(c.target()));
        link.addAll(List.of("-o", imageName));
        for (CompletableFuture<Path> f : objs) {
            link.add(join(f).toString());
        }
        link.add("manifest.o");
        if (p.guestlib()) {
            rt.guestlib().forEach(g -> link.add(g.toString()));
        }
        link.add(rt.runtimeObject().toString());
        progress.step("ld " + imageName + " (" + c + ")");
        exec.run(obj, link, "ld " + imageName);

        Path image = outDir.resolve(imageName);
        String sha;
        try {
            Files.createDirectories(outDir);
            byte[] bytes = Files.readAllBytes(obj.resolve(imageName));
            sha = Hashing.sha256(bytes);
            Path tmp = outDir.resolve("." + imageName + ".tmp");
            Files.write(tmp, bytes);
            tmp.toFile().setExecutable(true, false);
            Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BuildException(image + ": " + e.getMessage(), e);
        }

        SortedMap<String, String> inputs = new TreeMap<>(rt.inputs());
        p.files().forEach((k, v) -> inputs.put(k, Hashing.sha256(v)));
        for (Path d : depfiles) {
            for (Path dep : depends(d, p.dir())) {
                String key = p.dir().relativize(dep).toString();
                if (dep.startsWith(guest.dir()) && inputs.containsKey(LockFile.GUEST_PREFIX
                        + guest.dir().relativize(dep))) {
                    continue;
                }
                if (dep.startsWith(Path.of(tc.includeDir())) || dep.startsWith(p.dir())) {
                    continue;
                }
                inputs.put(key, Hashing.sha256(dep));
            }
        }
        String file = p.dir().relativize(image.toAbsolutePath().normalize()).toString();
        return new Result(p, c, image, sha, new LockFile.Entry(tc.versions(), flags(tc, p, c), inputs, file, sha));
    }

    /** The files named by a gcc depfile, resolved against {@code base}, normalised. */
    private static List<Path> depends(Path depfile, Path base) throws BuildException {
        String text;
        try {
            text = Files.readString(depfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException(depfile + ": " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (String line : text.replace("\\\n", " ").split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0 || line.isBlank()) {
                continue;
            }
            for (String w : line.substring(colon + 1).trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    Path p = base.resolve(w).normalize();
                    try {
                        p = p.toRealPath();
                    } catch (IOException ignored) {
                        // keep the normalised path
                    }
                    if (!out.contains(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    // --- helpers -------------------------------------------------------------

    interface Step<T> {
        T run() throws BuildException;
    }

    <T> CompletableFuture<T> async(Step<T> s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.run();
            } catch (BuildException e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    static <T> T join(CompletableFuture<T> f) throws BuildException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BuildException b) {
                throw b;
            }
            throw e;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
