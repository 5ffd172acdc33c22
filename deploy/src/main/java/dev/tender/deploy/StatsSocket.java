package dev.tender.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Reads one answer from a tender's stats socket: connect, read to the end, within a deadline. */
public final class StatsSocket {
    /** An answer larger than this is not a tender's. */
    static final int MAX_ANSWER = 4 << 20;

    private StatsSocket() {
    }

    public static String fetch(Path socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(16384);
            for (;;) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DeployException(socket + ": no complete answer within " + timeout.toMillis() + " ms");
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                int n = ch.read(buf.clear());
                if (n < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buf.array(), 0, n);
                if (answer.size() > MAX_ANSWER) {
                    throw new DeployException(socket + ": the answer is larger than " + MAX_ANSWER + " bytes");
                }
            }
        } catch (IOException e) {
            throw new DeployException(socket + ": " + e.getMessage()
                    + " (is the instance running under tender hvt?)", e);
        }
    }
}
