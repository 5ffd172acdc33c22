package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link WwwTestBase} with www.spt, on this machine; and its memory under hostile load, measured. */
class WwwSptTest extends WwwTestBase {
    @Override
    String kind() {
        return "spt";
    }

    @Override
    TestHost host() {
        return Hosts.local();
    }

    /**
     * The peak resident memory of the spt process (the launcher the JVM became: it holds the guest's memory, pages
     * counted as the guest first touches them) after every small file was served once, then after one round of
     * each hostile client above (SYN flood, 80 idle clients, a 100 KB request line, malformed and stray segments),
     * then after a second round. The first round may touch the connection table's pages for the first time; the
     * second finds everything it needs already there, so memory does not grow with the load.
     */
    @Test
    void memoryStaysBoundedUnderRepeatedHostileLoad() throws Exception {
        long pid = www.pid();
        assertThat(status(pid, "Name")).as("the spt launcher, no longer the JVM").isNotEqualTo("java");
        try (Stream<Path> s = Files.walk(SITE)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertThat(fetch("/" + SITE.relativize(f))).isEqualTo(Files.readAllBytes(f));
            }
        }
        long served = peakKib(pid);
        hostileRound();
        long first = peakKib(pid);
        hostileRound();
        long second = peakKib(pid);
        System.out.printf("www.spt peak resident memory: %d KiB serving, %d KiB after one hostile round, %d KiB "
                + "after two%n", served, first, second);
        assertThat(first - served).as("growth in the first round, KiB").isLessThan(1024);
        assertThat(second - first).as("growth in the second round, KiB").isLessThanOrEqualTo(16);
        assertThat(www.isAlive()).isTrue();
    }

    /** ps and pgrep see which image and options the process runs (its command line after the exec). */
    @Test
    void theProcessShowsItsImageAndArguments() throws IOException {
        String cmdline = Files.readString(Path.of("/proc/" + www.pid() + "/cmdline")).replace('\0', ' ');
        assertThat(cmdline).matches("tender-spt [0-9]+ --mem=64 --net:service=" + TAP + " -- " + java.util.regex.Pattern.quote(image().toString())
                + " --ipv4=" + WWW + "/24 --ipv4-gateway=10.0.0.1 ");
    }

    private void hostileRound() throws Exception {
        floodWithSynsAndIdleClients();
        sendAnOversizedRequestLine();
        sendMalformedAndStraySegments();
    }

    private static long peakKib(long pid) throws IOException {
        String v = status(pid, "VmHWM");
        assertThat(v).endsWith(" kB");
        return Long.parseLong(v.substring(0, v.length() - 3).trim());
    }

    private static String status(long pid, String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(key + ":"))
                .findFirst().orElseThrow().substring(key.length() + 1).trim();
    }
}
