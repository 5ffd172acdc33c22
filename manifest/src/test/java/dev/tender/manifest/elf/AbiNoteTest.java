package dev.tender.manifest.elf;

import dev.tender.manifest.ImageException;
import dev.tender.manifest.TestElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbiNoteTest {
    @TempDir
    Path dir;

    private interface ImageCheck {
        void check(ElfImage img) throws Exception;
    }

    private void with(TestElf t, ImageCheck c) throws Exception {
        Path p = t.write(dir, "x.hvt");
        try (FileChannel ch = FileChannel.open(p)) {
            c.check(ElfImage.read(ch, "x.hvt", ElfImage.EM_X86_64));
        }
    }

    private static TestElf withAbi(byte[] note) {
        TestElf t = new TestElf();
        t.note(TestElf.openBsdNote());
        if (note != null) {
            t.note(note);
        }
        return t;
    }

    @Test
    void readsTargetAndVersion() throws Exception {
        with(withAbi(TestElf.abiNote(2, 7)), img -> {
            AbiNote abi = AbiNote.read(img).orElseThrow();
            assertThat(abi).isEqualTo(new AbiNote(2, 7));
            assertThat(abi.targetName()).isEqualTo("spt");
        });
    }

    @Test
    void requireAbiAccepts() throws Exception {
        with(withAbi(TestElf.abiNote(1, 2)), img ->
                assertThat(AbiNote.requireAbi(img, 1, "solo5-hvt")).isEqualTo(new AbiNote(1, 2)));
    }

    @Test
    void requireAbiMissing() throws Exception {
        with(withAbi(null), img -> assertThatThrownBy(() -> AbiNote.requireAbi(img, 1, "solo5-hvt"))
                .isInstanceOf(ImageException.class)
                .hasMessage("x.hvt: No Solo5 ABI information found in executable"));
    }

    @Test
    void requireAbiWrongTarget() throws Exception {
        with(withAbi(TestElf.abiNote(1, 2)), img -> assertThatThrownBy(() -> AbiNote.requireAbi(img, 2, "solo5-spt"))
                .hasMessage("x.hvt: Executable is not for the solo5-spt target"));
    }

    @Test
    void requireAbiWrongVersion() throws Exception {
        with(withAbi(TestElf.abiNote(1, -1)), img -> assertThatThrownBy(() -> AbiNote.requireAbi(img, 1, "solo5-hvt"))
                .hasMessage("x.hvt: Executable requests unsupported ABI version 4294967295"));
        with(withAbi(TestElf.abiNote(1, 1)), img -> assertThatThrownBy(() -> AbiNote.requireAbi(img, 1, "solo5-hvt"))
                .hasMessage("x.hvt: Executable requests unsupported ABI version 1"));
    }

    @Test
    void abiNoteLimits() throws Exception {
        with(withAbi(TestElf.solo5Note(TestElf.ABI1, 33, new byte[33])), img ->
                assertThatThrownBy(() -> AbiNote.read(img)).hasMessage("x.hvt: invalid executable: phdr[1] note"
                        + " does not fall within valid size (33 < 1 || 33 > 32)"));
        with(withAbi(TestElf.solo5Note(TestElf.ABI1, 2, new byte[] {3, 0})), img ->
                assertThat(AbiNote.read(img)).contains(new AbiNote(3, 0)));
    }

    @Test
    void targetNames() {
        assertThat(AbiTarget.printName(1)).isEqualTo("hvt");
        assertThat(AbiTarget.printName(2)).isEqualTo("spt");
        assertThat(AbiTarget.printName(3)).isEqualTo("virtio");
        assertThat(AbiTarget.printName(4)).isEqualTo("muen");
        assertThat(AbiTarget.printName(5)).isEqualTo("genode");
        assertThat(AbiTarget.printName(6)).isEqualTo("xen");
        assertThat(AbiTarget.printName(0)).isEqualTo("unknown");
        assertThat(AbiTarget.printName(7)).isEqualTo("unknown");
    }

    @Test
    void hostMachine() {
        assertThat(ElfImage.hostMachine()).isIn(62, 183, -1);
    }
}
