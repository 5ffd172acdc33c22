package dev.tender.hvt.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.manifest.elf.ElfImage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfLoaderTest {
    private static final long MIB = 1L << 20;
    private static final int R = 4;
    private static final int W = 2;
    private static final int X = 1;

    @TempDir
    Path dir;
    private GuestMemory mem;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(4 * MIB);
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    private ElfLoader.Loaded load(TestElf elf) throws Exception {
        Path f = dir.resolve("img.hvt");
        Files.write(f, elf.build());
        try (FileChannel ch = FileChannel.open(f)) {
            return ElfLoader.load(ElfImage.read(ch, "img.hvt", ElfImage.EM_X86_64), ch.size(), mem);
        }
    }

    private static TestElf.Phdr seg(int flags, long vaddr, long filesz, long memsz) {
        return new TestElf.Phdr(flags, vaddr, filesz, memsz);
    }

    private void fails(TestElf elf, String message) {
        assertThatThrownBy(() -> load(elf)).isInstanceOf(TenderException.class).hasMessage(message);
    }

    @Test
    void loadsSegmentsZeroesBssAndReportsTheAlignedEnd() throws Exception {
        mem.fill(0x101000, 0x2000, (byte) 0x55);
        TestElf elf = new TestElf().add(seg(X, 0x100000, 0x800, 0x800)).add(seg(R | W, 0x101000, 0x100, 0x1800));
        ElfLoader.Loaded l = load(elf);
        assertThat(l.entry()).isEqualTo(0x100000);
        assertThat(l.end()).isEqualTo(0x103000);
        assertThat(mem.read(0x100000, 4)).containsExactly(TestElf.pattern(4));
        assertThat(mem.read(0x101100, 0x1700)).containsOnly(0);
    }

    @Test
    void emptyAndNonLoadSegmentsAreSkipped() throws Exception {
        TestElf.Phdr tdata = seg(R, 0, 0, 0);
        TestElf.Phdr bss = seg(R | W, 0x200000, 0, 0x1000);
        TestElf.Phdr note = seg(R, 0x50, 8, 8);
        note.type = 4;
        ElfLoader.Loaded l = load(new TestElf().add(seg(X, 0x100000, 0x10, 0x10)).add(tdata).add(bss).add(note));
        assertThat(l.end()).isEqualTo(0x101000);
    }

    @Test
    void protectionsReachTheHostMapping() throws Exception {
        load(new TestElf().add(seg(X, 0x100000, 0x10, 0x10)).add(seg(R | W, 0x101000, 0x10, 0x10))
                .add(seg(R, 0x102000, 0x10, 0x10)));
        assertThat(hostPerms(0x100000)).as("X-only text is host read-only").isEqualTo("r--s");
        assertThat(hostPerms(0x101000)).isEqualTo("rw-s");
        assertThat(hostPerms(0x102000)).isEqualTo("r--s");
        assertThat(hostPerms(0x200000)).as("untouched memory stays RW").isEqualTo("rw-s");
    }

    private String hostPerms(long gpa) throws Exception {
        long addr = mem.hostBase() + gpa;
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] f = line.split("\\s+");
            String[] range = f[0].split("-");
            long lo = Long.parseUnsignedLong(range[0], 16);
            long hi = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(addr, lo) >= 0 && Long.compareUnsigned(addr, hi) < 0) {
                return f[1];
            }
        }
        throw new AssertionError("no mapping for guest address " + gpa);
    }

    @Test
    void entryOutsideMemoryIsRejected() {
        TestElf elf = new TestElf().add(seg(X, 0x100000, 0x10, 0x10));
        elf.entry = 0xFFFFF;
        fails(elf, "img.hvt: invalid executable: e_entry does not fall within the memory allocation range "
                + "(1048575 < 1048576 || 1048575 >= 4194304)");
        elf.entry = 4 * MIB;
        fails(elf, "img.hvt: invalid executable: e_entry does not fall within the memory allocation range "
                + "(4194304 < 1048576 || 4194304 >= 4194304)");
    }

    @Test
    void segmentBelowTheMinimumLoadAddress() {
        fails(new TestElf().add(seg(X, 0xFF000, 0x10, 0x10)),
                "img.hvt: invalid executable: phdr[0].p_vaddr outside of valid memory range (1044480 < 1048576)");
    }

    @Test
    void segmentsOutOfOrder() {
        fails(new TestElf().add(seg(X, 0x102000, 0x10, 0x10)).add(seg(R, 0x101000, 0x10, 0x10)),
                "img.hvt: invalid executable: phdr[1].p_vaddr is not in ascending order (1052672 < 1056768)");
    }

    @Test
    void alignmentThatIsNotAPowerOfTwo() {
        TestElf.Phdr p = seg(X, 0x100000, 0x10, 0x10);
        p.align = 0x1800;
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0].p_vaddr is outside of memory range "
                + "(align_down with 1048576 (p_vaddr) and 6144 (p_align) failed)");
        p.align = 0;
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0].p_vaddr is outside of memory range "
                + "(align_down with 1048576 (p_vaddr) and 0 (p_align) failed)");
    }

    @Test
    void alignedStartBelowTheMinimum() {
        TestElf.Phdr p = seg(X, 0x100010, 0x10, 0x10);
        p.align = 0x200000;
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0].p_vaddr_start is outside of memory "
                + "range (0 < 1048576 (p_min_loadaddr))");
    }

    @Test
    void overlappingSegments() {
        fails(new TestElf().add(seg(X, 0x100000, 0x1800, 0x1800)).add(seg(R, 0x101000, 0x10, 0x10)),
                "img.hvt: invalid executable: phdr[1].p_vaddr_start is outside of memory range "
                        + "(1052672 < 1056768 (e_end))");
    }

    @Test
    void fileSegmentBeyondMemoryOffByOneBothWays() throws Exception {
        fails(new TestElf().add(seg(X, 4 * MIB, 0x10, 0x10)), "img.hvt: invalid executable: phdr[0] program "
                + "file segment falls outside of valid range (4194304 >= 4194304 (mem_size))");
        fails(new TestElf().add(seg(R, 4 * MIB - 0x1000, 0x1001, 0x1001)), "img.hvt: invalid executable: "
                + "phdr[0] program file segment falls outside of valid range (4194305 (p_vaddr + p_filesz) > "
                + "4194304 (mem_size))");
        ElfLoader.Loaded ok = load(new TestElf().add(seg(R, 4 * MIB - 0x1000, 0x1000, 0x1000)));
        assertThat(ok.end()).isEqualTo(4 * MIB);
    }

    @Test
    void fileSizeOverflow() {
        TestElf.Phdr p = seg(R, 0x100000, -0x10L, -0x10L);
        p.data = new byte[16];
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0] program file segment falls outside of "
                + "valid range (1048576 (p_vaddr) + 18446744073709551600 (p_filesz) overflow)");
    }

    @Test
    void memorySmallerThanFileAndMemoryBeyondTheEnd() {
        fails(new TestElf().add(seg(R, 0x100000, 0x20, 0x10)), "img.hvt: invalid executable: phdr[0] program "
                + "memory segment falls outside of valid range (16 (p_memsz) < 32 (p_filesz))");
        fails(new TestElf().add(seg(R | W, 0x100000, 0x10, 3 * MIB + 1)), "img.hvt: invalid executable: "
                + "phdr[0] program memory segment falls outside of valid range (4198400 (p_vaddr + p_memsz) > "
                + "4194304 (mem_size))");
    }

    @Test
    void memorySizeOverflowAndAlignUpOverflow() {
        TestElf.Phdr p = seg(R, 0x100000, 0x10, -0x10L);
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0] program memory segment falls outside "
                + "of valid range (1048576 (p_vaddr) + 18446744073709551600 (p_memsz) overflow)");
        TestElf.Phdr q = seg(R, 0x100000, 0x10, -0x100000L - 0x10);
        fails(new TestElf().add(q), "img.hvt: invalid executable: phdr[0] program memory segment falls outside "
                + "of valid range (align_up with 18446744073709551600 (p_vaddr_end) and 4096 (p_align) failed)");
    }

    @Test
    void shortFileIsAMismatch() {
        TestElf.Phdr p = seg(R, 0x100000, 0x100, 0x100);
        p.data = new byte[0x10];
        fails(new TestElf().add(p), "img.hvt: phdr[0] host file segment mismatched (pread_in_full returned 16 != "
                + "256 (p_filesz))");
    }

    @Test
    void unalignedSegmentsAndWritableExecutable() {
        TestElf.Phdr p = seg(R, 0x100010, 0x10, 0x10);
        p.align = 0x10;
        fails(new TestElf().add(p), "img.hvt: invalid executable: phdr[0] p_vaddr_start not aligned with "
                + "architectural page size (1048592 & (4095 - 1))");
        TestElf.Phdr q = seg(R, 0x100000, 0x10, 0x10);
        q.align = 0x10;
        fails(new TestElf().add(q), "img.hvt: invalid executable: phdr[0] p_vaddr_end not aligned with "
                + "architectural page size (1048592 & (4095 - 1))");
        fails(new TestElf().add(seg(R | W | X, 0x100000, 0x10, 0x10)),
                "img.hvt: invalid executable: phdr[0] requests WRITE and EXEC permissions");
    }
}
