package dev.tender.core.stats;

import dev.tender.core.TenderException;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.FileStat;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.UnixSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.LockSupport;

/**
 * The tender's stats socket: an AF_UNIX stream socket at the path {@code $TENDER_STATS_SOCKET} names (the unit
 * sets {@code /run/tender/NAME/stats.sock}). Each connection gets one {@link StatsJson} snapshot and is closed;
 * nothing a client sends is read. The socket is made before the tender confines itself, and serving it needs only
 * accept4 on it and a non-blocking sendto on what it accepted.
 */
public final class StatsServer {
    public static final String ENV = "TENDER_STATS_SOCKET";
    private static final long RETRY_NANOS = 100_000_000;

    private final int fd;
    private final StatsRegistry registry;
    private final String tender;
    private final long pid = ProcessHandle.current().pid();

    private StatsServer(int fd, StatsRegistry registry, String tender) {
        this.fd = fd;
        this.registry = registry;
        this.tender = tender;
    }

    /** The server {@code $TENDER_STATS_SOCKET} asks for, or null when it is unset or empty. */
    public static StatsServer fromEnvironment(StatsRegistry registry, String tender) throws TenderException {
        String path = System.getenv(ENV);
        return path == null || path.isEmpty() ? null : open(Path.of(path), registry, tender);
    }

    /**
     * Listens at {@code path}, replacing a socket left there by an earlier run; any other file there is refused.
     * The socket is the owner's alone (mode 0600).
     */
    public static StatsServer open(Path path, StatsRegistry registry, String tender) throws TenderException {
        String where = ENV + " " + path;
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if ((mode & FileStat.S_IFMT) != FileStat.S_IFSOCK) {
                    throw new TenderException(where + ": exists and is not a socket");
                }
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new TenderException(where + ": cannot replace the old socket: " + e.getMessage());
        }
        try {
            int fd = UnixSockets.listen(path.toString(), ENV);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return new StatsServer(fd, registry, tender);
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        } catch (IOException e) {
            throw new TenderException(where + ": " + e.getMessage());
        }
    }

    /** The listening socket, which the seccomp filter names. */
    public int fd() {
        return fd;
    }

    /** Serves on a daemon thread {@code tender-stats} until the process ends. */
    public void start() {
        Thread t = new Thread(this::serve, "tender-stats");
        t.setDaemon(true);
        t.start();
    }

    private void serve() {
        for (;;) {
            int conn;
            try {
                conn = UnixSockets.accept(fd);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EBADF || e.errno() == Errno.EINVAL) {
                    return;
                }
                LockSupport.parkNanos(RETRY_NANOS);      // out of descriptors or memory: try again later
                continue;
            }
            answer(conn);
        }
    }

    /** One snapshot to {@code conn}; a client that does not take it at once gets what fitted. */
    void answer(int conn) {
        try {
            UnixSockets.send(conn, StatsJson.encode(tender, pid, registry.snapshot()));
        } catch (ErrnoException e) {
            // the client left or its buffer is full: nothing to do for it
        } finally {
            LibC.closeQuietly(conn);
        }
    }
}
