package dev.tender.deploy;

import dev.tender.manifest.ImageException;
import dev.tender.manifest.elf.AbiNote;
import dev.tender.manifest.elf.AbiTarget;
import dev.tender.manifest.elf.ElfImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What an image asks to be run with, read from its ELF header and Solo5 ABI note: which tender ({@link Kind}) and
 * for which machine. A service is only installed for an image this machine can run.
 *
 * @param kind    the tender that runs it
 * @param machine its ELF machine ({@link ElfImage#EM_X86_64}, {@link ElfImage#EM_AARCH64})
 */
public record ServiceImage(Kind kind, int machine) {

    /** The two Solo5 targets tender runs, named as its subcommands. */
    public enum Kind {
        HVT("hvt"),
        SPT("spt");

        private final String command;

        Kind(String command) {
            this.command = command;
        }

        /** {@code hvt} or {@code spt}: the tender subcommand, and the word in the configuration file. */
        public String command() {
            return command;
        }

        /** The kind named {@code word} ({@code hvt}, {@code spt}). */
        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.command.equals(word)) {
                    return k;
                }
            }
            throw new DeployException("unknown tender kind '" + word + "' (expected hvt or spt)");
        }
    }

    /**
     * Inspects {@code file} (named {@code shown} in messages): a regular file (a FIFO or device is refused before
     * it is opened), a Solo5 executable for this machine, with an hvt or spt ABI note of the supported version.
     */
    public static ServiceImage inspect(Path file, String shown) {
        return inspect(file, shown, ElfImage.hostMachine());
    }

    /** As {@link #inspect(Path, String)} for a machine of ELF type {@code hostMachine}. */
    static ServiceImage inspect(Path file, String shown, int hostMachine) {
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                throw new DeployException(shown + ": not a regular file");
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ElfImage img = ElfImage.readAnySolo5(ch, shown);
                AbiNote note = AbiNote.read(img).orElseThrow(() ->
                        new DeployException(shown + ": No Solo5 ABI information found in executable"));
                Kind kind = kindOf(note, shown);
                if (note.version() != AbiNote.SUPPORTED_VERSION) {
                    throw new DeployException(shown + ": Executable requests unsupported ABI version "
                            + Integer.toUnsignedString(note.version()));
                }
                if (img.machine() != hostMachine) {
                    throw new DeployException(shown + ": a " + kind.command() + " image for "
                            + ElfImage.archName(img.machine()) + ", but this machine is "
                            + ElfImage.archName(hostMachine) + "; build it for this machine (tender build --arch="
                            + ElfImage.archName(hostMachine) + ")");
                }
                return new ServiceImage(kind, img.machine());
            }
        } catch (NoSuchFileException e) {
            throw new DeployException("image not found: " + shown, e);
        } catch (ImageException e) {
            throw new DeployException(e.getMessage(), e);
        } catch (IOException e) {
            throw new DeployException(shown + ": " + e.getMessage(), e);
        }
    }

    private static Kind kindOf(AbiNote note, String shown) {
        if (note.target() == AbiTarget.HVT.code()) {
            return Kind.HVT;
        }
        if (note.target() == AbiTarget.SPT.code()) {
            return Kind.SPT;
        }
        throw new DeployException(shown + ": a Solo5 " + note.targetName()
                + " image; tender runs hvt and spt images");
    }
}
