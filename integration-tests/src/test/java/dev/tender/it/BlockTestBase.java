package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block tests both tenders pass (docs/upstream-tests.md §2.4, §2.6), with real backing files. */
abstract class BlockTestBase {
    @TempDir
    Path tmp;

    /** "hvt" or "spt". */
    abstract String target();

    /** The memory option the upstream test helper passes (hvt_run: 4096, spt_run: 2). */
    abstract String memory();

    /** The test image {@code test_X} for this tender. */
    abstract Path image(String test);

    Result run(String... args) {
        List<String> full = new ArrayList<>(List.of(target(), "--mem=" + memory()));
        full.addAll(List.of(args));
        return Tender.run(60, full);
    }

    private String blkImage() {
        return image("test_blk").toString();
    }

    private String prefix() {
        return "tender " + target() + ": ";
    }

    Path file(String name, int bytes) throws Exception {
        return zeroFile(tmp.resolve(name), bytes);
    }

    /** Creates (or truncates) {@code f} as {@code bytes} zero bytes, a backing file for a block device. */
    static Path zeroFile(Path f, int bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    /**
     * The guest's writes are in the file once the tender has exited: test_blk fills block 10k with the digits
     * '0' + (i + k) % 10, leaves the blocks between untouched and fills the last block with 'L'.
     */
    static void assertWritten(Path storage, int bs, int size) throws Exception {
        byte[] data = Files.readAllBytes(storage);
        assertThat(data).as("the file never grows").hasSize(size);
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
    void blk() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = run("--block:storage=" + storage, "--", blkImage());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS", "Block device: 4194304 bytes, block size 512");
        assertWritten(storage, 512, 4 << 20);
    }

    @Test
    void blkSectorSize4096() throws Exception {
        Path storage = file("storage.img", 4 << 20);
        Result r = run("--block:storage=" + storage, "--block-sector-size:storage=4096", "--", blkImage());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS", "block size 4096");
        assertWritten(storage, 4096, 4 << 20);
    }

    @Test
    void blkMisaligned() throws Exception {
        Path storage = file("storage.img", 6144);
        Result r = run("--block:storage=" + storage, "--block-sector-size:storage=4096", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(prefix() + "storage: Backing storage size must be block aligned (4096 bytes)\n");
    }

    @Test
    void blkOdd() throws Exception {
        Path storage = file("storage.img", 1563);
        Result r = run("--block:storage=" + storage, "--block-sector-size:storage=521", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith(prefix() + "Block size must be a multiple of 2 greater than or equal 512\n"
                + prefix() + "Invalid option: `--block-sector-size:storage=521'\nusage: tender " + target() + " ");
    }

    @Test
    void blkTooSmall() throws Exception {
        Path storage = file("storage.img", 256);
        Result r = run("--block:storage=" + storage, "--block-sector-size:storage=256", "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("Block size must be a multiple of 2 greater than or equal 512");
    }

    @Test
    void emptyFileAndMissingFile() throws Exception {
        Path empty = file("empty.img", 0);
        Result r = run("--block:storage=" + empty, "--", blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(prefix() + "storage: Backing storage must be at least 1 block (512 bytes) in size\n");
        Result missing = run("--block:storage=" + tmp.resolve("nope"), "--", blkImage());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(
                prefix() + "Could not open block device: " + tmp.resolve("nope") + ": No such file or directory\n");
    }

    @Test
    void undeclaredNameAfterMemIsWarnedTwiceThenInvalid() throws Exception {
        Path storage = file("storage.img", 4096);
        Result r = run("--block:other=" + storage, blkImage());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith(prefix() + "Resource not declared in manifest: 'other'\n"
                + prefix() + "Resource not declared in manifest: 'other'\n"
                + prefix() + "Invalid option: `--block:other=" + storage + "'\n");
        Result bad = Tender.run(60, List.of(target(), "--block:stor-age=" + storage, blkImage()));
        assertThat(bad.stderr()).startsWith(prefix() + "Invalid option: `--block:stor-age=");
    }

    @Test
    void mftMaxdevices() throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            args.add("--block:storage" + i + "=" + file("storage" + i + ".img", 4096));
        }
        args.add("--");
        args.add(image("test_mft_maxdevices").toString());
        Result r = run(args.toArray(new String[0]));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
