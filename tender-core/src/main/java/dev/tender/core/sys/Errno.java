package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** errno values the tender reacts to, and their strerror(3) text. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;

    static {
        Native.register(Errno.class, NativeLibrary.getProcess());
    }

    private Errno() {
    }

    /** The C library's message for {@code errno}, as strerror(3) gives it. */
    public static String message(int errno) {
        return strerror(errno);
    }

    private static native String strerror(int errnum);
}
