package dev.tender.net.sys;

import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import java.nio.charset.StandardCharsets;

/**
 * Linux TUN/TAP and interface ioctls (linux/if_tun.h, linux/sockios.h, linux/ethtool.h): struct ifreq is
 * laid out by hand (checked by TapIoctlLayoutTest). Failures are {@link ErrnoException}s, as from every sys call.
 */
public final class TapIoctl {
    public static final String TUN_DEVICE = "/dev/net/tun";
    public static final long TUNSETIFF = 0x400454caL;
    public static final long TUNGETIFF = 0x800454d2L;
    public static final long SIOCGIFFLAGS = 0x8913L;
    public static final long SIOCGIFMTU = 0x8921L;
    public static final long SIOCETHTOOL = 0x8946L;
    public static final short IFF_TAP = 0x0002;
    public static final short IFF_NO_PI = 0x1000;
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int ETHTOOL_SGSO = 0x24;
    public static final int ETHTOOL_SGRO = 0x2c;
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    /** IFNAMSIZ: names are at most 15 bytes plus NUL. */
    public static final int IFNAMSIZ = 16;
    /** sizeof(struct ifreq), and where its union (flags, mtu, data pointer) starts. */
    public static final int IFREQ_SIZE = 40;
    public static final int IFREQ_UNION = 16;

    private TapIoctl() {
    }

    private static void putName(NativeMemory ifr, String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        ifr.clear();
        ifr.write(0, java.util.Arrays.copyOf(b, Math.min(b.length, IFNAMSIZ - 1)));
    }

    /** Opens /dev/net/tun non-blocking and binds it to TAP {@code name}; returns the fd and the kernel's name. */
    public static int openTap(String name, String[] actualName) throws ErrnoException {
        int fd = LibC.open(TUN_DEVICE, LibC.O_RDWR | LibC.O_NONBLOCK);
        try (NativeMemory ifr = new NativeMemory(IFREQ_SIZE)) {
            putName(ifr, name);
            ifr.putShort(IFREQ_UNION, (short) (IFF_TAP | IFF_NO_PI));
            LibC.ioctl(fd, TUNSETIFF, ifr.address(), "TUNSETIFF");
            actualName[0] = cString(ifr.read(0, IFNAMSIZ));
            return fd;
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** TUNGETIFF: the name of the interface a TUN/TAP fd is bound to. */
    public static String boundName(int fd) throws ErrnoException {
        try (NativeMemory ifr = new NativeMemory(IFREQ_SIZE)) {
            LibC.ioctl(fd, TUNGETIFF, ifr.address(), "TUNGETIFF");
            return cString(ifr.read(0, IFNAMSIZ));
        }
    }

    /** SIOCGIFFLAGS for {@code name} (ENODEV when there is no such interface). */
    public static int flags(String name) throws ErrnoException {
        return query(name, SIOCGIFFLAGS, "SIOCGIFFLAGS") & 0xFFFF;
    }

    /** SIOCGIFMTU for {@code name}: the MTU without the Ethernet header. */
    public static int mtu(String name) throws ErrnoException {
        return query(name, SIOCGIFMTU, "SIOCGIFMTU");
    }

    private static int query(String name, long request, String op) throws ErrnoException {
        int sock = LibC.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try (NativeMemory ifr = new NativeMemory(IFREQ_SIZE)) {
            putName(ifr, name);
            LibC.ioctl(sock, request, ifr.address(), op);
            return request == SIOCGIFFLAGS ? ifr.getShort(IFREQ_UNION) : ifr.getInt(IFREQ_UNION);
        } finally {
            LibC.closeQuietly(sock);
        }
    }

    /** Turns off GRO and GSO on {@code name} (SIOCETHTOOL); errors are ignored, as in Solo5. */
    public static void disableOffloads(String name) {
        int sock;
        try {
            sock = LibC.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (ErrnoException e) {
            return;
        }
        try (NativeMemory ifr = new NativeMemory(IFREQ_SIZE); NativeMemory value = new NativeMemory(8)) {
            for (int cmd : new int[] {ETHTOOL_SGRO, ETHTOOL_SGSO}) {
                putName(ifr, name);
                value.putInt(0, cmd);
                value.putInt(4, 0);
                ifr.putLong(IFREQ_UNION, value.address());
                try {
                    LibC.ioctl(sock, SIOCETHTOOL, ifr.address(), "SIOCETHTOOL");
                } catch (ErrnoException ignored) {
                    // the interface keeps its offloads
                }
            }
        } finally {
            LibC.closeQuietly(sock);
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
