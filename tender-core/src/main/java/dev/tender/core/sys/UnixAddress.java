package dev.tender.core.sys;

import java.nio.charset.StandardCharsets;

/** struct sockaddr_un for a socket named by a path or, starting with '@', by an abstract name. */
final class UnixAddress {
    static final int AF_UNIX = 1;
    static final int EINVAL = 22;
    /** sizeof(sun_path) in struct sockaddr_un; sun_family (2 bytes) comes first. */
    static final int SUN_PATH = 108;

    private UnixAddress() {
    }

    /**
     * The address of {@code socket}, trimmed to the length the kernel wants; an error says
     * {@code <prefix>unsupported <variable> '<socket>'} or {@code <prefix><variable> too long}.
     */
    static byte[] of(String socket, String prefix, String variable) throws ErrnoException {
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.length > 0 && name[0] == '@';
        if (!abstractName && (name.length == 0 || name[0] != '/')) {
            throw new ErrnoException(prefix + "unsupported " + variable + " '" + socket + "'", EINVAL);
        }
        // A path needs its terminating NUL inside sun_path; an abstract name is exactly its bytes.
        int len = abstractName ? name.length : name.length + 1;
        if (len > SUN_PATH) {
            throw new ErrnoException(prefix + variable + " too long", EINVAL);
        }
        byte[] addr = new byte[2 + len];
        addr[0] = (byte) AF_UNIX;                       // sa_family_t, little-endian on every Linux target here
        addr[1] = 0;
        System.arraycopy(name, 0, addr, 2, name.length);
        if (abstractName) {
            addr[2] = 0;                                // '@' stands for the leading NUL byte
        }
        return addr;
    }
}
