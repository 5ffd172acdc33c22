package dev.tender.spt.sys;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.tender.core.sys.ErrnoException;

/**
 * The few libc calls {@code tender spt} makes itself: probe the guest memory allocation and hand the process over
 * to the launcher (memfd_create, write, fexecve). A failure is an {@link ErrnoException} naming the call, as
 * from every sys class; its strerror text is looked up only when a message is printed.
 *
 * <p>The functions are looked up once as {@link Function} objects rather than bound with {@code Native.register},
 * whose reflection costs tens of milliseconds at start-up for calls made once. Initialising JNA itself takes
 * about 35 ms (mostly java.util.logging, which JNA's {@code Native} class sets up); {@link #warmUp()} lets a
 * background thread pay that while the Java side validates the image.
 */
public final class SptSys {
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MFD_CLOEXEC = 0x1;
    /** Linux 6.3+: say explicitly that the memfd will be executed (older kernels reject it: EINVAL). */
    public static final int MFD_EXEC = 0x10;
    public static final int EINVAL = 22;

    private static final Function MMAP;
    private static final Function MUNMAP;
    private static final Function MEMFD_CREATE;
    private static final Function WRITE;
    private static final Function FEXECVE;
    private static final Function EXECVE;

    static {
        NativeLibrary libc = NativeLibrary.getProcess();
        MMAP = libc.getFunction("mmap");
        MUNMAP = libc.getFunction("munmap");
        MEMFD_CREATE = libc.getFunction("memfd_create");
        WRITE = libc.getFunction("write");
        FEXECVE = libc.getFunction("fexecve");
        EXECVE = libc.getFunction("execve");
    }

    private SptSys() {
    }

    /** Initialises JNA and looks up the functions (class initialisation); safe to call from any thread. */
    public static void warmUp() {
        // the static initialiser does the work
    }

    /**
     * Checks that {@code mmap(NULL, length, prot, MAP_PRIVATE | MAP_ANONYMOUS)} succeeds here; the mapping is
     * released at once.
     */
    public static void probeAnonymousMapping(long length, int prot) throws ErrnoException {
        long p = MMAP.invokeLong(new Object[] {null, length, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L});
        if (p == -1L) {
            throw new ErrnoException("mmap", errno());
        }
        MUNMAP.invokeInt(new Object[] {new Pointer(p), length});
    }

    /** memfd_create(2): a new memfd. */
    public static int memfdCreate(String name, int flags) throws ErrnoException {
        int fd = MEMFD_CREATE.invokeInt(new Object[] {name, flags});
        if (fd < 0) {
            throw new ErrnoException("memfd_create", errno());
        }
        return fd;
    }

    /** Writes all of {@code data} to {@code fd}. */
    public static void writeAll(int fd, byte[] data) throws ErrnoException {
        int done = 0;
        while (done < data.length) {
            byte[] chunk = done == 0 ? data : java.util.Arrays.copyOfRange(data, done, data.length);
            long n = WRITE.invokeLong(new Object[] {fd, chunk, (long) chunk.length});
            if (n < 0) {
                throw new ErrnoException("write", errno());
            }
            done += (int) n;
        }
    }

    /** fexecve(3): replaces the process, so it returns only by throwing. */
    public static void fexecve(int fd, String[] argv, String[] envp) throws ErrnoException {
        FEXECVE.invokeInt(new Object[] {fd, argv, envp});
        throw new ErrnoException("fexecve", errno());
    }

    /** execve(2): replaces the process, so it returns only by throwing. */
    public static void execve(String path, String[] argv, String[] envp) throws ErrnoException {
        EXECVE.invokeInt(new Object[] {path, argv, envp});
        throw new ErrnoException("execve " + path, errno());
    }

    /** errno of this thread's last call through JNA, read right after the call that failed. */
    private static int errno() {
        return Native.getLastError();
    }
}
