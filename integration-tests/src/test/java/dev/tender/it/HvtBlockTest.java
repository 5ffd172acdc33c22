package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block devices on hvt: BLOCK_READ/BLOCK_WRITE served by the tender; the shared tests are in the base class. */
class HvtBlockTest extends BlockTestBase {
    private static final long STAMP_MAGIC = 0x626c6b62656e6368L;

    @Override
    String target() {
        return "hvt";
    }

    @Override
    String memory() {
        return "4096";
    }

    @Override
    Path image(String test) {
        return Tender.image(test + ".hvt");
    }

    /** Waits until the guest's first write request has reached the file (it is read here, on this machine). */
    private static void awaitFirstBlock(Path storage, Running t) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        byte[] first = new byte[8];
        do {
            try (var f = new java.io.RandomAccessFile(storage.toFile(), "r")) {
                f.readFully(first);
            }
            if (ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getLong() == STAMP_MAGIC) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline && t.isAlive());
        throw new AssertionError("the guest wrote no block within 30 s: " + t.outputSoFar());
    }

    /**
     * SIGTERM while the guest is writing: every write the guest completed is in the file, none is torn. The
     * blkbench image writes 4 KiB requests in order, each starting with {@code offset ^ "blkbench"} and
     * followed by the bytes {@code i * 7 + 1}; the file must hold a non-empty prefix of complete requests and
     * zeros after it.
     */
    @Test
    void writesCompletedBeforeSigtermAreInTheFile() throws Exception {
        int bs = 4096;
        int size = 64 << 20;
        Path storage = file("storage.img", size);
        Running t = Tender.start(List.of("hvt", "--mem=64", "--block:storage=" + storage,
                "--block-sector-size:storage=" + bs, "--", image("test_blkbench").toString(), "api"));
        t.awaitOutput("blkbench: 4096 B requests via", 30);
        awaitFirstBlock(storage, t);
        t.signal("TERM");
        Result r = t.await(30);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: Exiting on signal 15\n");
        assertThat(r.stdout()).as("stopped during the write pass").doesNotContain("blkbench: read");

        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(storage)).order(ByteOrder.LITTLE_ENDIAN);
        int written = 0;
        while (written < size / bs && data.getLong(written * bs) == ((long) written * bs ^ STAMP_MAGIC)) {
            for (int i = 8; i < bs; i += 509) {
                assertThat(data.get(written * bs + i)).as("block %d byte %d", written, i).isEqualTo((byte) (i * 7 + 1));
            }
            assertThat(data.get(written * bs + bs - 1)).isEqualTo((byte) ((bs - 1) * 7 + 1));
            written++;
        }
        assertThat(written).as("blocks written before the signal").isPositive().isLessThan(size / bs);
        for (int b = written; b < size / bs; b += 97) {
            assertThat(data.getLong(b * bs)).as("block %d after the written prefix", b).isZero();
        }
    }
}
