package dev.tender.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * The compiler and linker flags of every kind of compilation in a build: the guest runtime, the guest library,
 * a project's sources, the final link, and how the lock file records them. Deterministic: the same toolchain
 * and tree give the same flags, with the machine's directories mapped away by {@code -ffile-prefix-map}.
 */
final class Flags {
    static final List<String> BASE = List.of("-std=c11", "-O2", "-Wall", "-Wextra", "-Werror",
            "-ffreestanding", "-fstack-protector-strong", "-mstack-protector-guard=global", "-nostdinc");
    static final List<String> BASE_TAIL = List.of("-fno-pie", "-fno-common");
    /** Keeps the compiler from turning the lib/ memset/memcpy loops into calls to themselves. */
    static final String LIB_EXTRA = "-fno-tree-loop-distribute-patterns";

    private final GuestTree guest;

    Flags(GuestTree guest) {
        this.guest = guest;
    }

    /** What all guest code is compiled with: the Solo5 toolchain conventions for the architecture. */
    static List<String> guest(Toolchain tc) {
        List<String> f = new ArrayList<>(BASE);
        f.add("-isystem");
        f.add(tc.includeDir());
        f.addAll(BASE_TAIL);
        f.addAll(tc.arch().guestFlags());
        return f;
    }

    List<String> runtime(Toolchain tc, Target t) {
        List<String> f = guest(tc);
        f.addAll(tc.arch().runtimeFlags());
        f.add("-ffile-prefix-map=" + guest.dir() + "/=");
        for (String inc : guest.runtimeIncludes(t)) {
            f.add("-I" + inc);
        }
        return f;
    }

    List<String> guestlib(Toolchain tc) {
        List<String> f = guest(tc);
        f.add("-ffile-prefix-map=" + guest.dir() + "/=");
        f.add("-Iinclude");
        f.add(LIB_EXTRA);
        return f;
    }

    /**
     * The network stack's own sources, compiled in the guest tree like guestlib, then with the project's flags for
     * the context (so that code generation choices such as {@code -mgeneral-regs-only} apply to it as well).
     */
    List<String> netstack(Toolchain tc, Project p, Context c) {
        List<String> f = guestlib(tc);
        f.add("-I" + GuestTree.NETSTACK);
        f.addAll(p.cflags(c));
        return f;
    }

    List<String> project(Toolchain tc, Project p, Context c) {
        List<String> f = guest(tc);
        f.add("-ffile-prefix-map=" + p.dir() + "/=");
        f.add("-I" + guest.includeDir());
        if (p.netstack()) {
            f.add("-I" + guest.dir().resolve(GuestTree.NETSTACK));
        }
        for (String inc : p.includes()) {
            f.add("-I" + inc);
        }
        f.addAll(p.cflags(c));
        return f;
    }

    List<String> ld(Target t) {
        return List.of("-nostdlib", "-static", "-z", "max-page-size=0x1000", "-no-pie", "-Wl,--build-id=none",
                "-Wl,-T," + guest.linkerScript(t));
    }

    /** Flags as the lock file records them: machine-specific directories replaced by names. */
    String logical(List<String> flags, Toolchain tc, Project p) {
        String s = String.join(" ", flags).replace(tc.includeDir(), "<cc-include>")
                .replace(guest.dir().toString(), "<guest>");
        return p == null ? s : s.replace(p.dir().toString(), "<project>");
    }
}
