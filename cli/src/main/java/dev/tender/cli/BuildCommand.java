package dev.tender.cli;

import dev.tender.builder.Arch;
import dev.tender.builder.BuildException;
import dev.tender.builder.BuildTool;
import dev.tender.builder.Target;
import dev.tender.core.console.StatusLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tender build}: reproducible builds of unikernel projects (see the image-builder module). */
@Command(name = "build", description = {
    "Build unikernel project directories (C sources + manifest.json [+ tender.json]) into images.",
    "Images: PROJECT/dist/<name>.<target> (x86_64), PROJECT/dist/aarch64/<name>.<target>, or --out DIR/<name>.<target>.",
    "Records toolchain versions and input hashes in PROJECT/tender.lock; --check compares them."},
        sortOptions = false, mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT", arity = "1..*", description = "project directories")
    List<Path> projects = new ArrayList<>();

    @Option(names = {"-t", "--target"}, split = ",", paramLabel = "TARGET",
            description = "hvt, spt or all (repeatable or comma-separated; default hvt)")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-a", "--arch"}, split = ",", paramLabel = "ARCH",
            description = "x86_64, aarch64 or all (default x86_64)")
    List<String> arches = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "image directory, one architecture at a time (default PROJECT/dist[/aarch64])")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "objects and runtime cache (default PROJECT/_build)")
    Path work;

    @Option(names = "--guest", paramLabel = "DIR", description = "guest runtime tree (default: this checkout's guest/)")
    Path guest;

    @Option(names = "--cc", paramLabel = "CC",
            description = "C compiler (default gcc for x86_64, aarch64-linux-gnu-gcc for aarch64)")
    String cc;

    @Option(names = "--check", description = "only check tender.lock against the inputs; build nothing")
    boolean check;

    @Option(names = "--locked", description = "fail if tender.lock does not match the inputs, else build")
    boolean locked;

    @Option(names = "--no-lock", description = "do not write tender.lock")
    boolean noLock;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel compiler processes (default: CPUs)")
    int jobs;

    @Override
    public Integer call() {
        List<Target> ts = new ArrayList<>();
        List<Arch> as = new ArrayList<>();
        try {
            for (String t : targets) {
                if (t.equals("all")) {
                    ts.addAll(EnumSet.allOf(Target.class));
                } else {
                    ts.add(Target.parse(t));
                }
            }
            for (String a : arches) {
                if (a.equals("all")) {
                    as.addAll(EnumSet.allOf(Arch.class));
                } else {
                    as.add(Arch.parse(a));
                }
            }
        } catch (BuildException e) {
            System.err.println("tender build: " + e.getMessage());
            return 1;
        }
        BuildTool.Mode mode = check ? BuildTool.Mode.CHECK : locked ? BuildTool.Mode.LOCKED : BuildTool.Mode.BUILD;
        return BuildTool.run(new BuildTool.Request(projects, ts, as, out, work, guest, cc, mode, noLock, quiet, jobs),
                System.getenv(), System.out, System.err, StatusLine.forStderr(System.err, System.getenv("TERM")));
    }
}
