package dev.tender.block;

import dev.tender.core.TenderException;
import dev.tender.core.sys.LibC;

/** A block device's backing file, opened read-write as Solo5 does (no O_CREAT: it must exist). */
record BackingFile(int fd, long capacity) {
    static BackingFile open(String path) throws TenderException {
        int fd = LibC.open(path, LibC.O_RDWR);
        if (fd < 0) {
            throw new TenderException("Could not open block device: " + path + ": " + LibC.strerror(LibC.errno()));
        }
        long capacity = LibC.lseek(fd, 0, LibC.SEEK_END);
        if (capacity < 0) {
            String reason = LibC.strerror(LibC.errno());
            LibC.close(fd);
            throw new TenderException(path + ": Could not determine capacity: " + reason);
        }
        return new BackingFile(fd, capacity);
    }
}
