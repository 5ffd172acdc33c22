package dev.tender.builder;

import java.util.EnumMap;
import java.util.Map;

/** The toolchain of each architecture a build uses, probed the first time it is asked for. */
final class Toolchains {
    private final String ccOverride;
    private final Exec exec;
    private final Map<Arch, Toolchain> probed = new EnumMap<>(Arch.class);

    /** @param ccOverride the compiler given with {@code --cc}, or null for each architecture's default */
    Toolchains(String ccOverride, Exec exec) {
        this.ccOverride = ccOverride;
        this.exec = exec;
    }

    /** The toolchain for {@code arch}; a missing one gives the install hint. */
    synchronized Toolchain of(Arch arch) throws BuildException {
        Toolchain t = probed.get(arch);
        if (t == null) {
            t = Toolchain.probe(arch, ccOverride, exec);
            probed.put(arch, t);
        }
        return t;
    }
}
