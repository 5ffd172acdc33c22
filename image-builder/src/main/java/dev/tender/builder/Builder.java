package dev.tender.builder;

import dev.tender.manifest.Manifest;
import dev.tender.manifest.elftool.ManifestSource;
import dev.tender.manifest.json.ManifestJson;
import dev.tender.manifest.json.ManifestJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The build pipeline for one or more projects and target contexts:
 *
 * <ol>
 * <li>the runtime of a context and the application-side guestlib, cached by {@link RuntimeBuilder};</li>
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
    private final GuestTree guest;
    private final Flags flagSet;
    private final Exec exec;
    private final Path workOverride;
    private final Progress progress;
    private final BuildPool pool = new BuildPool();
    /** SHA-256 of each input file, read once per build: every context's lock and the embedded ETags use it. */
    private final Map<Path, String> digests = new ConcurrentHashMap<>();
    private final Toolchains toolchains;
    private final RuntimeBuilder runtimes;

    /**
     * @param work where objects and the runtime cache go; null for {@code PROJECT/_build} per project
     * @param jobs how many compiler processes run at once
     */
    public Builder(GuestTree guest, Map<String, String> env, String ccOverride, Path work, int jobs,
            Progress progress) {
        this.guest = guest;
        this.flagSet = new Flags(guest);
        this.exec = new Exec(env, jobs);
        this.workOverride = work == null ? null : work.toAbsolutePath().normalize();
        this.progress = progress;
        this.toolchains = new Toolchains(ccOverride, exec);
        this.runtimes = new RuntimeBuilder(guest, flagSet, exec, toolchains, pool, progress);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The built image of one project in one context. */
    public record Result(Project project, Context context, Path image, String sha256, LockFile.Entry entry) {
    }

    /** The toolchain for an architecture (probed once; a missing one gives the install hint). */
    public Toolchain toolchain(Arch arch) throws BuildException {
        return toolchains.of(arch);
    }

    private Path work(Project p) {
        return workOverride != null ? workOverride : p.dir().resolve("_build");
    }

    /** Starts {@code s} on the build's threads. */
    <T> CompletableFuture<T> async(BuildPool.Step<T> s) {
        return pool.async(s);
    }

    /** Number of steps a context's runtime build takes, or 0 if it is cached. */
    int runtimeSteps(Context c, Path work) throws BuildException {
        return runtimes.steps(c, work);
    }

    /** Steps of one project build, for the progress count. */
    int projectSteps(Project p) {
        return p.sources().size() + 2 + (p.netstack() ? guest.netstackSources().size() : 0) + (p.embed() != null ? 1 : 0);
    }

    /** The lock entry for a project and context as the inputs are now (nothing is built). */
    public LockFile.Entry describe(Project p, Context c, List<String> externals) throws BuildException {
        Toolchain tc = toolchain(c.arch());
        SortedMap<String, String> inputs = runtimes.inputs(c);
        netstackInputs(p, inputs);
        p.files().forEach((k, v) -> inputs.put(k, sha256(v)));
        for (String e : externals) {
            Path f = p.dir().resolve(e).normalize();
            if (Files.isRegularFile(f)) {
                inputs.put(e, sha256(f));
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
        if (p.embed() != null) {
            m.put("embed", p.embed());
        }
        if (p.netstack()) {                 // only then, so that the locks of other projects stay as they were
            m.put("netstack-cflags", flagSet.logical(flagSet.netstack(tc, p, c), tc, p));
            m.put("netstack", "true");
        }
        return m;
    }

    /** The network stack's files among a project's inputs, when it uses the stack. */
    private void netstackInputs(Project p, SortedMap<String, String> inputs) {
        if (p.netstack()) {
            guest.netstackInputs().forEach((k, v) -> inputs.put(LockFile.GUEST_PREFIX + k, sha256(v)));
        }
    }

    /** Builds {@code p} for {@code c} into {@code outDir/<name>.<target>}. */
    public Result build(Project p, Context c, Path outDir) throws BuildException {
        if (!p.supports(c)) {
            throw new BuildException(p.name() + ": " + c + " is not among the project's targets/arches ("
                    + Project.CONFIG + ")");
        }
        Toolchain tc = toolchain(c.arch());
        RuntimeBuilder.BuiltRuntime rt = runtimes.get(c, work(p));
        Path obj = work(p).resolve(p.name()).resolve(c.id());
        try {
            Directories.deleteTree(obj);
            Files.createDirectories(obj);
        } catch (IOException e) {
            throw new BuildException(obj + ": " + e.getMessage(), e);
        }
        List<Path> depfiles = new ArrayList<>();
        List<CompletableFuture<Path>> objs = compileSources(p, c, tc, obj, depfiles);
        assembleManifest(p, c, tc, obj);
        if (p.embed() != null) {
            assembleEmbedded(p, c, tc, obj);
        }
        String imageName = p.name() + "." + c.target().id();
        link(p, c, tc, obj, imageName, objs, rt);
        Path image = outDir.resolve(imageName);
        String sha = publish(obj.resolve(imageName), outDir, image);
        SortedMap<String, String> inputs = inputs(p, tc, rt, depfiles);
        String file = p.dir().relativize(image.toAbsolutePath().normalize()).toString();
        return new Result(p, c, image, sha, new LockFile.Entry(tc.versions(), flags(tc, p, c), inputs, file, sha));
    }

    /** Starts the compilation of every source; each also writes its depfile, added to {@code depfiles}. */
    private List<CompletableFuture<Path>> compileSources(Project p, Context c, Toolchain tc, Path obj,
            List<Path> depfiles) {
        List<String> cflags = flagSet.project(tc, p, c);
        List<CompletableFuture<Path>> objs = new ArrayList<>();
        for (String src : p.sources()) {
            String base = src.replace('/', '_').replaceAll("\\.[cS]$", "");
            Path out = obj.resolve(base + ".o");
            Path dep = obj.resolve(base + ".d");
            depfiles.add(dep);
            List<String> cmd = new ArrayList<>();
            cmd.add(tc.cc());
            cmd.addAll(cflags);
            cmd.addAll(List.of("-MD", "-MF", dep.toString(), "-c", src, "-o", out.toString()));
            objs.add(compile(p.dir(), cmd, p.name() + "/" + src + " (" + c + ")", src, out));
        }
        if (p.netstack()) {
            List<String> nsflags = flagSet.netstack(tc, p, c);
            for (String src : guest.netstackSources()) {
                Path out = obj.resolve("netstack_" + Path.of(src).getFileName().toString().replaceAll("\\.c$", ".o"));
                List<String> cmd = new ArrayList<>();
                cmd.add(tc.cc());
                cmd.addAll(nsflags);
                cmd.addAll(List.of("-c", src, "-o", out.toString()));
                objs.add(compile(guest.dir(), cmd, src + " (" + c + " netstack)", src, out));
            }
        }
        return objs;
    }

    /** Runs one compiler command in {@code dir} on the pool; the future gives its object {@code out}. */
    private CompletableFuture<Path> compile(Path dir, List<String> cmd, String shown, String src, Path out) {
        return pool.async(() -> {
            progress.step("cc " + shown);
            exec.run(dir, cmd, "cc " + src);
            return out;
        });
    }

    /** The manifest, straight to the note bytes: {@code obj/manifest.S}, assembled to manifest.o. No C. */
    private void assembleManifest(Project p, Context c, Toolchain tc, Path obj) throws BuildException {
        Path json = p.dir().resolve(Project.MANIFEST);
        try {
            Manifest mft = ManifestJson.parse(Files.readAllBytes(json), Project.MANIFEST).toManifest();
            Files.writeString(obj.resolve("manifest.S"), ManifestSource.assembly("tender build", mft),
                    StandardCharsets.UTF_8);
        } catch (ManifestJsonException e) {
            throw new BuildException(json + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BuildException(p.dir() + ": " + e.getMessage(), e);
        }
        List<String> as = new ArrayList<>();
        as.add(tc.cc());
        as.addAll(Flags.guest(tc));
        as.addAll(List.of("-c", "manifest.S", "-o", "manifest.o"));
        progress.step("as " + p.name() + "/manifest.json (" + c + ")");
        exec.run(obj, as, "as manifest.S");
    }

    /** The embedded files: {@code obj/embed.S} ({@link Embedding}), assembled to embed.o. */
    private void assembleEmbedded(Project p, Context c, Toolchain tc, Path obj) throws BuildException {
        try {
            Files.writeString(obj.resolve("embed.S"), Embedding.assembly(p.dir(), p.embed(), this::sha256),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException(obj + ": " + e.getMessage(), e);
        }
        List<String> as = new ArrayList<>();
        as.add(tc.cc());
        as.addAll(Flags.guest(tc));
        as.addAll(List.of("-Wa,-I" + p.dir().resolve(p.embed()).normalize(), "-c", "embed.S", "-o", "embed.o"));
        progress.step("as " + p.name() + "/" + p.embed() + "/ (" + c + ", embedded files)");
        exec.run(obj, as, "as embed.S");
    }

    /** Links {@code obj/imageName}: the project's objects, the manifest, guestlib if used, the runtime. */
    private void link(Project p, Context c, Toolchain tc, Path obj, String imageName,
            List<CompletableFuture<Path>> objs, RuntimeBuilder.BuiltRuntime rt) throws BuildException {
        List<String> link = new ArrayList<>();
        link.add(tc.cc());
        link.addAll(flagSet.ld(c.target()));
        link.addAll(List.of("-o", imageName));
        for (CompletableFuture<Path> f : objs) {
            link.add(BuildPool.join(f).toString());
        }
        link.add("manifest.o");
        if (p.embed() != null) {
            link.add("embed.o");
        }
        if (p.guestlib()) {
            rt.guestlib().forEach(g -> link.add(g.toString()));
        }
        link.add(rt.runtimeObject().toString());
        progress.step("ld " + imageName + " (" + c + ")");
        exec.run(obj, link, "ld " + imageName);
    }

    private String sha256(Path file) {
        return digests.computeIfAbsent(file.toAbsolutePath().normalize(), Hashing::sha256);
    }

    /** Copies the linked image to {@code image} (executable, replaced atomically); returns its SHA-256. */
    private static String publish(Path linked, Path outDir, Path image) throws BuildException {
        try {
            Files.createDirectories(outDir);
            byte[] bytes = Files.readAllBytes(linked);
            Path tmp = outDir.resolve("." + image.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            tmp.toFile().setExecutable(true, false);
            Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Hashing.sha256(bytes);
        } catch (IOException e) {
            throw new BuildException(image + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image's inputs for the lock file: the runtime's, the project's own files, and every other file the
     * compiler read (named relative to the project) except the compiler's own headers and guest files the
     * runtime inputs hold already.
     */
    private SortedMap<String, String> inputs(Project p, Toolchain tc, RuntimeBuilder.BuiltRuntime rt,
            List<Path> depfiles) throws BuildException {
        SortedMap<String, String> inputs = new TreeMap<>(rt.inputs());
        netstackInputs(p, inputs);
        p.files().forEach((k, v) -> inputs.put(k, sha256(v)));
        for (Path d : depfiles) {
            for (Path dep : Depfile.read(d, p.dir())) {
                String key = p.dir().relativize(dep).toString();
                if (dep.startsWith(guest.dir()) && inputs.containsKey(LockFile.GUEST_PREFIX
                        + guest.dir().relativize(dep))) {
                    continue;
                }
                if (dep.startsWith(Path.of(tc.includeDir())) || dep.startsWith(p.dir())) {
                    continue;
                }
                inputs.put(key, sha256(dep));
            }
        }
        return inputs;
    }
}
