package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the test_fuzz image (guest/tests/test_fuzz) expects and prints, shared by {@link HvtFuzzTest} and
 * {@link SptFuzzTest}: two block devices filled with a known pattern, and the lines
 * {@code FUZZ done calls=N mismatches=M marks=K ...}, {@code FUZZ disks disk0=<fnv> disk1=<fnv>} and (fatal runs)
 * {@code FUZZ expect ...}. The guest keeps a shadow of both disks, updated by every write that succeeded; after the
 * run the files must hold exactly the shadow (nothing else touched them) and still have their size.
 */
final class FuzzGuest {
    static final int DISK0_SIZE = 64 * 1024;
    static final int DISK1_SIZE = 40 * 1024;
    /** disk0 keeps the default block size (512), disk1 gets 4096. */
    static final String DISK1_BLOCK_SIZE = "--block-sector-size:disk1=4096";

    private static final Pattern DONE = Pattern.compile("FUZZ done ((?:\\w+=\\S+ ?)+)");
    private static final Pattern DISKS = Pattern.compile("FUZZ disks disk0=([0-9a-f]{16}) disk1=([0-9a-f]{16})\n");
    private static final Pattern EXPECT = Pattern.compile("FUZZ expect (.+)\n");

    private FuzzGuest() {
    }

    /** Byte {@code i} of disk {@code d} before the run (pattern() in fuzz_common.c). */
    static byte pattern(int d, long i) {
        return (byte) ((i * 7) ^ (i >>> 9) ^ (d * 0x5A));
    }

    /**
     * Creates {@code dir} with disk0.img and disk1.img holding the pattern, readable and writable by everyone (the
     * spt runs drop to an unprivileged user).
     */
    static void createDisks(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int[] sizes = {DISK0_SIZE, DISK1_SIZE};
        for (int d = 0; d < 2; d++) {
            byte[] data = new byte[sizes[d]];
            for (int i = 0; i < data.length; i++) {
                data[i] = pattern(d, i);
            }
            Path f = Files.write(disk(dir, d), data);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
    }

    static Path disk(Path dir, int d) {
        return dir.resolve("disk" + d + ".img");
    }

    /** The block options for disks at {@code disk0} and {@code disk1} (paths as the tender will see them). */
    static List<String> blockOptions(String disk0, String disk1) {
        return List.of("--block:disk0=" + disk0, "--block:disk1=" + disk1, DISK1_BLOCK_SIZE);
    }

    /** FNV-1a, 64 bits (fnv1a() in fuzz_common.c). */
    static long fnv1a(byte[] data) {
        long h = 0xCBF29CE484222325L;
        for (byte b : data) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** What a run printed on stdout. */
    record Output(String stdout) {
        /** The fields of the {@code FUZZ done} line (it may follow the guest's '#' bytes on the same line). */
        Map<String, String> done() {
            Matcher m = DONE.matcher(stdout);
            assertThat(m.find()).as("a FUZZ done line in: %s", tail()).isTrue();
            Map<String, String> fields = new HashMap<>();
            for (String kv : m.group(1).trim().split(" ")) {
                String[] p = kv.split("=", 2);
                fields.put(p[0], p[1]);
            }
            return fields;
        }

        long number(String field) {
            return Long.parseLong(done().get(field));
        }

        /** The message announced before the fatal request. */
        String expect() {
            Matcher m = EXPECT.matcher(stdout);
            assertThat(m.find()).as("a FUZZ expect line in: %s", tail()).isTrue();
            return m.group(1);
        }

        /** The '#' bytes on stdout: every console write the fuzzer made, and nothing else prints one. */
        long marks() {
            return stdout.chars().filter(c -> c == '#').count();
        }

        /** The end of stdout without the '#' bytes, for failure messages. */
        String tail() {
            String s = stdout.replace("#", "");
            return s.substring(Math.max(0, s.length() - 1500));
        }

        /**
         * The checks of every run: no answer differed from the ABI's, the '#' count is what the guest wrote, and
         * each file holds exactly the guest's shadow of it, at its old size.
         */
        void assertConsistentWith(Path dir) throws IOException {
            assertThat(done().get("mismatches")).as(tail()).isEqualTo("0");
            assertThat(marks()).as("console bytes written by the guest").isEqualTo(number("marks"));
            Matcher m = DISKS.matcher(stdout);
            String last = null;
            while (m.find()) {
                last = m.group(1) + " " + m.group(2);
            }
            assertThat(last).as("a FUZZ disks line in: %s", tail()).isNotNull();
            byte[] d0 = Files.readAllBytes(disk(dir, 0));
            byte[] d1 = Files.readAllBytes(disk(dir, 1));
            assertThat(d0).as("disk0 keeps its size").hasSize(DISK0_SIZE);
            assertThat(d1).as("disk1 keeps its size").hasSize(DISK1_SIZE);
            assertThat(String.format("%016x %016x", fnv1a(d0), fnv1a(d1)))
                    .as("the files hold what the guest's successful writes made of them").isEqualTo(last);
        }
    }
}
