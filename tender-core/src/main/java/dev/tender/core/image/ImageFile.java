package dev.tender.core.image;

import dev.tender.core.TenderException;
import dev.tender.manifest.ImageException;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.elf.AbiNote;
import dev.tender.manifest.elf.ElfImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/** The unikernel file, open for reading while the tender reads its notes and loads it. */
public final class ImageFile implements AutoCloseable {
    private final FileChannel channel;
    private final ElfImage elf;

    private ImageFile(FileChannel channel, ElfImage elf) {
        this.channel = channel;
        this.elf = elf;
    }

    /** The file's size in bytes. */
    public long size() throws TenderException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new TenderException(elf.name() + ": Could not determine file size: " + reason(e));
        }
    }

    /**
     * Opens {@code path} and reads its ELF header and program headers (messages name the path as given). An
     * image for the other Solo5 architecture is refused in one line that names both; anything else that is not
     * an image for {@code machine} gets the loader's usual message.
     */
    public static ImageFile open(String path, int machine) throws TenderException {
        FileChannel ch;
        try {
            ch = FileChannel.open(Path.of(path), StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            throw new TenderException(path + ": Could not open: " + reason(e));
        }
        try {
            OptionalInt found = ElfImage.solo5Machine(ch);
            if (found.isPresent() && found.getAsInt() != machine) {
                throw new ImageException(path + ": image is for " + ElfImage.archName(found.getAsInt())
                        + "; this host is " + ElfImage.archName(machine));
            }
            return new ImageFile(ch, ElfImage.read(ch, path, machine));
        } catch (ImageException e) {
            closeQuietly(ch);
            throw new TenderException(e.getMessage());
        }
    }

    /** strerror-style text for a failed open. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Checks the ABI note (target, version) and reads and validates the manifest note, in Solo5's order and
     * words ({@code tenderName} is solo5-hvt or solo5-spt).
     */
    public Manifest manifest(int abiTarget, String tenderName) throws TenderException {
        try {
            AbiNote.requireAbi(elf, abiTarget, tenderName);
            return Manifest.fromImage(elf);
        } catch (ImageException e) {
            throw new TenderException(e.getMessage());
        }
    }

    public ElfImage elf() {
        return elf;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was read through it
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
