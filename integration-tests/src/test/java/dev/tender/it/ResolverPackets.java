package dev.tender.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made DNS messages and the Ethernet, IPv4 and UDP around them, for the tests that feed the resolver
 * malformed input. The IPv4 packets go from 10.0.0.1 (the namespace's end of the TAP) to 10.0.0.2 (the
 * resolver); checksums are right unless a test asks for a wrong one.
 */
final class ResolverPackets {
    /** QTYPE A, QCLASS IN. */
    static final byte[] TYPE_A_IN = bytes(0, 1, 0, 1);
    private static final byte[] SRC_IP = bytes(10, 0, 0, 1);
    private static final byte[] DST_IP = bytes(10, 0, 0, 2);

    private ResolverPackets() {
    }

    /** The low byte of each value. */
    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** The parts one after the other. */
    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A DNS header: ID, the two flag bytes, and the four counts. */
    static byte[] header(int id, int f0, int f1, int qd, int an, int ns, int ar) {
        return bytes(id >> 8, id, f0, f1, qd >> 8, qd, an >> 8, an, ns >> 8, ns, ar >> 8, ar);
    }

    /** A domain name in DNS labels, no compression. */
    static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    static byte[] eth(byte[] dst, byte[] src, int type, byte[] payload) {
        return cat(dst, src, bytes(type >> 8, type), payload);
    }

    /**
     * An IPv4 packet around {@code payload}: {@code vhl} is the version/IHL byte, {@code totlen} the total
     * length (-1: the real one), {@code frag} the flags and fragment offset.
     */
    static byte[] ipv4(int proto, byte[] payload, int vhl, int totlen, int frag, boolean goodCsum) {
        int len = totlen >= 0 ? totlen : 20 + payload.length;
        byte[] h = cat(bytes(vhl, 0, len >> 8, len, 0x12, 0x34, frag >> 8, frag, 64, proto, 0, 0), SRC_IP, DST_IP);
        int c = checksum(h, 0);
        if (!goodCsum) {
            c ^= 0x5a5a;
        }
        h[10] = (byte) (c >> 8);
        h[11] = (byte) c;
        return cat(h, payload);
    }

    /** A UDP datagram; {@code lenOverride} (unless -1) replaces its length field after the checksum. */
    static byte[] udp(int sport, int dport, byte[] data, int lenOverride, boolean goodCsum) {
        int len = 8 + data.length;
        byte[] u = cat(bytes(sport >> 8, sport, dport >> 8, dport, len >> 8, len, 0, 0), data);
        byte[] pseudo = cat(SRC_IP, DST_IP, bytes(0, 17, len >> 8, len));
        int c = checksum(u, sum(pseudo));
        if (!goodCsum) {
            c ^= 0x1111;
        }
        u[6] = (byte) (c >> 8);
        u[7] = (byte) c;
        if (lenOverride >= 0) {
            u[4] = (byte) (lenOverride >> 8);
            u[5] = (byte) lenOverride;
        }
        return u;
    }

    private static long sum(byte[] b) {
        long s = 0;
        for (int i = 0; i < b.length; i += 2) {
            s += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        return s;
    }

    private static int checksum(byte[] b, long initial) {
        long s = initial + sum(b);
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }
}
