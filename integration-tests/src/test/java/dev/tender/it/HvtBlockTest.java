package dev.tender.it;

import static dev.tender.it.Tender.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block devices on hvt (tests.md §2.4, §2.6) with real backing files. */
class HvtBlockTest {
    @TempDir
    Path tmp;

    private Path file(String name, int bytes) throws Exception {
        Path f = tmp.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    private static Result hvt(String... args) {
        List<String> full = new ArrayList<>(List.of("hvt", "--mem=4096"));
        full.addAll(List.of(args));
        return Tender.run(60, full);
    }

    @Test
    void blk() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = hvt("--block:storage=" + storage, "--", image("test_blk.hvt").toString());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        assertWritten(Files.readAllBytes(storage), 512);
    }

    @Test
    void blkSectorSize4096() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = hvt("--block:storage=" + storage, "--block-sector-size:storage=4096", "--",
                image("test_blk.hvt").toString());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        assertWritten(Files.readAllBytes(storage), 4096);
    }

    /**
     * The guest's writes are in the file once the tender has exited: test_blk fills block 10k with the digits
     * '0' + (i + k) % 10, leaves the blocks between untouched and fills the last block with 'L'.
     */
    private static void assertWritten(byte[] data, int bs) {
        for (int k : new int[] {0, 1, 7}) {
            for (int i : new int[] {0, 1, bs - 1}) {
                assertThat(data[10 * k * bs + i]).as("block %d byte %d", 10 * k, i).isEqualTo((byte) ('0' + (i + k) % 10));
            }
        }
        assertThat(data[bs]).as("block 1 is not written").isZero();
        assertThat(data[data.length - 1]).isEqualTo((byte) 'L');
        assertThat(data[data.length - bs]).isEqualTo((byte) 'L');
    }

    @Test
    void blkMisaligned() throws Exception {
        Path storage = file("storage.img", 6144);
        Result r = hvt("--block:storage=" + storage, "--block-sector-size:storage=4096", "--",
                image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: storage: Backing storage size must be block aligned (4096 bytes)\n");
    }

    @Test
    void blkOdd() throws Exception {
        Path storage = file("storage.img", 1563);
        Result r = hvt("--block:storage=" + storage, "--block-sector-size:storage=521", "--",
                image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender hvt: Block size must be a multiple of 2 greater than or equal 512\n"
                + "tender hvt: Invalid option: `--block-sector-size:storage=521'\nusage: ");
    }

    @Test
    void blkTooSmall() throws Exception {
        Path storage = file("storage.img", 256);
        Result r = hvt("--block:storage=" + storage, "--block-sector-size:storage=256", "--",
                image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("Block size must be a multiple of 2 greater than or equal 512");
    }

    @Test
    void emptyFileAndMissingFile() throws Exception {
        Path empty = file("empty.img", 0);
        Result r = hvt("--block:storage=" + empty, "--", image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: storage: Backing storage must be at least 1 block (512 bytes) in size\n");
        Result missing = hvt("--block:storage=" + tmp.resolve("nope"), "--", image("test_blk.hvt").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(
                "tender hvt: Could not open block device: " + tmp.resolve("nope") + ": No such file or directory\n");
    }

    @Test
    void undeclaredNameAfterMemIsWarnedTwiceThenInvalid() throws Exception {
        Path storage = file("storage.img", 4096);
        Result r = Tender.run("hvt", "--mem=64", "--block:other=" + storage, image("test_blk.hvt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender hvt: Resource not declared in manifest: 'other'\n"
                + "tender hvt: Resource not declared in manifest: 'other'\n"
                + "tender hvt: Invalid option: `--block:other=" + storage + "'\n");
        Result bad = Tender.run("hvt", "--block:stor-age=" + storage, image("test_blk.hvt").toString());
        assertThat(bad.stderr()).startsWith("tender hvt: Invalid option: `--block:stor-age=");
    }

    @Test
    void mftMaxdevices() throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            args.add("--block:storage" + i + "=" + file("storage" + i + ".img", 4096));
        }
        args.add("--");
        args.add(image("test_mft_maxdevices.hvt").toString());
        Result r = hvt(args.toArray(new String[0]));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
