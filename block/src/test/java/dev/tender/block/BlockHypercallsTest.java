package dev.tender.block;

import static dev.tender.block.BlockHypercalls.DATA;
import static dev.tender.block.BlockHypercalls.HANDLE;
import static dev.tender.block.BlockHypercalls.LEN;
import static dev.tender.block.BlockHypercalls.OFFSET;
import static dev.tender.block.BlockHypercalls.RET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.sys.LibC;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BLOCK_WRITE and BLOCK_READ over real guest memory (4 MiB, all guest-visible) and a real 4 KiB backing file
 * attached through {@code --block:storage=FILE}: the data path, the capacity checks, and the structure and
 * buffer checks at their edges.
 */
class BlockHypercallsTest {
    private static final long MEM = 4L << 20;
    private static final long CAPACITY = 4096;
    private static final long ARGS = 0x1000;
    private static final long BUF = 0x100000;
    private static final int UNTOUCHED = 0x55;
    private static final int STORAGE = 1;

    @TempDir
    Path dir;
    private Path file;
    private GuestMemory memory;
    private Poller poller;
    private final HypercallTable table = new HypercallTable(9);
    private final Manifest manifest = Manifest.of(List.of(new Manifest.Device("storage", DeviceType.BLOCK_BASIC),
            new Manifest.Device("service0", DeviceType.NET_BASIC)));
    private ModuleContext context;
    private final Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(new ByteArrayOutputStream(), true));

    @BeforeEach
    void setUp() throws Exception {
        byte[] content = new byte[(int) CAPACITY];
        Arrays.fill(content, (byte) 'o');
        file = Files.write(dir.resolve("disk.img"), content);
        memory = GuestMemory.allocate(MEM);
        poller = new Poller();
        BlockModule block = new BlockModule();
        assertThat(block.handleOption("--block:storage=" + file, manifest, diag)).isTrue();
        context = new ModuleContext(manifest, diag, new TenderKind.Hvt(memory, table, poller));
        block.setup(context);
    }

    @AfterEach
    void tearDown() {
        BlockModule.closeAll(manifest);
        poller.close();
        memory.close();
    }

    private void request(long at, long handle, long offset, long data, long len) {
        memory.putLong(at + HANDLE, handle);
        memory.putLong(at + OFFSET, offset);
        memory.putLong(at + DATA, data);
        memory.putLong(at + LEN, len);
        memory.putInt(at + RET, UNTOUCHED);
    }

    private int call(int nr, long at) throws Exception {
        table.lookup(nr).handle(at);
        return memory.getInt(at + RET);
    }

    private byte[] disk() throws Exception {
        return Files.readAllBytes(file);
    }

    /** The device's four counters as {@code name=value}, in registration order. */
    private List<String> counters() {
        return context.stats().snapshot().stream()
                .map(x -> x.family().name() + "{" + String.join(",", x.labels()) + "}=" + x.value()).toList();
    }

    @Test
    void servedRequestsAreCountedPerDeviceAndRefusedOnesAreNot() throws Exception {
        request(ARGS, STORAGE, 0, BUF, 512);
        call(BlockHypercalls.BLOCK_WRITE, ARGS);
        request(ARGS, STORAGE, 512, BUF, 1024);
        call(BlockHypercalls.BLOCK_WRITE, ARGS);
        request(ARGS, STORAGE, 0, BUF, 4096);
        call(BlockHypercalls.BLOCK_READ, ARGS);
        request(ARGS, STORAGE, 4096, BUF, 512);
        assertThat(call(BlockHypercalls.BLOCK_READ, ARGS)).as("past the end").isEqualTo(Solo5Result.EINVAL);
        request(ARGS, 2, 0, BUF, 512);
        assertThat(call(BlockHypercalls.BLOCK_WRITE, ARGS)).as("the net device").isEqualTo(Solo5Result.EINVAL);
        assertThat(counters()).containsExactly("block_reads{device,storage}=1", "block_read_bytes{device,storage}=4096",
                "block_writes{device,storage}=2", "block_written_bytes{device,storage}=1536");
    }

    @Test
    void writeAndReadMoveTheBytesStraightBetweenFileAndGuest() throws Exception {
        memory.fill(BUF, 512, (byte) 'w');
        request(ARGS, STORAGE, 512, BUF, 512);
        assertThat(call(BlockHypercalls.BLOCK_WRITE, ARGS)).isEqualTo(Solo5Result.OK);
        assertThat(Arrays.copyOfRange(disk(), 510, 1026)).isEqualTo(("oo" + "w".repeat(512) + "oo").getBytes());

        request(ARGS, STORAGE, 1000, BUF + 4096, 100);
        assertThat(call(BlockHypercalls.BLOCK_READ, ARGS)).as("no block alignment required").isEqualTo(Solo5Result.OK);
        assertThat(memory.read(BUF + 4096, 101)).isEqualTo(("w".repeat(24) + "o".repeat(76) + "\0").getBytes());
        assertThat(memory.getLong(ARGS + LEN)).as("len is left alone").isEqualTo(100);
    }

    @Test
    void requestsAreCheckedAgainstTheCapacityNotTheBlockSize() throws Exception {
        request(ARGS, STORAGE, CAPACITY - 512, BUF, 512);
        assertThat(call(BlockHypercalls.BLOCK_READ, ARGS)).as("the last block").isEqualTo(Solo5Result.OK);
        long[][] refused = {
            {CAPACITY, 0}, {CAPACITY - 512, 513}, {0, CAPACITY + 1}, {-512L, 1024}, {512, -1L}, {512, Long.MIN_VALUE},
        };
        for (long[] r : refused) {
            request(ARGS, STORAGE, r[0], BUF, r[1]);
            assertThat(call(BlockHypercalls.BLOCK_WRITE, ARGS)).as("offset %d len %d", r[0], r[1])
                    .isEqualTo(Solo5Result.EINVAL);
        }
        assertThat(disk()).containsOnly('o');
    }

    @Test
    void aHandleThatIsNoBlockDeviceAnswersEinvalBeforeTheBufferIsChecked() throws Exception {
        for (long handle : new long[] {0, 2, 3, 64, -1L, 1L << 32 | STORAGE}) {
            request(ARGS, handle, 0, MEM, 512);
            assertThat(call(BlockHypercalls.BLOCK_READ, ARGS)).as("handle %d", handle).isEqualTo(Solo5Result.EINVAL);
        }
    }

    @Test
    void theStructureMustEndBelowTheTopOfGuestMemory() throws Exception {
        long last = MEM - BlockHypercalls.SIZE - 1;
        request(last, STORAGE, 0, BUF, 512);
        assertThat(call(BlockHypercalls.BLOCK_READ, last)).isEqualTo(Solo5Result.OK);
        assertThatThrownBy(() -> call(BlockHypercalls.BLOCK_READ, last + 1)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3fffd8, sz=40");
        assertThatThrownBy(() -> call(BlockHypercalls.BLOCK_WRITE, -8L)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0xfffffffffffffff8, sz=40");
    }

    @Test
    void theBufferIsCheckedWithSolo5sRuleBeforeTheFileIsTouched() throws Exception {
        memory.fill(MEM - 5, 4, (byte) 'e');
        request(ARGS, STORAGE, 0, MEM - 5, 4);
        assertThat(call(BlockHypercalls.BLOCK_WRITE, ARGS)).isEqualTo(Solo5Result.OK);
        assertThat(Arrays.copyOf(disk(), 5)).isEqualTo("eeeeo".getBytes());

        assertBufferFault(BlockHypercalls.BLOCK_WRITE, MEM - 4, 4, "Invalid guest access: gpa=0x3ffffc, sz=4");
        assertBufferFault(BlockHypercalls.BLOCK_READ, MEM - 4, 4, "Invalid guest access: gpa=0x3ffffc, sz=4");
        assertBufferFault(BlockHypercalls.BLOCK_WRITE, -16L, 32, "Invalid guest access: gpa=0xfffffffffffffff0, sz=32");
        assertBufferFault(BlockHypercalls.BLOCK_READ, MEM, 0, "Invalid guest access: gpa=0x400000, sz=0");
        assertThat(Arrays.copyOfRange(disk(), 4, (int) CAPACITY)).containsOnly('o');
    }

    private void assertBufferFault(int nr, long data, long len, String message) {
        request(ARGS, STORAGE, 8, data, len);
        assertThatThrownBy(() -> call(nr, ARGS)).isInstanceOf(GuestAccessException.class).hasMessage(message);
        assertThat(memory.getInt(ARGS + RET)).isEqualTo(UNTOUCHED);
    }

    @Test
    void aReadIntoHostReadOnlyGuestMemoryIsRefusedBeforeTheRead() throws Exception {
        memory.protect(0x200000, 0x1000, LibC.PROT_READ);
        request(ARGS, STORAGE, 0, 0x200800, 512);
        assertThatThrownBy(() -> call(BlockHypercalls.BLOCK_READ, ARGS)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x200800, sz=512");
        assertThat(memory.getInt(0x200800)).isZero();
        request(ARGS, STORAGE, 0, 0x200800, 512);
        assertThat(call(BlockHypercalls.BLOCK_WRITE, ARGS)).as("writing from it is fine").isEqualTo(Solo5Result.OK);
        request(ARGS, STORAGE, 0, 0x200800, 0);
        assertThat(call(BlockHypercalls.BLOCK_READ, ARGS)).as("reading 0 bytes into it too (test_fuzz)")
                .isEqualTo(Solo5Result.OK);
    }

    @Test
    void hostFailuresAreFatalWithSolo5sUnprefixedWords() throws Exception {
        ManifestEntry e = manifest.entries().get(STORAGE);
        int attached = e.hostFd();
        Files.write(file, new byte[512]);
        request(ARGS, STORAGE, 512, BUF, 512);
        assertFatal(BlockHypercalls.BLOCK_READ, "Fatal error: read only 0 out of 512 bytes");

        int readOnly = LibC.open(file.toString(), LibC.O_RDONLY);
        int writeOnly = LibC.open(file.toString(), LibC.O_WRONLY);
        try {
            e.setHostFd(readOnly);
            request(ARGS, STORAGE, 0, BUF, 512);
            assertFatal(BlockHypercalls.BLOCK_WRITE, "Fatal error when writing: Bad file descriptor");
            e.setHostFd(writeOnly);
            request(ARGS, STORAGE, 0, BUF, 512);
            assertFatal(BlockHypercalls.BLOCK_READ, "Fatal error when reading: Bad file descriptor");
        } finally {
            LibC.closeQuietly(readOnly);
            LibC.closeQuietly(attached);
        }
    }

    private void assertFatal(int nr, String message) {
        assertThatThrownBy(() -> call(nr, ARGS)).isInstanceOf(TenderException.class).hasMessage(message)
                .matches(x -> !((TenderException) x).prefixed(), "printed without the program name");
        assertThat(memory.getInt(ARGS + RET)).isEqualTo(UNTOUCHED);
    }
}
