package dev.tender.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.stats.MetricFamily.Type;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stats socket for real: a listening AF_UNIX socket, a thread answering, clients reading to the end. */
class StatsServerTest {
    @TempDir
    Path dir;

    private static String fetch(Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            try (InputStream in = Channels.newInputStream(ch)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void eachConnectionGetsTheCountersAsTheyAreNow() throws Exception {
        StatsRegistry registry = new StatsRegistry();
        Counter c = registry.counter(registry.family("block_reads", Type.COUNTER, "reads"), "device", "storage");
        Path socket = dir.resolve("stats.sock");
        StatsServer server = StatsServer.open(socket, registry, "hvt");
        server.start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        for (int i = 1; i <= 3; i++) {
            c.add(i);
            StatsJson.Answer a = StatsJson.decode(fetch(socket));
            assertThat(a.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(a.samples()).singleElement().extracting(Sample::value).isEqualTo((long) i * (i + 1) / 2);
        }
    }

    @Test
    void aSocketLeftByAnEarlierRunIsReplacedAndAnyOtherFileRefused() throws Exception {
        Path socket = dir.resolve("stats.sock");
        StatsServer.open(socket, new StatsRegistry(), "hvt");       // never served: a stale socket
        StatsServer again = StatsServer.open(socket, new StatsRegistry(), "hvt");
        again.start();
        assertThat(StatsJson.decode(fetch(socket)).samples()).isEmpty();
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> StatsServer.open(file, new StatsRegistry(), "hvt"))
                .isInstanceOf(TenderException.class)
                .hasMessage("TENDER_STATS_SOCKET " + file + ": exists and is not a socket");
        assertThat(Files.readString(file)).isEqualTo("x");
        Path missingDir = dir.resolve("no/such/dir/stats.sock");
        assertThatThrownBy(() -> StatsServer.open(missingDir, new StatsRegistry(), "hvt"))
                .hasMessage("TENDER_STATS_SOCKET " + missingDir + ": No such file or directory");
    }
}
