package dev.tender.core.sys;

/**
 * Opens a file the tender reads or serves (the unikernel image, a block device's backing file) so that a FIFO,
 * socket, device or directory named instead is refused at once rather than blocking or misbehaving: the file is
 * opened with O_NONBLOCK (open(2) on a FIFO then returns at once instead of waiting for a writer), its type is
 * taken with fstat on the new descriptor, and only then is O_NONBLOCK cleared. The type check is made on the
 * descriptor the caller goes on to use, so no file swapped in under the path can slip past it. The calls go
 * through {@link FileCalls}, not {@link LibC}: opening the image is on every start's critical path.
 */
public final class CheckedOpen {
    private CheckedOpen() {
    }

    /** The file is of a type the caller does not accept. */
    public static final class WrongType extends Exception {
        private final int type;

        WrongType(int type) {
            super(null, null, false, false);
            this.type = type;
        }

        /** The file's type bits (one of the {@code FileStat.S_IF*} values). */
        public int type() {
            return type;
        }
    }

    /**
     * Opens {@code path} with {@code flags} (an access mode and optionally O_CLOEXEC; no status flags), accepting
     * regular files, and block devices too if {@code blockDevices}. Returns the descriptor, blocking mode.
     */
    public static int open(String path, int flags, boolean blockDevices) throws ErrnoException, WrongType {
        int fd;
        try {
            fd = FileCalls.open(path, flags | LibC.O_NONBLOCK);
        } catch (ErrnoException e) {
            refineRefusal(path, e, blockDevices);
            throw e;
        }
        try {
            int type = FileCalls.fstat(fd).type();
            if (!accepted(type, blockDevices)) {
                throw new WrongType(type);
            }
            FileCalls.fcntl(fd, LibC.F_SETFL, FileCalls.fcntl(fd, LibC.F_GETFL, 0) & ~LibC.O_NONBLOCK);
            return fd;
        } catch (ErrnoException | WrongType e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    /** Clears close-on-exec on {@code fd} (a descriptor from {@link #open}), so that it survives an execve. */
    public static void keepAcrossExec(int fd) throws ErrnoException {
        FileCalls.fcntl(fd, LibC.F_SETFD, 0);
    }

    /** Closes a descriptor from {@link #open}; a negative fd is skipped, a failure ignored. */
    public static void closeQuietly(int fd) {
        FileCalls.closeQuietly(fd);
    }

    static boolean accepted(int type, boolean blockDevices) {
        return type == FileStat.S_IFREG || (blockDevices && type == FileStat.S_IFBLK);
    }

    /**
     * A socket cannot be opened at all (ENXIO), nor a directory for writing (EISDIR): for those failures, a
     * stat of the path decides whether the refusal is worded as a wrong type, like a FIFO's or a device's.
     * This only picks the message; nothing was opened, so a race with a rename changes the wording at most.
     */
    private static void refineRefusal(String path, ErrnoException e, boolean blockDevices) throws WrongType {
        if (e.errno() != Errno.ENXIO && e.errno() != Errno.EISDIR) {
            return;
        }
        FileStat st;
        try {
            st = FileCalls.stat(path);
        } catch (ErrnoException ignored) {
            return;
        }
        if (!accepted(st.type(), blockDevices)) {
            throw new WrongType(st.type());
        }
    }
}
