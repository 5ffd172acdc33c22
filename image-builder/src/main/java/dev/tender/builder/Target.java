package dev.tender.builder;

import java.util.Locale;

/** A Solo5 target: which tender runs the image, hence which runtime and linker script it gets. */
public enum Target {
    HVT("hvt", 1),
    SPT("spt", 2);

    private final String id;
    private final int abiTarget;

    Target(String id, int abiTarget) {
        this.id = id;
        this.abiTarget = abiTarget;
    }

    /** {@code hvt} or {@code spt}: the image suffix and the CLI spelling. */
    public String id() {
        return id;
    }

    /** The ABI1 note's target number. */
    public int abiTarget() {
        return abiTarget;
    }

    /** The runtime object, as in Solo5: {@code solo5_hvt.o}. */
    public String runtimeObject() {
        return "solo5_" + id + ".o";
    }

    public static Target parse(String s) throws BuildException {
        for (Target t : values()) {
            if (t.id.equals(s.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new BuildException("unknown target '" + s + "' (expected hvt or spt)");
    }

    @Override
    public String toString() {
        return id;
    }
}
