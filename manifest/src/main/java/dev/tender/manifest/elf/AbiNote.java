package dev.tender.manifest.elf;

import dev.tender.manifest.ImageException;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The Solo5 ABI1 note ({@code .note.solo5.abi}, {@code docs/abi.md} §2.3):
 * {@code {u32 abi_target, u32 abi_version, u32 reserved0, u32 reserved1}}.
 *
 * @param target  raw {@code abi_target} (see {@link AbiTarget})
 * @param version raw {@code abi_version} (a u32; print it unsigned)
 */
public record AbiNote(int target, int version) {
    /** Note type "ABI1". */
    public static final int NOTE_TYPE = 0x31494241;
    /** Internal alignment of the descriptor (no padding). */
    public static final int NOTE_ALIGN = 4;
    /** Largest accepted {@code n_descsz}. */
    public static final int NOTE_MAX_SIZE = 32;
    /** The only ABI version the hvt and spt tenders accept. */
    public static final int SUPPORTED_VERSION = 2;

    /**
     * Reads the ABI1 note of an image. A descriptor shorter than 8 bytes
     * (which Solo5 reads past the end of its buffer) yields zeros for the
     * missing bytes.
     */
    public static Optional<AbiNote> read(ElfImage img) throws ImageException {
        Optional<ByteBuffer> desc = img.findNote(NOTE_TYPE, NOTE_ALIGN, NOTE_MAX_SIZE);
        if (desc.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer b = desc.get();
        return Optional.of(new AbiNote(u32(b, 0), u32(b, 4)));
    }

    private static int u32(ByteBuffer b, int off) {
        int v = 0;
        for (int k = 3; k >= 0; k--) {
            int idx = off + k;
            v = (v << 8) | (idx < b.limit() ? (b.get(idx) & 0xff) : 0);
        }
        return v;
    }

    /** Print name of {@link #target()}. */
    public String targetName() {
        return AbiTarget.printName(target);
    }

    /**
     * The tender's ABI check, in Solo5's order: a note must exist, its target
     * must be {@code target}, and its version {@link #SUPPORTED_VERSION}.
     *
     * @param tenderName the tender's name in the target message:
     *                   {@code solo5-hvt} or {@code solo5-spt}
     * @return the note
     * @throws ImageException {@code <name>: No Solo5 ABI information found in executable},
     *         {@code <name>: Executable is not for the <tenderName> target} or
     *         {@code <name>: Executable requests unsupported ABI version <v>}
     */
    public static AbiNote requireAbi(ElfImage img, int target, String tenderName) throws ImageException {
        return requireAbi(img, target, SUPPORTED_VERSION, tenderName);
    }

    /** As {@link #requireAbi(ElfImage, int, String)} with an explicit ABI version. */
    public static AbiNote requireAbi(ElfImage img, int target, int version, String tenderName)
            throws ImageException {
        AbiNote abi = read(img).orElseThrow(() ->
                new ImageException(img.name() + ": No Solo5 ABI information found in executable"));
        if (abi.target != target) {
            throw new ImageException(img.name() + ": Executable is not for the " + tenderName + " target");
        }
        if (abi.version != version) {
            throw new ImageException(img.name() + ": Executable requests unsupported ABI version "
                    + Integer.toUnsignedString(abi.version));
        }
        return abi;
    }
}
