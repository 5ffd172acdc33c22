package dev.tender.core.sys;

/**
 * Whether a descriptor is a terminal, and how wide it is. TCGETS and TIOCGWINSZ have the same numbers on
 * x86_64 and aarch64 (the generic ioctl table), so nothing here depends on the architecture.
 */
public final class Terminal {
    private static final long TCGETS = 0x5401;
    private static final long TIOCGWINSZ = 0x5413;
    /** struct termios is 60 bytes on Linux; struct winsize is four unsigned shorts. */
    private static final int TERMIOS_SIZE = 64;
    private static final int WINSIZE_SIZE = 8;

    private Terminal() {
    }

    /** isatty(3): TCGETS succeeds only on a terminal. */
    public static boolean isTerminal(int fd) {
        try (NativeMemory termios = new NativeMemory(TERMIOS_SIZE)) {
            LibC.ioctl(fd, TCGETS, termios.address(), "TCGETS");
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** The terminal's width in columns, or 0 when {@code fd} is no terminal or the width is not set. */
    public static int columns(int fd) {
        try (NativeMemory ws = new NativeMemory(WINSIZE_SIZE)) {
            LibC.ioctl(fd, TIOCGWINSZ, ws.address(), "TIOCGWINSZ");
            return Short.toUnsignedInt(ws.getShort(2));
        } catch (ErrnoException e) {
            return 0;
        }
    }
}
