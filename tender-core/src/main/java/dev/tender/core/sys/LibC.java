package dev.tender.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libc calls the tender makes (files, memory, ioctl), direct-mapped through JNA. Addresses and sizes are
 * plain longs, so no JNA type leaves this package.
 *
 * <p>One error convention: a failed call throws an {@link ErrnoException} naming the operation and carrying
 * errno, raised here; callers never see -1 and never read errno. The only exceptions are clean-up calls whose
 * failure nobody could act on ({@link #closeQuietly}, {@link #munmapQuietly}), and EAGAIN on a non-blocking
 * read, which is a result ({@link #readNonBlocking}), not a failure.
 */
public final class LibC {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
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
    public static final int SEEK_END = 2;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;


    /** What {@link #readNonBlocking} returns when the fd has nothing to read (EAGAIN). */
    public static final long WOULD_BLOCK = -1;

    static {
        Calls.bind();
    }

    private LibC() {
    }

    /** open(2) without O_CREAT; the operation is named {@code open PATH}. */
    public static int open(String path, int flags) throws ErrnoException {
        return check(Calls.open(path, flags), "open " + path);
    }

    /** read(2): the number of bytes read, 0 at end of file. */
    public static long read(int fd, long buf, long count) throws ErrnoException {
        return check(Calls.read(fd, buf, count), "read");
    }

    /** read(2) on a non-blocking fd: the number of bytes read, 0 at end of file, {@link #WOULD_BLOCK} on EAGAIN. */
    public static long readNonBlocking(int fd, long buf, long count) throws ErrnoException {
        long n = Calls.read(fd, buf, count);
        if (n < 0) {
            int errno = errno();
            if (errno == Errno.EAGAIN) {
                return WOULD_BLOCK;
            }
            throw new ErrnoException("read", errno);
        }
        return n;
    }

    /** write(2): the number of bytes written (which may be fewer than {@code count}). */
    public static long write(int fd, long buf, long count) throws ErrnoException {
        return check(Calls.write(fd, buf, count), "write");
    }

    public static long pread(int fd, long buf, long count, long offset) throws ErrnoException {
        return check(Calls.pread(fd, buf, count, offset), "pread");
    }

    public static long pwrite(int fd, long buf, long count, long offset) throws ErrnoException {
        return check(Calls.pwrite(fd, buf, count, offset), "pwrite");
    }

    /** ioctl(2) with an integer or pointer argument; a failure is named after the request ({@code name}). */
    public static int ioctl(int fd, long request, long arg, String name) throws ErrnoException {
        return check(Calls.ioctl(fd, request, arg), name);
    }

    /** mmap(2); a failure is named {@code operation} (e.g. {@code mmap kvm_run}). */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset, String operation)
            throws ErrnoException {
        return check(Calls.mmap(addr, length, prot, flags, fd, offset), operation);
    }

    public static void mprotect(long addr, long length, int prot) throws ErrnoException {
        check(Calls.mprotect(addr, length, prot), "mprotect");
    }

    /**
     * mincore(2): one byte per host page of {@code [addr, addr+length)} written at {@code vecAddr}, bit 0 set
     * where the page is resident; {@code addr} must be page aligned.
     */
    public static void mincore(long addr, long length, long vecAddr) throws ErrnoException {
        check(Calls.mincore(addr, length, vecAddr), "mincore");
    }

    /** The host's page size (getpagesize(3)), the unit of {@link #mincore}. */
    public static int pageSize() {
        return Calls.getpagesize();
    }

    public static int fcntl(int fd, int cmd, long arg) throws ErrnoException {
        return check(Calls.fcntl(fd, cmd, arg), "fcntl");
    }

    public static long lseek(int fd, long offset, int whence) throws ErrnoException {
        return check(Calls.lseek(fd, offset, whence), "lseek");
    }

    public static int socket(int domain, int type, int protocol) throws ErrnoException {
        return check(Calls.socket(domain, type, protocol), "socket");
    }

    /** close(2) for clean-up paths: a negative fd is skipped, a failure ignored. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            Calls.close(fd);
        }
    }

    /** munmap(2) for clean-up paths: a failure is ignored. */
    public static void munmapQuietly(long addr, long length) {
        Calls.munmap(addr, length);
    }

    /** errno of this thread's last native call; only the sys classes read it, right after the call. */
    static int errno() {
        return LastError.errno();
    }

    /** Returns {@code result} unless it is negative, in which case errno becomes an {@link ErrnoException}. */
    static long check(long result, String operation) throws ErrnoException {
        return LastError.check(result, operation);
    }

    static int check(int result, String operation) throws ErrnoException {
        return LastError.check(result, operation);
    }

    /** The raw calls: they return what libc returns and leave errno for {@link #errno()}. */
    static final class Calls {
        static {
            Native.register(Calls.class, NativeLibrary.getProcess());
        }

        private Calls() {
        }

        /** Binds the natives (class initialisation); {@link LibC}'s initialiser calls it. */
        static void bind() {
            // the static initialiser does the work
        }

        static native int open(String path, int flags);

        static native int close(int fd);

        static native long read(int fd, long buf, long count);

        static native long write(int fd, long buf, long count);

        static native long pread(int fd, long buf, long count, long offset);

        static native long pwrite(int fd, long buf, long count, long offset);

        static native int ioctl(int fd, long request, long arg);

        static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

        static native int munmap(long addr, long length);

        static native int mprotect(long addr, long length, int prot);

        static native int mincore(long addr, long length, long vec);

        static native int getpagesize();

        static native int fcntl(int fd, int cmd, long arg);

        static native long lseek(int fd, long offset, int whence);

        static native int socket(int domain, int type, int protocol);
    }
}
