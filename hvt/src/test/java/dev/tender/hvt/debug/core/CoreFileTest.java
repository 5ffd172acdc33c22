package dev.tender.hvt.debug.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.LibC;
import dev.tender.hvt.arch.aarch64.Arm64CoreRegisters;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters;
import dev.tender.hvt.debug.core.CoreFile.Dumped;
import dev.tender.hvt.sys.CrossTools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes cores of real guest memory and reads them back field by field, as plain bytes. */
class CoreFileTest {
    private static final long MIB = 1L << 20;
    private static final int PID = 4242;

    @TempDir
    Path dir;

    private static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    private Dumped write(Path core, CoreLayout layout, byte[] prReg, GuestMemory mem, long memSize) throws Exception {
        try (FileChannel out = FileChannel.open(core, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            return CoreFile.write(out, layout, prReg, 6, PID, mem, memSize);
        }
    }

    private static ByteBuffer readAt(Path file, long pos, int len) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel in = FileChannel.open(file)) {
            while (b.hasRemaining() && in.read(b, pos + b.position()) > 0) {
                // reads until full or end of file
            }
        }
        return b.flip();
    }

    @Test
    void theHeaderAndProgramHeadersAreUpstreamsLayout() throws Exception {
        Path core = dir.resolve("core");
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB)) {
            write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, mem.size());
        }
        ByteBuffer h = readAt(core, 0, 176);
        assertThat(Arrays.copyOf(h.array(), 16))
                .containsExactly(0x7F, 'E', 'L', 'F', 2, 1, 1, 255, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(h.getShort(16)).as("e_type").isEqualTo((short) 4);
        assertThat(h.getShort(18)).as("e_machine").isEqualTo((short) 62);
        assertThat(h.getInt(20)).as("e_version").isEqualTo(1);
        assertThat(h.getLong(24)).as("e_entry").isZero();
        assertThat(h.getLong(32)).as("e_phoff").isEqualTo(64);
        assertThat(h.getLong(40)).as("e_shoff").isZero();
        assertThat(h.getInt(48)).as("e_flags").isZero();
        assertThat(h.getShort(52)).as("e_ehsize").isEqualTo((short) 64);
        assertThat(h.getShort(54)).as("e_phentsize").isEqualTo((short) 56);
        assertThat(h.getShort(56)).as("e_phnum").isEqualTo((short) 2);
        assertThat(h.getShort(58)).as("e_shentsize").isZero();
        assertThat(h.getShort(60)).as("e_shnum").isZero();
        assertThat(h.getShort(62)).as("e_shstrndx").isZero();
        long[] note = phdr(h, 64);
        assertThat(note).containsExactly(4, 0, 176, 0, 0, 356, 0, 0);
        long[] load = phdr(h, 120);
        assertThat(load).containsExactly(1, 0, 176 + 356, 0, 0, 2 * MIB, 2 * MIB, 0);
        assertThat(CoreFile.memoryOffset(X86CoreRegisters.LAYOUT)).isEqualTo(532);
        assertThat(CoreFile.memoryOffset(Arm64CoreRegisters.LAYOUT)).isEqualTo(176 + 12 + 8 + 392);
        assertThat(Files.size(core)).isEqualTo(532 + 2 * MIB);
    }

    /** p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align. */
    private static long[] phdr(ByteBuffer b, int at) {
        return new long[] {b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
            b.getLong(at + 24), b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48)};
    }

    @Test
    void theNoteIsOnePrstatusWithTheSignalPidAndRegisters() throws Exception {
        Path core = dir.resolve("core");
        byte[] prReg = pattern(272, 1);
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB)) {
            write(core, Arm64CoreRegisters.LAYOUT, prReg, mem, mem.size());
        }
        ByteBuffer n = readAt(core, 176, 12 + 8 + 392);
        assertThat(n.getInt(0)).as("n_namesz").isEqualTo(5);
        assertThat(n.getInt(4)).as("n_descsz").isEqualTo(392);
        assertThat(n.getInt(8)).as("n_type").isEqualTo(1);
        assertThat(Arrays.copyOfRange(n.array(), 12, 20)).containsExactly('C', 'O', 'R', 'E', 0, 0, 0, 0);
        ByteBuffer expected = ByteBuffer.allocate(392).order(ByteOrder.LITTLE_ENDIAN);
        expected.putShort(12, (short) 6).putInt(32, PID).put(112, prReg);
        assertThat(Arrays.copyOfRange(n.array(), 20, 20 + 392)).isEqualTo(expected.array());
        assertThat(readAt(core, 0, 20).getShort(18)).as("e_machine").isEqualTo((short) 183);
    }

    @Test
    void onlyResidentPagesAreWrittenAndTheRestStaysAHole() throws Exception {
        Path core = dir.resolve("core");
        long page = LibC.pageSize();
        long[] at = {0, 5 * page + 100, 3 * MIB, 8 * MIB - 16};
        try (GuestMemory mem = GuestMemory.allocate(8 * MIB)) {
            for (int i = 0; i < at.length; i++) {
                mem.write(at[i], pattern(16, i + 1));
            }
            Dumped d = write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, mem.size());
            assertThat(d).isEqualTo(new Dumped(at.length, 8 * MIB / page, page));
        }
        long base = CoreFile.memoryOffset(X86CoreRegisters.LAYOUT);
        assertThat(Files.size(core)).isEqualTo(base + 8 * MIB);
        for (int i = 0; i < at.length; i++) {
            assertThat(readAt(core, base + at[i], 16).array()).as("bytes at 0x%x", at[i]).isEqualTo(pattern(16, i + 1));
        }
        assertThat(readAt(core, base + 2 * MIB, 4096).array()).as("an untouched page").isEqualTo(new byte[4096]);
        String[] blocks = CrossTools.runNeeding("coreutils", "stat", "-c", "%b %B", core.toString()).trim().split(" ");
        long allocated = Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
        assertThat(allocated).as("bytes on disk").isLessThanOrEqualTo(at.length * (page + 8192) + 8192);
    }

    @Test
    void pagesAboveTheGuestVisibleSizeAreLeftOutAndTheFileStillHasItsFullLength() throws Exception {
        Path core = dir.resolve("core");
        long page = LibC.pageSize();
        try (GuestMemory mem = GuestMemory.allocate(4 * MIB)) {
            mem.write(page, pattern(8, 3));
            mem.write(4 * MIB - page, pattern(8, 4));
            mem.reserveTop(MIB);
            Dumped d = write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, mem.size());
            assertThat(d.pages()).isEqualTo(1);
            assertThat(d.totalPages()).isEqualTo(3 * MIB / page);
        }
        long base = CoreFile.memoryOffset(X86CoreRegisters.LAYOUT);
        assertThat(Files.size(core)).isEqualTo(base + 3 * MIB);
        assertThat(readAt(core, base + page, 8).array()).isEqualTo(pattern(8, 3));
        assertThat(readAt(core, base + 3 * MIB - 8, 8).array()).isEqualTo(new byte[8]);
    }

    @Test
    void aPartialLastPageIsWrittenOnlyUpToTheMemorySize() throws Exception {
        Path core = dir.resolve("core");
        long page = LibC.pageSize();
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB)) {
            mem.write(0, pattern(64, 9));
            Dumped d = write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, 40);
            assertThat(d).isEqualTo(new Dumped(1, 1, page));
        }
        long base = CoreFile.memoryOffset(X86CoreRegisters.LAYOUT);
        assertThat(Files.size(core)).isEqualTo(base + 40);
        assertThat(readAt(core, base, 40).array()).isEqualTo(Arrays.copyOf(pattern(64, 9), 40));
    }

    @Test
    void anExistingFileIsReplacedNotOverlaid() throws Exception {
        Path core = dir.resolve("core");
        byte[] junk = new byte[(int) (3 * MIB)];
        Arrays.fill(junk, (byte) 0xEE);
        Files.write(core, junk);
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB)) {
            write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, mem.size());
        }
        long base = CoreFile.memoryOffset(X86CoreRegisters.LAYOUT);
        assertThat(Files.size(core)).isEqualTo(base + 2 * MIB);
        assertThat(readAt(core, base + MIB, 4096).array()).isEqualTo(new byte[4096]);
    }

    @Test
    void aRegisterBlockOfTheWrongSizeOrAMemorySizeBeyondTheAllocationIsRefused() throws Exception {
        Path core = dir.resolve("core");
        try (GuestMemory mem = GuestMemory.allocate(2 * MIB)) {
            assertThatThrownBy(() -> write(core, X86CoreRegisters.LAYOUT, new byte[272], mem, mem.size()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pr_reg is 272 bytes, not 216");
            assertThatThrownBy(() -> write(core, X86CoreRegisters.LAYOUT, new byte[216], mem, 2 * MIB + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memory size 2097153 outside the guest allocation");
        }
    }

    @Test
    void aLayoutWhosePrRegDoesNotFitIsRefused() {
        assertThatThrownBy(() -> new CoreLayout(62, 336, 112, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreLayout(62, 336, 20, 216)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreLayout(62, 338, 112, 216)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoreLayout(0, 336, 112, 216)).isInstanceOf(IllegalArgumentException.class);
    }
}
