package dev.tender.it;

import dev.tender.it.sys.TestSockets;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Sends hand-made packets from inside a test's network namespace (run there with {@code ip netns exec}):
 *
 * <pre>
 *   udp HOST PORT WAIT_MS HEX...   one datagram per HEX from a fresh socket; prints REPLY hex or NONE
 *   raw IFNAME HEX...              one Ethernet frame per HEX out of IFNAME (AF_PACKET); prints SENT n
 * </pre>
 *
 * dig only sends well-formed queries; this is how the tests deliver the malformed ones.
 */
public final class ResolverProbe {
    private ResolverProbe() {
    }

    private static final int AF_PACKET = TestSockets.AF_PACKET;
    private static final int SOCK_RAW = TestSockets.SOCK_RAW;
    private static final int ETH_P_ALL_BE = 0x0300;     // htons(0x0003)

    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        if (args[0].equals("udp")) {
            InetSocketAddress to = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
            int wait = Integer.parseInt(args[3]);
            for (int i = 4; i < args.length; i++) {
                byte[] msg = hex.parseHex(args[i]);
                try (DatagramSocket s = new DatagramSocket()) {
                    s.setSoTimeout(wait);
                    s.send(new DatagramPacket(msg, msg.length, to));
                    DatagramPacket in = new DatagramPacket(new byte[65536], 65536);
                    try {
                        s.receive(in);
                        System.out.println("REPLY " + hex.formatHex(in.getData(), 0, in.getLength()));
                    } catch (SocketTimeoutException e) {
                        System.out.println("NONE");
                    }
                }
            }
        } else if (args[0].equals("raw")) {
            int ifindex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", args[1], "ifindex")).trim());
            int fd = TestSockets.socket(AF_PACKET, SOCK_RAW, ETH_P_ALL_BE);
            if (fd < 0) {
                throw new IllegalStateException("socket(AF_PACKET): errno " + TestSockets.errno());
            }
            // struct sockaddr_ll: family, protocol (be), ifindex, hatype, pkttype, halen, addr[8]
            byte[] sll = new byte[20];
            sll[0] = (byte) AF_PACKET;
            sll[2] = 0x00;
            sll[3] = 0x03;
            sll[4] = (byte) ifindex;
            sll[5] = (byte) (ifindex >> 8);
            sll[6] = (byte) (ifindex >> 16);
            sll[7] = (byte) (ifindex >> 24);
            for (int i = 2; i < args.length; i++) {
                byte[] frame = hex.parseHex(args[i]);
                long n = TestSockets.sendto(fd, frame, frame.length, 0, sll, sll.length);
                System.out.println("SENT " + n);
            }
        } else {
            throw new IllegalArgumentException(args[0]);
        }
    }
}
