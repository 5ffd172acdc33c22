package dev.tender.it.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a stuck emulated host's CPUs were doing: QEMU's monitor answers {@code info cpus} and {@code info
 * registers -a} (which shows, among the rest, whether a CPU is inside a nested guest), saved to a file beside the
 * host's console log.
 */
final class HostDiagnosis {
    private static final String END = "(qemu) ";

    private HostDiagnosis() {
    }

    /** {@link #dump} in a thread of its own, given at most {@code limit} (a stuck monitor must not stop the run). */
    static void dumpWithin(Duration limit, Path monitor, Path into) {
        Thread t = new Thread(() -> dump(monitor, into), "tender-host diagnosis");
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void dump(Path monitor, Path into) {
        try {
            Files.writeString(into, ask(monitor, "info cpus", "info registers -a"));
            System.err.println("emulated host stuck: its CPUs' state is in " + into);
        } catch (IOException e) {
            System.err.println("emulated host stuck; its monitor at " + monitor + " did not answer: " + e);
        }
    }

    /** Sends each command to QEMU's human monitor at {@code monitor}; returns the banner and every answer. */
    static String ask(Path monitor, String... commands) throws IOException {
        StringBuilder answer = new StringBuilder();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(monitor));
            OutputStream out = Channels.newOutputStream(ch);
            InputStream in = Channels.newInputStream(ch);
            readPrompt(in, answer);                         // the banner
            for (String command : commands) {
                out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readPrompt(in, answer);
            }
        }
        return answer.toString();
    }

    /** Reads until the monitor's prompt (each answer ends with it). */
    private static void readPrompt(InputStream in, StringBuilder into) throws IOException {
        int start = into.length();
        byte[] buf = new byte[8192];
        while (into.indexOf(END, start) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }
}
