package dev.tender.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.manifest.elf.ElfImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ImageFileTest {
    @TempDir
    Path dir;

    @Test
    void specialFilesAreRefusedInOneLineWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        for (String path : new String[] {fifo.toString(), dir.toString(), "/dev/null"}) {
            assertThatThrownBy(() -> ImageFile.open(path, ElfImage.EM_X86_64))
                    .isInstanceOf(TenderException.class).hasMessage(path + ": not a regular file");
        }
        String missing = dir.resolve("missing").toString();
        assertThatThrownBy(() -> ImageFile.open(missing, ElfImage.EM_X86_64))
                .isInstanceOf(TenderException.class).hasMessage(missing + ": Could not open: No such file or directory");
    }

    /** The descriptor handed on names the file that was validated, even once the path names another file. */
    @Test
    void theInheritableDescriptorIsTheValidatedFileNotThePath() throws Exception {
        Path image = Files.write(dir.resolve("image"), minimalElf());
        Path other = Files.write(dir.resolve("other"), new byte[] {'s', 'w', 'a', 'p'});
        try (ImageFile f = ImageFile.open(image.toString(), ElfImage.EM_X86_64)) {
            Files.move(other, image, StandardCopyOption.REPLACE_EXISTING);
            int fd = f.inheritableFd();
            assertThat(Files.readAllBytes(Path.of("/proc/self/fd/" + fd))).isEqualTo(minimalElf());
            assertThat(f.size()).isEqualTo(minimalElf().length);
            String flags = Files.readString(Path.of("/proc/self/fdinfo/" + fd)).lines()
                    .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow().substring(6).trim();
            assertThat(Integer.parseInt(flags, 8) & (02000000 | 04000)).as("O_CLOEXEC, O_NONBLOCK").isZero();
        }
    }

    /** An x86_64 ET_EXEC with one PT_PHDR header and nothing to load. */
    static byte[] minimalElf() {
        ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1).putLong(24, 0x100000).putLong(32, 64);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1).putInt(64, 6);
        return b.array();
    }
}
