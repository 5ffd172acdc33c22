package dev.tender.net;

import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.net.sys.TapIoctl;

/**
 * Attaches a TAP interface as Solo5's tap_attach does (docs/cli.md §2.5). Every failure is an
 * {@link ErrnoException}: from the system call that failed, or carrying the errno Solo5 sets for a check of
 * its own (a name too long, an interface that is down); users see its strerror text.
 */
final class TapAttach {
    static final int ENODEV = 19;
    static final int ERANGE = 34;
    static final int ENAMETOOLONG = 36;
    static final int ENETDOWN = 100;

    /** An attached TAP: its non-blocking fd and the interface MTU. */
    record Tap(int fd, int mtu) {
    }

    private TapAttach() {
    }

    static Tap attach(String iface) throws ErrnoException {
        return iface.startsWith("@") ? attachFd(iface.substring(1)) : attachNamed(iface);
    }

    private static Tap attachNamed(String name) throws ErrnoException {
        String op = "attach " + name;
        if (name.length() >= TapIoctl.IFNAMSIZ) {
            throw new ErrnoException(op, ENAMETOOLONG);
        }
        int flags;
        try {
            flags = TapIoctl.flags(name);
        } catch (ErrnoException e) {
            if (e.errno() == ENODEV) {
                throw new ErrnoException(e.operation(), Errno.ENOENT);
            }
            throw e;
        }
        if ((flags & (TapIoctl.IFF_UP | TapIoctl.IFF_RUNNING)) == 0) {
            throw new ErrnoException(op, ENETDOWN);
        }
        String[] bound = new String[1];
        int fd = TapIoctl.openTap(name, bound);
        if (!bound[0].equals(name)) {
            LibC.closeQuietly(fd);
            throw new ErrnoException(op, Errno.EINVAL);
        }
        return finish(fd, name, true);
    }

    /**
     * {@code @NN}: an fd the caller already opened. Solo5 v0.12.1 never reads the MTU on this path, so it
     * always fails there; tender asks the kernel which interface the fd is bound to and reads its MTU.
     */
    private static Tap attachFd(String digits) throws ErrnoException {
        String op = "attach @" + digits;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ErrnoException(op, Errno.EINVAL);
        }
        long fd;
        try {
            fd = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            fd = Long.MAX_VALUE;
        }
        if (fd > Integer.MAX_VALUE) {
            throw new ErrnoException(op, ERANGE);
        }
        LibC.fcntl((int) fd, LibC.F_SETFL, LibC.O_NONBLOCK);
        return finish((int) fd, TapIoctl.boundName((int) fd), false);
    }

    private static Tap finish(int fd, String name, boolean owned) throws ErrnoException {
        int mtu;
        try {
            mtu = TapIoctl.mtu(name);
        } catch (ErrnoException e) {
            if (owned) {
                LibC.closeQuietly(fd);
            }
            throw e;
        }
        TapIoctl.disableOffloads(name);
        return new Tap(fd, mtu);
    }
}
