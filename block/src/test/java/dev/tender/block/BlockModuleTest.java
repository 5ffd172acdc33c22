package dev.tender.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching a backing file and setting the module up on spt, where it serves no hypercalls. */
class BlockModuleTest {
    @TempDir
    Path dir;
    private final Manifest manifest = Manifest.of(List.of(new Manifest.Device("storage", DeviceType.BLOCK_BASIC)));
    private final Diagnostics diag = new Diagnostics("solo5-spt", new PrintStream(new ByteArrayOutputStream(), true));
    private final ModuleContext spt = new ModuleContext(manifest, diag, new TenderKind.Spt());

    @AfterEach
    void closeFiles() {
        BlockModule.closeAll(manifest);
    }

    @Test
    void aBackingFileThatCannotBeOpenedIsFatalWithStrerror() {
        assertThatThrownBy(() -> new BlockModule().handleOption("--block:storage=" + dir.resolve("none"), manifest,
                diag)).isInstanceOf(TenderException.class)
                .hasMessage("Could not open block device: " + dir.resolve("none") + ": No such file or directory");
    }

    @Test
    void onSptSetupAppliesTheDefaultBlockSizeAndChecksTheCapacity() throws Exception {
        Path disk = Files.write(dir.resolve("disk.img"), new byte[2048]);
        BlockModule block = new BlockModule();
        block.handleOption("--block:storage=" + disk, manifest, diag);

        block.setup(spt);

        assertThat(manifest.entries().get(1).blockSize()).isEqualTo(512);
        assertThat(manifest.entries().get(1).capacity()).isEqualTo(2048);
    }

    @Test
    void aCapacityThatIsNoWholeNumberOfBlocksIsFatal() throws Exception {
        Path disk = Files.write(dir.resolve("odd.img"), new byte[1000]);
        BlockModule block = new BlockModule();
        block.handleOption("--block:storage=" + disk, manifest, diag);

        assertThatThrownBy(() -> block.setup(spt)).isInstanceOf(TenderException.class)
                .hasMessage("storage: Backing storage size must be block aligned (512 bytes)");
    }

    @Test
    void aPreopenedBackingFileIsTheOneAttached() throws Exception {
        Path disk = Files.write(dir.resolve("early.img"), new byte[4096]);
        String arg = "--block:storage=" + disk;
        BlockModule block = new BlockModule();
        block.preopen(List.of(arg));
        Files.delete(disk);

        assertThat(block.handleOption(arg, manifest, diag)).as("opened before the file went away").isTrue();
        assertThat(manifest.entries().get(1).capacity()).isEqualTo(4096);
    }

    @Test
    void aPreopenFailureIsThrownWhenTheOptionIsHandledWithTheSameMessage() throws Exception {
        Path late = dir.resolve("late.img");
        String arg = "--block:storage=" + late;
        BlockModule block = new BlockModule();
        block.preopen(List.of(arg));
        Files.write(late, new byte[4096]);

        assertThatThrownBy(() -> block.handleOption(arg, manifest, diag)).isInstanceOf(TenderException.class)
                .hasMessage("Could not open block device: " + late + ": No such file or directory");
        assertThat(block.handleOption(arg, manifest, diag)).as("nothing kept any more: opened now").isTrue();
    }

    @Test
    void aFifoADirectoryACharacterDeviceAndASocketAreRefusedWhereTheOptionIsHandled() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        Path sock = dir.resolve("sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(sock));
            for (Path p : List.of(fifo, dir, Path.of("/dev/null"), sock)) {
                String arg = "--block:storage=" + p;
                BlockModule block = new BlockModule();
                block.preopen(List.of(arg));
                assertThatThrownBy(() -> block.handleOption(arg, manifest, diag))
                        .isInstanceOf(TenderException.class)
                        .hasMessage("Could not open block device: " + p + ": not a regular file or block device");
                assertThat(manifest.entries().get(1).attached()).isFalse();
            }
        }
    }
}
