package dev.tender.core.sys;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * The file calls of {@link CheckedOpen} (open, fcntl, statx, close), looked up as single {@link Function}
 * objects: opening the image is the tender's first native call, and binding {@link LibC} by
 * {@code Native.register} at that point would put its reflection (about 20 ms in a cold JVM) on every start's
 * critical path. A failure is an {@link ErrnoException} naming the call.
 */
final class FileCalls {
    private static final Function OPEN;
    private static final Function FCNTL;
    private static final Function STATX;
    private static final Function CLOSE;

    static {
        NativeLibrary libc = NativeLibrary.getProcess();
        OPEN = libc.getFunction("open");
        FCNTL = libc.getFunction("fcntl");
        STATX = libc.getFunction("statx");
        CLOSE = libc.getFunction("close");
    }

    private FileCalls() {
    }

    static int open(String path, int flags) throws ErrnoException {
        return LastError.check(OPEN.invokeInt(new Object[] {path, flags}), "open " + path);
    }

    static int fcntl(int fd, int cmd, long arg) throws ErrnoException {
        return LastError.check(FCNTL.invokeInt(new Object[] {fd, cmd, arg}), "fcntl");
    }

    static FileStat fstat(int fd) throws ErrnoException {
        return statx(fd, "", FileStat.AT_EMPTY_PATH, "fstat");
    }

    static FileStat stat(String path) throws ErrnoException {
        return statx(FileStat.AT_FDCWD, path, 0, "stat " + path);
    }

    private static FileStat statx(int dirfd, String path, int flags, String operation) throws ErrnoException {
        byte[] buf = new byte[FileStat.STATX_BYTES];
        LastError.check(STATX.invokeInt(new Object[] {dirfd, path, flags, FileStat.STATX_MASK, buf}), operation);
        return FileStat.fromStatx(buf);
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            CLOSE.invokeInt(new Object[] {fd});
        }
    }
}
