package dev.tender.block;

import dev.tender.core.TenderException;
import dev.tender.core.sys.CheckedOpen;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;

/**
 * A block device's backing file, opened read-write as Solo5 does (no O_CREAT: it must exist). Only a regular file
 * or a block device is accepted; anything else (a FIFO, socket, character device, directory) is refused at once,
 * without blocking ({@link CheckedOpen}).
 */
record BackingFile(int fd, long capacity) {
    /** What follows the path when it names neither a regular file nor a block device. */
    static final String WRONG_TYPE = ": not a regular file or block device";

    static BackingFile open(String path) throws TenderException {
        int fd;
        try {
            fd = CheckedOpen.open(path, LibC.O_RDWR, true);
        } catch (ErrnoException e) {
            throw new TenderException("Could not open block device: " + path + ": " + e.reason());
        } catch (CheckedOpen.WrongType e) {
            throw new TenderException("Could not open block device: " + path + WRONG_TYPE);
        }
        try {
            return new BackingFile(fd, LibC.lseek(fd, 0, LibC.SEEK_END));
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw new TenderException(path + ": Could not determine capacity: " + e.reason());
        }
    }
}
