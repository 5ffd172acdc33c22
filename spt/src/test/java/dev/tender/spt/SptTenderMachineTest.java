package dev.tender.spt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.Diagnostics;
import dev.tender.manifest.elf.ElfImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The architecture seam decides which images the tender accepts: the host's machine only, as upstream. */
class SptTenderMachineTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A bare ELF64 executable header with one (missing) program header. */
    private Path header(int machine) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) ElfImage.ET_EXEC).putShort((short) machine).putInt(1).putLong(0x100000).putLong(64);
        b.putLong(0).putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1);
        return Files.write(dir.resolve("m" + machine + ".spt"), b.array());
    }

    private int run(Path image) {
        Diagnostics diag = new Diagnostics("solo5-spt", new PrintStream(err, true, StandardCharsets.UTF_8));
        return new SptTender(diag, "test").run(List.of(image.toString()));
    }

    /** On an x86_64 host an aarch64 image, and the other way round: spt supports both, but only the host's runs. */
    @Test
    void anImageForTheOtherArchitectureIsRefusedInOneLine() throws Exception {
        int other = ElfImage.hostMachine() == ElfImage.EM_X86_64 ? ElfImage.EM_AARCH64 : ElfImage.EM_X86_64;
        Path image = header(other);
        assertThat(run(image)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("solo5-spt: " + image + ": image is for "
                + ElfImage.archName(other) + "; this host is " + ElfImage.archName(ElfImage.hostMachine()) + "\n");
    }

    @Test
    void anImageForAMachineSolo5DoesNotRunGetsTheLoadersMessage() throws Exception {
        Path arm32 = header(40);
        assertThat(run(arm32)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("solo5-spt: " + arm32 + ": invalid executable: "
                + "invalid or unsupported executable (elf header invalid while loading note)\n");
    }

    @Test
    void anImageForTheHostsMachinePassesTheHeaderCheck() throws Exception {
        Path host = header(ElfImage.hostMachine());
        assertThat(run(host)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("solo5-spt: " + host + ": invalid executable: "
                + "program header does not match the expected size (0 != 56 while loading note)\n");
    }
}
