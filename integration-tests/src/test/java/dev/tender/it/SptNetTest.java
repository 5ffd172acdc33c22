package dev.tender.it;

import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.nio.file.Files;
import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Network unikernels on spt; the shared tests are in {@link NetTestBase}. The guest reads and writes the TAP
 * fds itself under the filter's read/write rules and waits on the epoll set the launcher registered them in.
 */
class SptNetTest extends NetTestBase {
    @Override
    String target() {
        return "spt";
    }

    @Override
    TestHost host() {
        return Hosts.local();
    }

    @Override
    String memory() {
        return "2";
    }

    @Override
    Path image(String test) {
        return sptImage(test + ".spt");
    }

    @Test
    void fixedMacOpenDescriptorsAndDefaultSignalAction() throws Exception {
        Running t = withFixedMac();
        Path fdDir = Path.of("/proc", Long.toString(t.pid()), "fd");
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(fdDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
            }
        }
        assertThat(fds).as("stdout, the TAP, epoll, timer").hasSize(4).containsKey(1)
                .containsValue("/dev/net/tun").containsValue("anon_inode:[eventpoll]")
                .containsValue("anon_inode:[timerfd]");
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).as("no signal handlers: the default action").isEqualTo(128 + 15);
        assertThat(r.stderr()).isEmpty();
    }
}
