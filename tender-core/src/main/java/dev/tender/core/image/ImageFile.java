package dev.tender.core.image;

import dev.tender.core.TenderException;
import dev.tender.core.sys.CheckedOpen;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
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

/**
 * The unikernel file, open for reading while the tender reads its notes and loads it. It is opened once, by
 * {@link CheckedOpen} (only a regular file is accepted, and a FIFO does not block); the Java side reads it through
 * a channel on the same open file ({@code /proc/self/fd/N} names the descriptor's file, not the path), and the
 * spt launcher inherits the descriptor itself ({@link #inheritableFd}), so every check applies to the bytes loaded.
 */
public final class ImageFile implements AutoCloseable {
    private static final String PROC_FD = "/proc/self/fd/";

    private final int fd;
    private final FileChannel channel;
    private final ElfImage elf;

    private ImageFile(int fd, FileChannel channel, ElfImage elf) {
        this.fd = fd;
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
        int fd;
        try {
            fd = CheckedOpen.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, false);
        } catch (ErrnoException e) {
            throw new TenderException(path + ": Could not open: " + e.reason());
        } catch (CheckedOpen.WrongType e) {
            throw new TenderException(path + NOT_REGULAR);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(Path.of(PROC_FD + fd), StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            CheckedOpen.closeQuietly(fd);
            throw new TenderException(path + ": Could not open: " + reason(e));
        }
        try {
            OptionalInt found = ElfImage.solo5Machine(ch);
            if (found.isPresent() && found.getAsInt() != machine) {
                throw new ImageException(path + ": image is for " + ElfImage.archName(found.getAsInt())
                        + "; this host is " + ElfImage.archName(machine));
            }
            return new ImageFile(fd, ch, ElfImage.read(ch, path, machine));
        } catch (ImageException e) {
            closeQuietly(ch);
            CheckedOpen.closeQuietly(fd);
            throw new TenderException(e.getMessage());
        }
    }

    /** What follows the path when KERNEL is not a regular file (a FIFO, socket, device or directory). */
    public static final String NOT_REGULAR = ": not a regular file";

    /**
     * The image's descriptor, made inheritable across execve (the spt launcher loads the segments from it and
     * closes it before the guest starts). It stays open until {@link #close}.
     */
    public int inheritableFd() throws TenderException {
        try {
            CheckedOpen.keepAcrossExec(fd);
        } catch (ErrnoException e) {
            throw new TenderException(elf.name() + ": Could not pass the image on: " + e.reason());
        }
        return fd;
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
        CheckedOpen.closeQuietly(fd);
    }
}
