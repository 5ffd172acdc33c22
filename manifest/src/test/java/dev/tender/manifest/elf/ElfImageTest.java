package dev.tender.manifest.elf;

import dev.tender.manifest.ImageException;
import dev.tender.manifest.TestElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static dev.tender.manifest.TestElf.MFT1;
import static dev.tender.manifest.TestElf.patch;
import static dev.tender.manifest.TestElf.solo5Note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElfImageTest {
    private static final String INVALID =
            "img.hvt: invalid executable: invalid or unsupported executable (elf header invalid while loading note)";

    @TempDir
    Path dir;

    private ElfImage open(byte[] bytes) throws IOException, ImageException {
        Path p = dir.resolve("img.hvt");
        Files.write(p, bytes);
        try (FileChannel ch = FileChannel.open(p)) {
            return ElfImage.read(ch, "img.hvt", ElfImage.EM_X86_64);
        }
    }

    private Optional<ByteBuffer> note(byte[] bytes, int type, int align, long max) throws Exception {
        Path p = dir.resolve("img.hvt");
        Files.write(p, bytes);
        try (FileChannel ch = FileChannel.open(p)) {
            return ElfImage.read(ch, "img.hvt", ElfImage.EM_X86_64).findNote(type, align, max);
        }
    }

    private void assertNoteFails(byte[] bytes, String message) {
        assertThatThrownBy(() -> note(bytes, MFT1, 8, 6668))
                .isInstanceOf(ImageException.class).hasMessage(message);
    }

    @Test
    void readsHeaderAndProgramHeaders() throws Exception {
        ElfImage img = open(TestElf.hvtImage(null).entry(0x100123).build());
        assertThat(img.entry()).isEqualTo(0x100123);
        assertThat(img.machine()).isEqualTo(62);
        assertThat(img.name()).isEqualTo("img.hvt");
        assertThat(img.programHeaders()).hasSize(3);
        ProgramHeader text = img.programHeaders().get(0);
        assertThat(text.index()).isZero();
        assertThat(text.isLoad()).isTrue();
        assertThat(text.flags()).isEqualTo(ElfImage.PF_X);
        assertThat(text.vaddr()).isEqualTo(0x100000);
        assertThat(text.filesz()).isEqualTo(1);
        assertThat(text.offset()).isEqualTo(64 + 3 * 56);
        assertThat(img.programHeaders().get(2).isNote()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "62", "63"})
    void shortHeader(int size) {
        byte[] b = Arrays.copyOf(TestElf.hvtImage(null).build(), size);
        assertThatThrownBy(() -> open(b)).hasMessage(
                "img.hvt: invalid executable: elf header does not match the expected size (" + size + " != 64)");
    }

    @ParameterizedTest(name = "offset {0} width {1} value {2}")
    @CsvSource({
        "0, 1, 0x7e", "1, 1, 0x46", "2, 1, 0x4d", "3, 1, 0x47", // magic
        "4, 1, 1",          // ELFCLASS32
        "5, 1, 2",          // big-endian
        "20, 4, 0",         // e_version
        "52, 2, 63",        // e_ehsize
        "54, 2, 32",        // e_phentsize
        "56, 2, 0",         // e_phnum
        "16, 2, 3",         // e_type ET_DYN
        "18, 2, 183",       // e_machine aarch64 on x86_64
    })
    void invalidHeader(int offset, int width, String value) {
        byte[] b = patch(TestElf.hvtImage(null).build(), offset, width, Long.decode(value));
        assertThatThrownBy(() -> open(b)).isInstanceOf(ImageException.class).hasMessage(INVALID);
    }

    @Test
    void fieldsSolo5DoesNotCheck() throws Exception {
        byte[] b = TestElf.hvtImage(null).build();
        b = patch(b, 6, 1, 9);   // e_ident[EI_VERSION]
        b = patch(b, 7, 1, 3);   // EI_OSABI
        b = patch(b, 8, 1, 7);   // EI_ABIVERSION
        b = patch(b, 40, 8, -1); // e_shoff
        assertThat(open(b).programHeaders()).hasSize(3);
    }

    @Test
    void aarch64MachineWhenExpected() throws Exception {
        Path p = dir.resolve("a.spt");
        TestElf t = new TestElf().machine(183);
        t.note(TestElf.openBsdNote());
        Files.write(p, t.build());
        try (FileChannel ch = FileChannel.open(p)) {
            assertThat(ElfImage.read(ch, "a.spt", ElfImage.EM_AARCH64).machine()).isEqualTo(183);
        }
    }

    @Test
    void truncatedProgramHeaderTable() {
        byte[] b = Arrays.copyOf(TestElf.hvtImage(null).build(), 64 + 56 * 2 + 10);
        assertThatThrownBy(() -> open(b)).hasMessage("img.hvt: invalid executable: program header does not"
                + " match the expected size (122 != 168 while loading note)");
    }

    @Test
    void programHeaderOffsetNegative() {
        byte[] b = patch(TestElf.hvtImage(null).build(), 32, 8, -8);
        assertThatThrownBy(() -> open(b)).hasMessage("img.hvt: pread_in_full for ph_size returned"
                + " 18446744073709551615 < 0 while loading note");
    }

    @Test
    void directoryIsAReadError() throws Exception {
        try (FileChannel ch = FileChannel.open(dir)) {
            assertThatThrownBy(() -> ElfImage.read(ch, "d", 62)).hasMessage(
                    "d: pread_in_full for elf header while loading note returned 18446744073709551615 < 0");
        } catch (IOException e) {
            // a platform that cannot open directories: nothing to check
        }
    }

    @Test
    void findsDescriptorAfterInternalPadding() throws Exception {
        byte[] desc = {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        TestElf t = TestElf.hvtImage(solo5Note(MFT1, 12, desc));
        ByteBuffer b = note(t.build(), MFT1, 8, 6668).orElseThrow();
        assertThat(b.remaining()).isEqualTo(8);
        assertThat(b.getLong()).isEqualTo(0x0807060504030201L);
    }

    @Test
    void missingNoteIsEmpty() throws Exception {
        assertThat(note(TestElf.hvtImage(null).build(), MFT1, 8, 6668)).isEmpty();
    }

    @Test
    void tinyNoteSegmentIsFatal() {
        TestElf t = TestElf.hvtImage(null);
        t.note(new byte[11]);
        assertNoteFails(t.build(),
                "img.hvt: invalid executable: phdr[3].p_filesz note does not fall within valid size (11 < 12)");
    }

    @Test
    void noteBeyondEndOfFile() {
        TestElf t = TestElf.hvtImage(null);
        TestElf.Segment s = t.note(solo5Note(MFT1, 4, new byte[4]));
        s.filesz = -5L; // not < 12 as unsigned: passes, then the note checks run
        s.offset = 1L << 40;
        assertNoteFails(t.build(), "img.hvt: phdr[3] bytes read mismatches note size (0 != 20)");
    }

    @Test
    void skipsShortAndForeignNotes() throws Exception {
        TestElf t = new TestElf();
        t.note(new byte[19]);                                       // 12..19: skipped
        t.note(TestElf.openBsdNote());                              // not Solo5
        byte[] wrongNameSize = solo5Note(MFT1, 4, new byte[4]);
        wrongNameSize[0] = 5;
        t.note(wrongNameSize);
        byte[] wrongName = solo5Note(MFT1, 4, new byte[4]);
        wrongName[16] = 'X';
        t.note(wrongName);
        t.note(solo5Note(0x12345678, 4, new byte[4]));              // other type
        t.note(solo5Note(MFT1, 12, new byte[] {0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}));
        t.note(solo5Note(MFT1, 12, new byte[] {0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0})); // second match ignored
        assertThat(note(t.build(), MFT1, 8, 6668).orElseThrow().get(0)).isEqualTo((byte) 9);
    }

    @Test
    void onlyFirstNoteOfSegmentCounts() throws Exception {
        byte[] other = TestElf.openBsdNote();
        byte[] mft = solo5Note(MFT1, 12, new byte[12]);
        byte[] both = new byte[other.length + mft.length];
        System.arraycopy(other, 0, both, 0, other.length);
        System.arraycopy(mft, 0, both, other.length, mft.length);
        TestElf t = new TestElf();
        t.note(both);
        assertThat(note(t.build(), MFT1, 8, 6668)).isEmpty();
    }

    @Test
    void descsizeZero() {
        assertNoteFails(TestElf.hvtImage(solo5Note(MFT1, 0, new byte[0])).build(),
                "img.hvt: invalid executable: phdr[3] note does not fall within valid size (0 < 1 || 0 > 6668)");
    }

    @Test
    void descsizeTooLarge() {
        assertNoteFails(TestElf.hvtImage(solo5Note(MFT1, 0xffffffffL, new byte[8])).build(),
                "img.hvt: invalid executable: phdr[3] note does not fall within valid size"
                        + " (4294967295 < 1 || 4294967295 > 6668)");
    }

    @Test
    void segmentSmallerThanDescriptor() {
        assertNoteFails(TestElf.hvtImage(solo5Note(MFT1, 116, new byte[100])).build(),
                "img.hvt: invalid executable: phdr[3] note does not fall within valid size (120 < 136)");
    }

    @Test
    void buggyElfWrapsUnsigned() {
        TestElf t = TestElf.hvtImage(null);
        for (int i = 0; i < 5; i++) {
            t.add(i == 2 ? 7 : 1, new byte[0]);
        }
        t.note(solo5Note(MFT1, 1, new byte[4]));
        assertNoteFails(t.build(), "img.hvt: INV_EXE: phdr[8] note does not fall within valid size"
                + " (18446744073709551613 <= 0 || 18446744073709551613 > 1)");
    }

    @Test
    void descriptorOnlyPadding() {
        assertNoteFails(TestElf.hvtImage(solo5Note(MFT1, 4, new byte[4])).build(),
                "img.hvt: INV_EXE: phdr[3] note does not fall within valid size (0 <= 0 || 0 > 4)");
    }

    @Test
    void descriptorPastEndOfFile() {
        byte[] b = TestElf.hvtImage(solo5Note(MFT1, 116, new byte[116])).build();
        byte[] cut = Arrays.copyOf(b, b.length - 16);
        assertNoteFails(cut, "img.hvt: phdr[3] bytes read mismatches note size (96 != 112)");
    }

    @Test
    void noteHeaderUnreadable() {
        TestElf t = TestElf.hvtImage(null);
        t.note(solo5Note(MFT1, 12, new byte[12])).offset = -1L;
        assertNoteFails(t.build(), "img.hvt: phdr[3] pread_in_full returned 18446744073709551615");
    }

    @Test
    void noteHeaderReadOverflows() {
        TestElf t = TestElf.hvtImage(null);
        t.note(solo5Note(MFT1, 12, new byte[12])).offset = Long.MAX_VALUE - 10;
        // offset + 20 overflows off_t: pread(2) fails with EINVAL
        assertNoteFails(t.build(), "img.hvt: phdr[3] pread_in_full returned 18446744073709551615");
    }
}
