package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Direct-mapped libc calls (files, memory, ioctl). Addresses and sizes are plain longs, so no JNA type
 * leaves this package. Raw methods return what libc returns; {@link #check} turns -1 into an exception.
 */
public final class LibC {
    static {
        Native.register(NativeLibrary.getProcess());
    }

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final long MAP_FAILED = -1L;
    public static final int SEEK_END = 2;
    public static final int F_SETFL = 4;

    private LibC() {
    }

    public static native int open(String path, int flags);

    public static native int close(int fd);

    public static native long read(int fd, long buf, long count);

    public static native long write(int fd, long buf, long count);

    public static native long pread(int fd, long buf, long count, long offset);

    public static native long pwrite(int fd, long buf, long count, long offset);

    public static native int ioctl(int fd, long request, long arg);

    public static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    public static native int munmap(long addr, long length);

    public static native int mprotect(long addr, long length, int prot);

    public static native int fcntl(int fd, int cmd, long arg);

    public static native long lseek(int fd, long offset, int whence);

    public static native int socket(int domain, int type, int protocol);

    public static native String strerror(int errnum);

    /** errno of the last native call made by this thread. */
    public static int errno() {
        return Native.getLastError();
    }

    /** Returns {@code result} unless it is negative, in which case errno becomes an {@link ErrnoException}. */
    public static long check(long result, String operation) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(operation, errno());
        }
        return result;
    }

    public static int check(int result, String operation) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(operation, errno());
        }
        return result;
    }

    /** close(2), ignoring errors: for clean-up paths. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }
}
