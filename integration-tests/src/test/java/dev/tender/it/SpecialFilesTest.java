package dev.tender.it;

import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, a directory, a character device and a Unix socket, named as KERNEL (tender hvt, tender spt, tender
 * elftool query-abi and query-manifest) or as a block device's backing file, are refused at once (a FIFO never
 * blocks the open) in exactly one line on stderr, with status 1 (docs/cli.md). The files live under the
 * project, which the emulated host for hvt mounts at the same path.
 */
class SpecialFilesTest {
    /** Each refusal must come well within this: the runs that hang end at the time-out and fail. */
    private static final int SECONDS = 30;

    @TempDir
    Path tmp;
    private List<Path> special;

    @BeforeEach
    void specialFiles() throws Exception {
        Path fifo = tmp.resolve("image.fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
        Path dir = Files.createDirectory(tmp.resolve("image.dir"));
        Path sock = tmp.resolve("image.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(sock)); // the socket file stays once closed
        }
        special = List.of(fifo, dir, Path.of("/dev/null"), sock);
    }

    private static void expectOneLine(Result r, String line) {
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo(line + "\n");
    }

    private static Result run(String... args) {
        return Tender.run(SECONDS, List.of(args));
    }

    @Test
    void sptRefusesASpecialKernel() {
        for (Path p : special) {
            expectOneLine(run("spt", "--mem=2", p.toString()), "tender spt: " + p + ": not a regular file");
        }
    }

    @Test
    void hvtRefusesASpecialKernel() {
        for (Path p : special) {
            expectOneLine(run("hvt", p.toString()), "tender hvt: " + p + ": not a regular file");
        }
    }

    @Test
    void elftoolQueriesRefuseASpecialBinary() {
        for (Path p : special) {
            for (String query : new String[] {"query-abi", "query-manifest"}) {
                expectOneLine(run("elftool", query, p.toString()), "tender elftool: " + p + ": not a regular file");
            }
        }
    }

    @Test
    void sptRefusesASpecialBackingFile() {
        blockRefused("spt", sptImage("test_blk.spt"));
    }

    @Test
    void hvtRefusesASpecialBackingFile() {
        blockRefused("hvt", Tender.image("test_blk.hvt"));
    }

    private void blockRefused(String target, Path image) {
        for (Path p : special) {
            List<String> args = new ArrayList<>(List.of(target, "--block:storage=" + p, image.toString()));
            expectOneLine(Tender.run(SECONDS, args),
                    "tender " + target + ": Could not open block device: " + p + ": not a regular file or block device");
        }
    }

    /** The KERNEL check is made before the device options are looked at, as for a missing file. */
    @Test
    void aSpecialKernelIsReportedBeforeABadBackingFile() {
        Path fifo = special.get(0);
        expectOneLine(run("spt", "--block:storage=" + tmp.resolve("nope"), fifo.toString()),
                "tender spt: " + fifo + ": not a regular file");
    }
}
