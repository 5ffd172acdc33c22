package dev.tender.builder;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a context's guest runtime ({@code solo5_<target>.o}: compile, {@code ld -r}, {@code objcopy} keeping
 * only the public symbols) and the application-side guestlib objects, into
 * {@code WORK/runtime/<target>-<arch>-<key>/}. The key hashes the toolchain, the flags and every runtime
 * input, so a directory there is reused only for identical inputs; within one build each context and work
 * directory is built once however many projects ask for it.
 */
final class RuntimeBuilder {
    /** Symbols the runtime object exports; its .bss goes first in the image (see solo5_hvt.lds). */
    static final List<String> EXPORTS = List.of("--wildcard", "--keep-global-symbol=solo5_*",
            "--keep-global-symbol=_start", "--keep-global-symbol=__stack_chk_guard",
            "--keep-global-symbol=__stack_chk_fail", "--rename-section", ".bss=.bss.solo5");
    /** Written last into a runtime directory: without it the directory is not used. */
    private static final String COMPLETE = ".complete";

    /** A context's built runtime: {@code solo5_<target>.o}, the guestlib objects, and the inputs' hashes. */
    record BuiltRuntime(Path runtimeObject, List<Path> guestlib, SortedMap<String, String> inputs) {
    }

    private final GuestTree guest;
    private final Flags flagSet;
    private final Exec exec;
    private final Toolchains toolchains;
    private final BuildPool pool;
    private final Progress progress;
    private final Map<String, CompletableFuture<BuiltRuntime>> started = new ConcurrentHashMap<>();

    RuntimeBuilder(GuestTree guest, Flags flagSet, Exec exec, Toolchains toolchains, BuildPool pool,
            Progress progress) {
        this.guest = guest;
        this.flagSet = flagSet;
        this.exec = exec;
        this.toolchains = toolchains;
        this.pool = pool;
        this.progress = progress;
    }

    /** Every runtime input file of a context with its hash, named as the lock file names it. */
    SortedMap<String, String> inputs(Context c) {
        SortedMap<String, String> m = new TreeMap<>();
        guest.inputs(c).forEach((k, v) -> m.put(LockFile.GUEST_PREFIX + k, Hashing.sha256(v)));
        return m;
    }

    /** Number of steps building the runtime takes, or 0 if it is built already or on its way. */
    int steps(Context c, Path work) throws BuildException {
        if (started.containsKey(c.id() + work)) {
            return 0;
        }
        Toolchain tc = toolchains.of(c.arch());
        if (Files.isRegularFile(dir(c, tc, work, inputs(c)).resolve(COMPLETE))) {
            return 0;
        }
        return guest.runtimeUnits(c).size() + 2 + GuestTree.GUESTLIB.size();
    }

    /** The runtime of {@code c} under {@code work}: from the cache, or built (once) and cached. */
    BuiltRuntime get(Context c, Path work) throws BuildException {
        return BuildPool.join(started.computeIfAbsent(c.id() + work, k -> pool.async(() -> build(c, work))));
    }

    private Path dir(Context c, Toolchain tc, Path work, SortedMap<String, String> inputs) {
        StringBuilder key = new StringBuilder(c.id()).append('\n');
        tc.versions().forEach((k, v) -> key.append(k).append('=').append(v).append('\n'));
        key.append(flagSet.logical(flagSet.runtime(tc, c.target()), tc, null)).append('\n');
        key.append(flagSet.logical(flagSet.guestlib(tc), tc, null)).append('\n');
        key.append(String.join(" ", EXPORTS)).append('\n');
        inputs.forEach((k, v) -> key.append(k).append(' ').append(v).append('\n'));
        return work.resolve("runtime").resolve(c.id() + "-" + Hashing.sha256(key.toString()).substring(0, 16));
    }

    /** Builds into a temporary directory beside the cache entry, then moves it into place. */
    private BuiltRuntime build(Context c, Path work) throws BuildException {
        Toolchain tc = toolchains.of(c.arch());
        SortedMap<String, String> inputs = inputs(c);
        Path dir = dir(c, tc, work, inputs);
        String rtName = c.target().runtimeObject();
        List<Path> libObjs = GuestTree.GUESTLIB.stream()
                .map(s -> dir.resolve("guestlib_" + new GuestTree.Unit(s, true).objectName())).toList();
        BuiltRuntime result = new BuiltRuntime(dir.resolve(rtName), libObjs, inputs);
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return result;
        }
        Path tmp;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
        List<CompletableFuture<Path>> objs = compileRuntime(c, tc, tmp);
        List<CompletableFuture<Path>> libs = compileGuestlib(c, tc, tmp, libObjs);
        Path merged = tmp.resolve(rtName + ".tmp");
        List<String> ld = new ArrayList<>(List.of(tc.ld(), "-r", "-o", merged.toString()));
        for (CompletableFuture<Path> f : objs) {
            ld.add(BuildPool.join(f).toString());
        }
        progress.step("ld -r " + rtName + " (" + c + ")");
        exec.run(tmp, ld, "ld -r " + rtName);
        List<String> oc = new ArrayList<>();
        oc.add(tc.objcopy());
        oc.addAll(EXPORTS);
        oc.add(merged.toString());
        oc.add(tmp.resolve(rtName).toString());
        progress.step("objcopy " + rtName + " (" + c + ")");
        exec.run(tmp, oc, "objcopy " + rtName);
        for (CompletableFuture<Path> f : libs) {
            BuildPool.join(f);
        }
        publish(c, tmp, merged, dir);
        return result;
    }

    private List<CompletableFuture<Path>> compileRuntime(Context c, Toolchain tc, Path tmp) {
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
            objs.add(compile(cmd, u.path(), c + " runtime", out));
        }
        return objs;
    }

    private List<CompletableFuture<Path>> compileGuestlib(Context c, Toolchain tc, Path tmp, List<Path> libObjs) {
        List<String> libFlags = flagSet.guestlib(tc);
        List<CompletableFuture<Path>> libs = new ArrayList<>();
        for (String s : GuestTree.GUESTLIB) {
            Path out = tmp.resolve(libObjs.get(libs.size()).getFileName());
            List<String> cmd = new ArrayList<>();
            cmd.add(tc.cc());
            cmd.addAll(libFlags);
            cmd.addAll(List.of("-c", s, "-o", out.toString()));
            libs.add(compile(cmd, s, c + " guestlib", out));
        }
        return libs;
    }

    /** Runs one compiler command in the guest tree on the pool; the future gives its object. */
    private CompletableFuture<Path> compile(List<String> cmd, String source, String what, Path out) {
        return pool.async(() -> {
            progress.step("cc " + source + " (" + what + ")");
            exec.run(guest.dir(), cmd, "cc " + source);
            return out;
        });
    }

    /** Marks {@code tmp} complete and moves it to {@code dir}, unless another build got there first. */
    private static void publish(Context c, Path tmp, Path merged, Path dir) throws BuildException {
        try {
            Files.delete(merged);
            Files.writeString(tmp.resolve(COMPLETE), c.id() + "\n");
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                Directories.deleteTree(tmp); // another build finished the same runtime first
            }
        } catch (IOException e) {
            throw new BuildException(dir + ": " + e.getMessage(), e);
        }
    }
}
