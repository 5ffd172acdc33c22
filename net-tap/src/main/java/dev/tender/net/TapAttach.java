package dev.tender.net;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.net.sys.TapIoctl;

/** Attaches a TAP interface as Solo5's tap_attach does (docs/cli.md §2.5); failures carry the strerror text. */
final class TapAttach {
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int ENAMETOOLONG = 36;
    static final int ENETDOWN = 100;

    /** An attached TAP: its non-blocking fd and the interface MTU. */
    record Tap(int fd, int mtu) {
    }

    /** Why attaching failed: errno, printed with strerror. */
    static final class Failure extends Exception {
        Failure(int errno) {
            super(LibC.strerror(errno), null, false, false);
        }
    }

    private TapAttach() {
    }

    static Tap attach(String iface) throws Failure {
        return iface.startsWith("@") ? attachFd(iface.substring(1)) : attachNamed(iface);
    }

    private static Tap attachNamed(String name) throws Failure {
        if (name.length() >= TapIoctl.IFNAMSIZ) {
            throw new Failure(ENAMETOOLONG);
        }
        int flags;
        try {
            flags = TapIoctl.flags(name);
        } catch (ErrnoException e) {
            throw new Failure(e.errno() == ENODEV ? 2 : e.errno());
        }
        if ((flags & (TapIoctl.IFF_UP | TapIoctl.IFF_RUNNING)) == 0) {
            throw new Failure(ENETDOWN);
        }
        String[] bound = new String[1];
        int fd;
        try {
            fd = TapIoctl.openTap(name, bound);
        } catch (ErrnoException e) {
            throw new Failure(e.errno());
        }
        if (!bound[0].equals(name)) {
            LibC.close(fd);
            throw new Failure(EINVAL);
        }
        return finish(fd, name, true);
    }

    /**
     * {@code @NN}: an fd the caller already opened. Solo5 v0.12.1 never reads the MTU on this path, so it
     * always fails there; tender asks the kernel which interface the fd is bound to and reads its MTU.
     */
    private static Tap attachFd(String digits) throws Failure {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Failure(EINVAL);
        }
        long fd;
        try {
            fd = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            fd = Long.MAX_VALUE;
        }
        if (fd > Integer.MAX_VALUE) {
            throw new Failure(ERANGE);
        }
        if (LibC.fcntl((int) fd, LibC.F_SETFL, LibC.O_NONBLOCK) < 0) {
            throw new Failure(LibC.errno());
        }
        String name;
        try {
            name = TapIoctl.boundName((int) fd);
        } catch (ErrnoException e) {
            throw new Failure(e.errno());
        }
        return finish((int) fd, name, false);
    }

    private static Tap finish(int fd, String name, boolean owned) throws Failure {
        int mtu;
        try {
            mtu = TapIoctl.mtu(name);
        } catch (ErrnoException e) {
            if (owned) {
                LibC.close(fd);
            }
            throw new Failure(e.errno());
        }
        TapIoctl.disableOffloads(name);
        return new Tap(fd, mtu);
    }
}
