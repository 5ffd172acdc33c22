package dev.tender.hvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WALLTIME, PUTS and POLL over real guest memory (4 MiB, all guest-visible), the console a file, without KVM:
 * the test writes the guest's structures and calls the handlers as the run loop would.
 */
class CoreHypercallsTest {
    private static final long MEM = 4L << 20;
    private static final long ARGS = 0x1000;
    private static final long TEXT = 0x100000;

    @TempDir
    Path dir;
    private Path consoleFile;
    private int console;
    private GuestMemory memory;
    private Poller poller;
    private final HypercallTable table = new HypercallTable(HvtCalls.MAX);
    private final Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(new ByteArrayOutputStream(), true));

    @BeforeEach
    void setUp() throws Exception {
        consoleFile = Files.createFile(dir.resolve("console"));
        console = LibC.open(consoleFile.toString(), LibC.O_WRONLY);
        memory = GuestMemory.allocate(MEM);
        poller = new Poller();
        ModuleContext ctx = new ModuleContext(Manifest.of(List.of()), diag, new TenderKind.Hvt(memory, table, poller));
        new CoreHypercalls(console).setup(ctx);
    }

    @AfterEach
    void tearDown() {
        LibC.closeQuietly(console);
        poller.close();
        memory.close();
    }

    private void call(int nr, long gpa) throws Exception {
        table.lookup(nr).handle(gpa);
    }

    private void puts(long at, long data, long len) throws Exception {
        memory.putLong(at, data);
        memory.putLong(at + 8, len);
        call(HvtCalls.PUTS, at);
    }

    private String console() throws Exception {
        return Files.readString(consoleFile, StandardCharsets.US_ASCII);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void walltimeAnswersTheRealtimeClockInNanoseconds() throws Exception {
        long before = nanos(Instant.now());
        call(HvtCalls.WALLTIME, ARGS);
        long after = nanos(Instant.now());
        assertThat(memory.getLong(ARGS)).isBetween(before - 1_000_000, after + 1_000_000);
    }

    @Test
    void walltimeChecksItsEightBytesAndNeverWritesReadOnlyMemory() throws Exception {
        call(HvtCalls.WALLTIME, MEM - 9);
        assertThat(memory.getLong(MEM - 9)).isPositive();
        assertThatThrownBy(() -> call(HvtCalls.WALLTIME, MEM - 8)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3ffff8, sz=8");
        memory.protect(0x200000, 0x1000, LibC.PROT_READ);
        assertThatThrownBy(() -> call(HvtCalls.WALLTIME, 0x200010)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x200010, sz=8");
    }

    @Test
    void putsWritesTheGuestsBytesToTheConsoleOnce() throws Exception {
        memory.write(TEXT, "Hello, World\n".getBytes(StandardCharsets.US_ASCII));
        puts(ARGS, TEXT, 13);
        puts(ARGS, TEXT, 0);
        assertThat(console()).isEqualTo("Hello, World\n");
    }

    @Test
    void putsMayPrintFromReadOnlyMemoryUpToTheByteBelowTheTop() throws Exception {
        memory.write(MEM - 5, "edge".getBytes(StandardCharsets.US_ASCII));
        memory.protect(MEM - 0x1000, 0x1000, LibC.PROT_READ);
        puts(ARGS, MEM - 5, 4);
        assertThat(console()).isEqualTo("edge");
    }

    @Test
    void putsRefusesTheSameRangesAsSolo5() throws Exception {
        assertPutsFault(MEM - 4, 4, "Invalid guest access: gpa=0x3ffffc, sz=4");
        assertPutsFault(MEM, 1, "Invalid guest access: gpa=0x400000, sz=1");
        assertPutsFault(0x100000, -0x100L, "Invalid guest access: gpa=0x100000, sz=18446744073709551360");
        assertPutsFault(1, Long.MAX_VALUE, "Invalid guest access: gpa=0x1, sz=9223372036854775807");
        assertThatThrownBy(() -> call(HvtCalls.PUTS, MEM - 16)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3ffff0, sz=16");
        puts(MEM - 17, TEXT, 0);
        assertThat(console()).isEmpty();
    }

    private void assertPutsFault(long data, long len, String message) {
        assertThatThrownBy(() -> puts(ARGS, data, len)).isInstanceOf(GuestAccessException.class).hasMessage(message);
    }

    @Test
    void aConsoleThatCannotBeWrittenIsFatal() throws Exception {
        int readOnly = LibC.open(consoleFile.toString(), LibC.O_RDONLY);
        try {
            HypercallTable calls = new HypercallTable(HvtCalls.MAX);
            new CoreHypercalls(readOnly).setup(new ModuleContext(Manifest.of(List.of()), diag,
                    new TenderKind.Hvt(memory, calls, poller)));
            memory.putLong(ARGS, TEXT);
            memory.putLong(ARGS + 8, 1);
            assertThatThrownBy(() -> calls.lookup(HvtCalls.PUTS).handle(ARGS))
                    .isInstanceOf(TenderException.class)
                    .hasMessage("Fatal error when writing to console: Bad file descriptor");
        } finally {
            LibC.closeQuietly(readOnly);
        }
    }

    @Test
    void pollAnswersTheReadyDevicesAndTheirCount() throws Exception {
        int efd = Epoll.eventFd(0, Epoll.EFD_CLOEXEC);
        try (NativeMemory one = new NativeMemory(8)) {
            poller.addDevice(efd, 3);
            memory.putLong(ARGS, 1_000_000);
            memory.putLong(ARGS + 8, -1L);
            memory.putInt(ARGS + 16, -1);
            call(HvtCalls.POLL, ARGS);
            assertThat(memory.getLong(ARGS + 8)).isZero();
            assertThat(memory.getInt(ARGS + 16)).isZero();

            one.putLong(0, 1);
            LibC.write(efd, one.address(), 8);
            memory.putLong(ARGS, 5_000_000_000L);
            call(HvtCalls.POLL, ARGS);
            assertThat(memory.getLong(ARGS + 8)).isEqualTo(1L << 3);
            assertThat(memory.getInt(ARGS + 16)).isEqualTo(1);
        } finally {
            LibC.closeQuietly(efd);
        }
    }

    @Test
    void pollChecksItsTwentyFourBytes() throws Exception {
        memory.putLong(MEM - 25, 0);
        call(HvtCalls.POLL, MEM - 25);
        assertThatThrownBy(() -> call(HvtCalls.POLL, MEM - 24)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3fffe8, sz=24");
    }

    @Test
    void theCoreModuleBelongsToHvtOnly() {
        ModuleContext spt = new ModuleContext(Manifest.of(List.of()), diag, new TenderKind.Spt());
        assertThatThrownBy(() -> new CoreHypercalls().setup(spt)).isInstanceOf(IllegalStateException.class);
    }
}
