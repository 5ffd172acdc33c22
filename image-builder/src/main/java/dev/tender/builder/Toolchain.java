package dev.tender.builder;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler, linker and objcopy for one architecture. x86_64 uses the system gcc; aarch64 Debian's
 * {@code aarch64-linux-gnu-gcc}. ld and objcopy are taken from the compiler's name ({@code X-gcc} gives
 * {@code X-ld}, {@code X-objcopy}; anything else gives plain {@code ld} and {@code objcopy}).
 */
public final class Toolchain {
    private final Arch arch;
    private final String cc;
    private final String ld;
    private final String objcopy;
    private final String includeDir;
    private final Map<String, String> versions;

    private Toolchain(Arch arch, String cc, String ld, String objcopy, String includeDir,
            Map<String, String> versions) {
        this.arch = arch;
        this.cc = cc;
        this.ld = ld;
        this.objcopy = objcopy;
        this.includeDir = includeDir;
        this.versions = versions;
    }

    /** Finds and queries the toolchain; a missing tool gives a message saying what to install. */
    static Toolchain probe(Arch arch, String ccOverride, Exec exec) throws BuildException {
        String cc = ccOverride != null ? ccOverride : arch.defaultCc();
        String base = cc.substring(cc.lastIndexOf('/') + 1);
        String prefix = base.endsWith("gcc") ? cc.substring(0, cc.length() - 3) : "";
        String ld = prefix + "ld";
        String objcopy = prefix + "objcopy";
        for (String tool : List.of(cc, ld, objcopy)) {
            if (exec.which(tool) == null) {
                throw missing(arch, tool, ccOverride != null);
            }
        }
        Path home = Path.of(".").toAbsolutePath();
        String machine = exec.run(home, List.of(cc, "-dumpmachine"), cc + " -dumpmachine").strip();
        if (!machine.startsWith(arch.id() + "-")) {
            throw new BuildException(cc + " builds for " + machine + ", not " + arch.id() + "; install "
                    + String.join(" ", arch.debianPackages()) + " or pass --cc with a " + arch.id() + " compiler");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("cc", firstLine(exec.run(home, List.of(cc, "--version"), cc + " --version")));
        v.put("cc-target", machine);
        v.put("ld", firstLine(exec.run(home, List.of(ld, "--version"), ld + " --version")));
        v.put("objcopy", firstLine(exec.run(home, List.of(objcopy, "--version"), objcopy + " --version")));
        String inc = exec.run(home, List.of(cc, "-print-file-name=include"), cc + " -print-file-name").strip();
        return new Toolchain(arch, cc, ld, objcopy, inc, java.util.Collections.unmodifiableMap(v));
    }

    static BuildException missing(Arch arch, String tool, boolean overridden) {
        String what = arch == Arch.X86_64 ? "the x86_64 toolchain" : "the aarch64 cross toolchain";
        return new BuildException(what + " is missing: '" + tool + "' was not found"
                + (tool.contains("/") ? "" : " on PATH") + "; install it with 'apt-get install "
                + String.join(" ", arch.debianPackages()) + "'"
                + (overridden ? " (or fix --cc)" : " (or point --cc at another " + arch.id() + " gcc)"));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    public Arch arch() {
        return arch;
    }

    public String cc() {
        return cc;
    }

    public String ld() {
        return ld;
    }

    public String objcopy() {
        return objcopy;
    }

    /** The compiler's own header directory ({@code stddef.h} etc.), passed with {@code -isystem}. */
    public String includeDir() {
        return includeDir;
    }

    /** What the lock file records: first lines of {@code --version}, and the compiler's target triple. */
    public Map<String, String> versions() {
        return versions;
    }
}
