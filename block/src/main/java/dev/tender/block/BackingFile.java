package dev.tender.block;

import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;

/** A block device's backing file, opened read-write as Solo5 does (no O_CREAT: it must exist). */
record BackingFile(int fd, long capacity) {
    static BackingFile open(String path) throws TenderException {
        int fd;
        try {
            fd = LibC.open(path, LibC.O_RDWR);
        } catch (ErrnoException e) {
            throw new TenderException("Could not open block device: " + path + ": " + e.reason());
        }
        try {
            return new BackingFile(fd, LibC.lseek(fd, 0, LibC.SEEK_END));
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw new TenderException(path + ": Could not determine capacity: " + e.reason());
        }
    }
}
