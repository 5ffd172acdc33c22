package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.manifest.TestElf;
import dev.tender.manifest.elf.ElfImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ServiceImageTest {
    private static final int X86_64 = ElfImage.EM_X86_64;
    private static final int AARCH64 = ElfImage.EM_AARCH64;

    @TempDir
    Path dir;

    private Path image(String name, int target, int machine) throws Exception {
        return TestElf.solo5Image(target, machine).write(dir, name);
    }

    @Test
    void theAbiNoteChoosesTheTender() throws Exception {
        assertThat(ServiceImage.inspect(image("a.hvt", 1, X86_64), "a.hvt", X86_64))
                .isEqualTo(new ServiceImage(ServiceImage.Kind.HVT, X86_64));
        assertThat(ServiceImage.inspect(image("a.spt", 2, AARCH64), "a.spt", AARCH64))
                .isEqualTo(new ServiceImage(ServiceImage.Kind.SPT, AARCH64));
        // The name does not matter, only the note.
        assertThat(ServiceImage.inspect(image("looks-like.hvt", 2, X86_64), "looks-like.hvt", X86_64).kind())
                .isEqualTo(ServiceImage.Kind.SPT);
    }

    @Test
    void anImageForAnotherMachineIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> ServiceImage.inspect(image("arm.hvt", 1, AARCH64), "/srv/arm.hvt", X86_64))
                .isInstanceOf(DeployException.class)
                .hasMessage("/srv/arm.hvt: a hvt image for aarch64, but this machine is x86_64; build it for this "
                        + "machine (tender build --arch=x86_64)");
    }

    @Test
    void otherTargetsVersionsAndNonImagesAreRefused() throws Exception {
        assertThatThrownBy(() -> ServiceImage.inspect(image("m", 4, X86_64), "m", X86_64))
                .hasMessage("m: a Solo5 muen image; tender runs hvt and spt images");
        Path v3 = dir.resolve("v3");
        TestElf t = new TestElf();
        t.note(TestElf.abiNote(1, 3));
        t.write(dir, "v3");
        assertThatThrownBy(() -> ServiceImage.inspect(v3, "v3", X86_64))
                .hasMessage("v3: Executable requests unsupported ABI version 3");
        Path none = new TestElf().write(dir, "none");
        assertThatThrownBy(() -> ServiceImage.inspect(none, "none", X86_64))
                .isInstanceOf(DeployException.class).hasMessageStartingWith("none: ");
        Path text = Files.writeString(dir.resolve("text"), "#!/bin/sh\n");
        assertThatThrownBy(() -> ServiceImage.inspect(text, "text", X86_64))
                .isInstanceOf(DeployException.class).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> ServiceImage.inspect(dir.resolve("gone"), "gone", X86_64))
                .hasMessage("image not found: gone");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> ServiceImage.inspect(fifo, "fifo", X86_64)).hasMessage("fifo: not a regular file");
        assertThatThrownBy(() -> ServiceImage.inspect(dir, "dir", X86_64)).hasMessage("dir: not a regular file");
    }
}
