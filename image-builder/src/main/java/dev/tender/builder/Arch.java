package dev.tender.builder;

import java.util.List;
import java.util.Locale;

/** A guest architecture, with its default compiler and the flags that differ between architectures. */
public enum Arch {
    X86_64("x86_64", "gcc", 62, List.of("gcc", "binutils"),
            List.of("-mno-sse", "-mno-mmx", "-mno-avx", "-mno-aes", "-mno-red-zone"), List.of()),
    AARCH64("aarch64", "aarch64-linux-gnu-gcc", 183, List.of("gcc-aarch64-linux-gnu", "binutils-aarch64-linux-gnu"),
            List.of("-mgeneral-regs-only"), List.of("-mno-outline-atomics"));

    private final String id;
    private final String defaultCc;
    private final int elfMachine;
    private final List<String> debianPackages;
    private final List<String> runtimeFlags;
    private final List<String> guestFlags;

    Arch(String id, String defaultCc, int elfMachine, List<String> debianPackages, List<String> runtimeFlags,
            List<String> guestFlags) {
        this.id = id;
        this.defaultCc = defaultCc;
        this.elfMachine = elfMachine;
        this.debianPackages = debianPackages;
        this.runtimeFlags = runtimeFlags;
        this.guestFlags = guestFlags;
    }

    public String id() {
        return id;
    }

    /** The compiler used unless {@code --cc} is given: the system gcc, or Debian's cross gcc. */
    public String defaultCc() {
        return defaultCc;
    }

    /** ELF {@code e_machine}. */
    public int elfMachine() {
        return elfMachine;
    }

    /** What to {@code apt-get install} when the toolchain is missing. */
    public List<String> debianPackages() {
        return debianPackages;
    }

    /** Extra flags of the runtime: no FP/SIMD state in trap handlers (and no red zone on x86_64). */
    public List<String> runtimeFlags() {
        return runtimeFlags;
    }

    /** Extra flags of all guest code for this architecture. */
    public List<String> guestFlags() {
        return guestFlags;
    }

    public static Arch parse(String s) throws BuildException {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.equals("x86_64") || l.equals("amd64")) {
            return X86_64;
        }
        if (l.equals("aarch64") || l.equals("arm64")) {
            return AARCH64;
        }
        throw new BuildException("unknown architecture '" + s + "' (expected x86_64 or aarch64)");
    }

    @Override
    public String toString() {
        return id;
    }
}
