package dev.tender.manifest.elftool;

import dev.tender.manifest.DeviceType;
import dev.tender.manifest.ImageException;
import dev.tender.manifest.InvalidManifestException;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import dev.tender.manifest.elf.AbiNote;
import dev.tender.manifest.elf.ElfImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** {@code query-manifest} and {@code query-abi} ({@code docs/manifest.md} §5.2–§5.3). */
final class Query {
    private final ToIntFunction<String> fail;
    private final PrintStream out;

    /** What follows BINARY when it is a FIFO, socket, device or directory. */
    static final String NOT_REGULAR = ": not a regular file";

    Query(ToIntFunction<String> fail, PrintStream out) {
        this.fail = fail;
        this.out = out;
    }

    int manifest(String binary) {
        try (FileChannel ch = openRegular(binary)) {
            if (ch == null) {
                return fail.applyAsInt(binary + NOT_REGULAR);
            }
            ElfImage img = ElfImage.readAnySolo5(ch, binary);
            Optional<ByteBuffer> desc = img.findNote(Manifest.NOTE_TYPE, Manifest.NOTE_ALIGN, Manifest.NOTE_MAX_SIZE);
            if (desc.isEmpty()) {
                return fail.applyAsInt(binary + ": No Solo5 manifest found in executable");
            }
            Manifest mft;
            try {
                mft = Manifest.decode(desc.get());
            } catch (InvalidManifestException e) {
                return fail.applyAsInt(binary + ": Manifest validation failed");
            }
            print(render(mft));
            return 0;
        } catch (ImageException e) {
            return fail.applyAsInt(e.getMessage());
        } catch (IOException e) {
            return fail.applyAsInt(binary + ": Could not open: " + Errno.strerror(e));
        }
    }

    /** The JSON text query-manifest prints; names are copied byte for byte. */
    static byte[] render(Manifest mft) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ascii(b, "{\n  \"type\": \"solo5.manifest\",\n  \"version\": " + Manifest.VERSION + ",\n  \"devices\": [\n");
        int last = mft.entries().size() - 1;
        for (ManifestEntry e : mft.entries()) {
            if (!DeviceType.isUserDevice(e.typeCode())) {
                continue;
            }
            ascii(b, "    { \"name\": \"");
            b.writeBytes(e.nameBytes());
            ascii(b, "\", \"type\": \"" + DeviceType.printName(e.typeCode()) + "\" }"
                    + (e.index() == last ? "" : ",") + "\n");
        }
        ascii(b, "  ]\n}\n");
        return b.toByteArray();
    }

    int abi(String binary) {
        try (FileChannel ch = openRegular(binary)) {
            if (ch == null) {
                return fail.applyAsInt(binary + NOT_REGULAR);
            }
            ElfImage img = ElfImage.readAnySolo5(ch, binary);
            Optional<AbiNote> abi = AbiNote.read(img);
            if (abi.isEmpty()) {
                return fail.applyAsInt(binary + ": No Solo5 ABI information found in executable");
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ascii(b, "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"" + abi.get().targetName()
                    + "\",\n  \"version\": " + Integer.toUnsignedString(abi.get().version()) + "\n}\n");
            print(b.toByteArray());
            return 0;
        } catch (ImageException e) {
            return fail.applyAsInt(e.getMessage());
        } catch (IOException e) {
            return fail.applyAsInt(binary + ": Could not open: " + Errno.strerror(e));
        }
    }

    /**
     * Opens BINARY for reading if it is a regular file (following symbolic links), or returns null. open(2) of a
     * FIFO for reading waits for a writer, and Java offers no O_NONBLOCK open, so the type is taken by path
     * first (stat(2), which never blocks) and nothing else is opened. This module has no native access, so the
     * open file cannot be checked again: if a FIFO replaces the path between the check and the open, the open
     * waits for a writer (a directory, socket or device swapped in fails or reads as no ELF image instead).
     */
    static FileChannel openRegular(String binary) throws IOException {
        Path p = Elftool.path(binary);
        if (!Files.readAttributes(p, BasicFileAttributes.class).isRegularFile()) {
            return null;
        }
        return FileChannel.open(p, StandardOpenOption.READ);
    }

    private void print(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private static void ascii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
