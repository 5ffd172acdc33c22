package dev.tender.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of real test images with one field of a Solo5 note changed, for the loader's error paths. */
final class Images {
    static final int ABI1 = 0x31494241;
    static final int MFT1 = 0x3154464d;

    private Images() {
    }

    /** Offset of the note header (namesz 6, "Solo5", given type) in the file. */
    static int findNote(byte[] elf, int type) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 20 <= elf.length; i += 4) {
            if (b.getInt(i) == 6 && b.getInt(i + 8) == type && elf[i + 12] == 'S' && elf[i + 13] == 'o'
                    && elf[i + 14] == 'l' && elf[i + 15] == 'o' && elf[i + 16] == '5' && elf[i + 17] == 0) {
                return i;
            }
        }
        throw new AssertionError("note " + Integer.toHexString(type) + " not found");
    }

    /** Writes a copy of {@code source} to {@code dir/name} with the u32 at {@code note + offset} set. */
    static Path patchNote(Path source, Path dir, String name, int type, int offset, int value) throws IOException {
        byte[] elf = Files.readAllBytes(source);
        int note = findNote(elf, type);
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putInt(note + offset, value);
        Path out = dir.resolve(name);
        Files.write(out, elf);
        return out;
    }
}
