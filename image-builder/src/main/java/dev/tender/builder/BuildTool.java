package dev.tender.builder;

import dev.tender.core.console.StatusLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code tender build}: builds project directories for target contexts, maintains their {@code tender.lock}
 * and checks it.
 *
 * <p>Outputs: {@code PROJECT/dist/<name>.<target>} for x86_64 and {@code PROJECT/dist/aarch64/<name>.<target>}
 * for aarch64; with {@code --out DIR} (one architecture at a time), {@code DIR/<name>.<target>}. Objects and the runtime cache go to {@code --work} or
 * {@code PROJECT/_build}. On stdout, one {@code <sha256>  <image>} line per image; progress on stderr.
 */
public final class BuildTool {
    /** What to do. */
    public enum Mode {
        /** Build, then record the inputs in tender.lock (unless noLock). */
        BUILD,
        /** Fail before building if tender.lock does not match the inputs, then build. */
        LOCKED,
        /** Only compare tender.lock with the inputs; build nothing. */
        CHECK
    }

    /** A parsed command line. Empty targets/arches mean hvt/x86_64 (for CHECK: every context in the lock). */
    public record Request(List<Path> projects, List<Target> targets, List<Arch> arches, Path out, Path work,
            Path guest, String cc, Mode mode, boolean noLock, boolean quiet, int jobs) {
    }

    private BuildTool() {
    }

    /** Runs a request; returns the exit status (0 ok, 1 failure or drift). */
    public static int run(Request r, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(r, env, out, err, new StatusLine(err, false, () -> 0));
    }

    /** As {@link #run(Request, Map, PrintStream, PrintStream)}, with progress shown on {@code status}. */
    public static int run(Request r, Map<String, String> env, PrintStream out, PrintStream err, StatusLine status) {
        Progress progress = new Progress(status, r.quiet());
        try {
            if (r.projects().isEmpty()) {
                throw new BuildException("no project directory given");
            }
            GuestTree guest = GuestTree.locate(r.guest(), env);
            List<Project> projects = new ArrayList<>();
            for (Path p : r.projects()) {
                projects.add(Project.load(p));
            }
            int jobs = r.jobs() > 0 ? r.jobs() : Runtime.getRuntime().availableProcessors();
            try (Builder b = new Builder(guest, env, r.cc(), r.work(), jobs, progress)) {
                if (r.mode() == Mode.CHECK) {
                    return check(b, projects, r, out, err) ? 0 : 1;
                }
                if (r.mode() == Mode.LOCKED && !check(b, projects, r, out, err)) {
                    return 1;
                }
                return build(b, projects, r, out, err, progress);
            }
        } catch (BuildException e) {
            progress.finish();
            err.println("tender build: " + e.getMessage());
            return 1;
        }
    }

    private static List<Context> contexts(Request r) {
        List<Target> ts = r.targets().isEmpty() ? List.of(Target.HVT) : r.targets();
        List<Arch> as = r.arches().isEmpty() ? List.of(Arch.X86_64) : r.arches();
        List<Context> out = new ArrayList<>();
        for (Target t : ts) {
            for (Arch a : as) {
                Context c = new Context(t, a);
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    static Path outDir(Request r, Project p, Arch a) {
        if (r.out() != null) {
            return r.out().toAbsolutePath().normalize();
        }
        Path dist = p.dir().resolve("dist");
        return a == Arch.X86_64 ? dist : dist.resolve(a.id());
    }

    private static int build(Builder b, List<Project> projects, Request r, PrintStream out, PrintStream err,
            Progress progress) throws BuildException {
        List<Context> ctxs = contexts(r);
        if (r.out() != null && ctxs.stream().map(Context::arch).distinct().count() > 1) {
            throw new BuildException("--out takes one architecture at a time (without it, aarch64 images go to"
                    + " dist/aarch64/)");
        }
        record Job(Project p, Context c) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Project p : projects) {
            for (Context c : ctxs) {
                if (p.supports(c)) {
                    jobs.add(new Job(p, c));
                } else if (projects.size() == 1) {
                    throw new BuildException(p.name() + ": " + c + " is not among the project's targets/arches ("
                            + p.dir().resolve(Project.CONFIG) + ")");
                } else {
                    progress.note("tender build: skipping " + p.name() + " for " + c + " (not in its "
                            + Project.CONFIG + ")");
                }
            }
        }
        if (jobs.isEmpty()) {
            throw new BuildException("nothing to build");
        }
        // Plan the step count (toolchains are probed here, so a missing one fails before any work).
        int steps = 0;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Job j : jobs) {
            Path work = r.work() != null ? r.work().toAbsolutePath().normalize() : j.p().dir().resolve("_build");
            if (seen.putIfAbsent(j.c().id() + work, true) == null) {
                steps += b.runtimeSteps(j.c(), work);
            }
            steps += b.projectSteps(j.p());
        }
        progress.plan(steps);
        List<CompletableFuture<Builder.Result>> futures = new ArrayList<>();
        for (Job j : jobs) {
            futures.add(b.async(() -> b.build(j.p(), j.c(), outDir(r, j.p(), j.c().arch()))));
        }
        List<Builder.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Builder.Result> f : futures) {
            try {
                results.add(BuildPool.join(f));
            } catch (BuildException e) {
                failures.add(e.getMessage());
            }
        }
        progress.finish();
        for (Builder.Result res : results) {
            out.println(res.sha256() + "  " + res.image());
        }
        if (!failures.isEmpty()) {
            for (String f : failures) {
                err.println("tender build: " + f);
            }
            return 1;
        }
        if (!r.noLock()) {
            Map<Project, List<Builder.Result>> byProject = new LinkedHashMap<>();
            for (Builder.Result res : results) {
                byProject.computeIfAbsent(res.project(), k -> new ArrayList<>()).add(res);
            }
            for (Map.Entry<Project, List<Builder.Result>> e : byProject.entrySet()) {
                Path file = e.getKey().dir().resolve(Project.LOCK);
                LockFile old = LockFile.read(file);
                TreeMap<String, LockFile.Entry> entries = new TreeMap<>(old == null ? Map.of() : old.contexts());
                for (Builder.Result res : e.getValue()) {
                    LockFile.Entry prev = entries.put(res.context().id(), res.entry());
                    if (prev != null) {
                        List<String> d = LockFile.drift(prev, res.entry());
                        if (!d.isEmpty()) {
                            progress.note(file + ": updated " + res.context() + " (" + d.size() + " change"
                                    + (d.size() == 1 ? "" : "s") + ")");
                        }
                    }
                }
                new LockFile(e.getKey().name(), entries).write(file);
            }
        }
        return 0;
    }

    /** Compares each project's lock with its inputs; prints what drifted. True if everything matches. */
    private static boolean check(Builder b, List<Project> projects, Request r, PrintStream out, PrintStream err)
            throws BuildException {
        boolean ok = true;
        boolean explicit = !r.targets().isEmpty() || !r.arches().isEmpty();
        for (Project p : projects) {
            Path file = p.dir().resolve(Project.LOCK);
            LockFile lock = LockFile.read(file);
            if (lock == null) {
                err.println("tender build: " + file + ": no lock file; run 'tender build' first");
                ok = false;
                continue;
            }
            List<String> ids = new ArrayList<>();
            if (explicit) {
                for (Context c : contexts(r)) {
                    ids.add(c.id());
                }
            } else {
                ids.addAll(lock.contexts().keySet());
            }
            List<String> drift = new ArrayList<>();
            for (String id : ids) {
                LockFile.Entry locked = lock.contexts().get(id);
                if (locked == null) {
                    drift.add(id + ": not in the lock file");
                    continue;
                }
                Context c = parseContext(id);
                for (String d : LockFile.drift(locked, b.describe(p, c, locked.externals()))) {
                    drift.add(id + ": " + d);
                }
            }
            if (drift.isEmpty()) {
                out.println(file + ": up to date (" + String.join(", ", ids) + ")");
            } else {
                ok = false;
                err.println("tender build: " + file + ": inputs drifted from the lock:");
                for (String d : drift) {
                    err.println("  " + d);
                }
            }
        }
        return ok;
    }

    static Context parseContext(String id) throws BuildException {
        int dash = id.indexOf('-');
        if (dash < 0) {
            throw new BuildException("bad context name '" + id + "' in the lock file");
        }
        return new Context(Target.parse(id.substring(0, dash)), Arch.parse(id.substring(dash + 1)));
    }
}
