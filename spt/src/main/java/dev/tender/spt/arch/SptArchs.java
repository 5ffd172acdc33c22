package dev.tender.spt.arch;

import dev.tender.core.TenderException;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.aarch64.Aarch64SptArch;
import dev.tender.spt.arch.x86_64.X86SptArch;
import java.util.Optional;

/** The architectures spt supports, and the choice of the host's. */
public final class SptArchs {
    private static final SptArch[] SUPPORTED = {X86SptArch.INSTANCE, Aarch64SptArch.INSTANCE};

    private SptArchs() {
    }

    /** The implementation for images of ELF machine {@code elfMachine}, if spt supports it. */
    public static Optional<SptArch> forMachine(int elfMachine) {
        for (SptArch arch : SUPPORTED) {
            if (arch.elfMachine() == elfMachine) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }

    /**
     * The host's architecture. The guest runs as a host process, so it also fixes the ELF machine an image must
     * have: the image check rejects any other with the loader's usual message.
     */
    public static SptArch forHost() throws TenderException {
        Optional<SptArch> arch = forMachine(ElfImage.hostMachine());
        if (arch.isEmpty()) {
            throw new TenderException("unsupported host architecture: " + System.getProperty("os.arch"));
        }
        return arch.get();
    }
}
