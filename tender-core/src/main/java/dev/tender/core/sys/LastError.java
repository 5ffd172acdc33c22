package dev.tender.core.sys;

import com.sun.jna.Native;

/**
 * errno of the calling thread's last native call, and the check every binding of this package makes on a call's
 * result. A class of its own, so that a binding other than {@link LibC} (such as {@link FileCalls}) can use it
 * without initialising LibC, whose initialiser binds all of libc.
 */
final class LastError {
    private LastError() {
    }

    /** errno of this thread's last native call; read it right after the call. */
    static int errno() {
        return Native.getLastError();
    }

    /** Returns {@code result} unless it is negative, in which case errno becomes an {@link ErrnoException}. */
    static long check(long result, String operation) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(operation, errno());
        }
        return result;
    }

    static int check(int result, String operation) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(operation, errno());
        }
        return result;
    }
}
