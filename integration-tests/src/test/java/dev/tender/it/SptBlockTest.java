package dev.tender.it;

import static dev.tender.it.SptCoreTest.spt;
import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block devices on spt (tests.md §2.4, §2.6): the guest does pread64/pwrite64 on the backing file's fd itself,
 * inside the filter's bounds; the option and size errors are the Java side's, before the launcher runs.
 */
class SptBlockTest {
    @TempDir
    Path tmp;

    private Path file(String name, int bytes) throws Exception {
        Path f = tmp.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    private static String blkImage() {
        return sptImage("test_blk.spt").toString();
    }

    @Test
    void blk() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = spt("--block:storage=" + storage, "--", blkImage());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS", "Block device: 4194304 bytes, block size 512");
        assertWritten(Files.readAllBytes(storage), 512);
        assertThat(Files.size(storage)).as("the filter keeps the file from growing").isEqualTo(4 << 20);
    }

    @Test
    void blkSectorSize4096() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = spt("--block:storage=" + storage, "--block-sector-size:storage=4096", "--", blkImage());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS", "block size 4096");
        assertWritten(Files.readAllBytes(storage), 4096);
    }

    /** test_blk fills block 10k with '0' + (i + k) % 10 and the last block with 'L'. */
    private static void assertWritten(byte[] data, int bs) {
        for (int k : new int[] {0, 1, 7}) {
            for (int i : new int[] {0, 1, bs - 1}) {
                assertThat(data[10 * k * bs + i]).as("block %d byte %d", 10 * k, i)
                        .isEqualTo((byte) ('0' + (i + k) % 10));
            }
        }
        assertThat(data[bs]).as("block 1 is not written").isZero();
        assertThat(data[data.length - 1]).isEqualTo((byte) 'L');
        assertThat(data[data.length - bs]).isEqualTo((byte) 'L');
    }

    @Test
    void blkMisaligned() throws Exception {
        Path storage = file("storage.img", 6144);
        Result r = spt("--block:storage=" + storage, "--block-sector-size:storage=4096", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender spt: storage: Backing storage size must be block aligned (4096 bytes)\n");
    }

    @Test
    void blkOdd() throws Exception {
        Path storage = file("storage.img", 1563);
        Result r = spt("--block:storage=" + storage, "--block-sector-size:storage=521", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender spt: Block size must be a multiple of 2 greater than or equal 512\n"
                + "tender spt: Invalid option: `--block-sector-size:storage=521'\nusage: tender spt ");
    }

    @Test
    void blkTooSmall() throws Exception {
        Path storage = file("storage.img", 256);
        Result r = spt("--block:storage=" + storage, "--block-sector-size:storage=256", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("Block size must be a multiple of 2 greater than or equal 512");
    }

    @Test
    void emptyFileAndMissingFile() throws Exception {
        Path empty = file("empty.img", 0);
        Result r = spt("--block:storage=" + empty, "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender spt: storage: Backing storage must be at least 1 block (512 bytes) in size\n");
        Result missing = spt("--block:storage=" + tmp.resolve("nope"), "--", blkImage());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(
                "tender spt: Could not open block device: " + tmp.resolve("nope") + ": No such file or directory\n");
    }

    @Test
    void mftMaxdevices() throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            args.add("--block:storage" + i + "=" + file("storage" + i + ".img", 4096));
        }
        args.add("--");
        args.add(sptImage("test_mft_maxdevices.spt").toString());
        Result r = spt(args.toArray(new String[0]));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
