package dev.tender.hvt.arch;

import dev.tender.core.TenderException;
import dev.tender.hvt.arch.aarch64.Arm64HvtArch;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import dev.tender.manifest.elf.ElfImage;
import java.util.List;
import java.util.Optional;

/** The architectures hvt supports, and the choice of the host's. */
public final class HvtArchs {
    private static final List<HvtArch> SUPPORTED = List.of(new X86HvtArch(), new Arm64HvtArch());

    private HvtArchs() {
    }

    /** The implementation for images of ELF machine {@code elfMachine}, if hvt supports it. */
    public static Optional<HvtArch> forMachine(int elfMachine) {
        for (HvtArch arch : SUPPORTED) {
            if (arch.elfMachine() == elfMachine) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }

    /**
     * The host's architecture. Guests run natively, so it also fixes the ELF machine an image must have: the
     * image check rejects any other with the loader's usual message.
     */
    public static HvtArch forHost() throws TenderException {
        Optional<HvtArch> arch = forMachine(ElfImage.hostMachine());
        if (arch.isEmpty()) {
            throw new TenderException("unsupported host architecture: " + System.getProperty("os.arch"));
        }
        return arch.get();
    }
}
