package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --root}: nothing is written or removed outside the root, whatever links lie below it. */
class InstallerRootTest {
    private static final String TEMPLATE = "[Unit]\n";

    @TempDir
    Path dir;

    private Path root;
    private Path outside;

    private Path scratchRoot() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Path image = root.resolve("var/lib/tender/x.hvt");
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[] {0x7f, 'E', 'L', 'F'});
        return root;
    }

    private static Instance instance() {
        return new Instance("x", Path.of("/var/lib/tender/x.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(), List.of(), List.of(), null);
    }

    private void assertOutsideEmpty() throws IOException {
        try (var files = Files.list(outside)) {
            assertThat(files).as("nothing written outside the root").isEmpty();
        }
    }

    @Test
    void aLinkedEtcTenderIsRefused() throws IOException {
        Installer installer = new Installer(scratchRoot());
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/tender"), outside);
        assertThatThrownBy(() -> installer.install(instance(), TEMPLATE)).isInstanceOf(DeployException.class)
                .hasMessage(root.resolve("etc/tender") + " is a symbolic link; refusing to follow it out of the root "
                        + root);
        assertOutsideEmpty();
        assertThat(root.resolve("etc/systemd")).as("refused before anything was written").doesNotExist();
    }

    @Test
    void aLinkAnywhereOnTheWayIsRefused() throws IOException {
        for (String linked : List.of("etc", "etc/systemd", "etc/systemd/system")) {
            Path r = scratchRoot();
            Path link = r.resolve(linked);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, outside);
            assertThatThrownBy(() -> new Installer(r).install(instance(), TEMPLATE))
                    .hasMessageContaining(link + " is a symbolic link");
            assertOutsideEmpty();
            Files.delete(link);
        }
    }

    @Test
    void aDanglingLinkIsRefusedAndNotCreatedThrough() throws IOException {
        Installer installer = new Installer(scratchRoot());
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/tender"), outside.resolve("made"));
        assertThatThrownBy(() -> installer.install(instance(), TEMPLATE)).hasMessageContaining("symbolic link");
        assertOutsideEmpty();
    }

    @Test
    void linkedFilesAndStaleTemporariesAreReplacedNotWrittenThrough() throws IOException {
        Installer installer = new Installer(scratchRoot());
        Path target = Files.writeString(outside.resolve("victim"), "keep\n");
        Path conf = installer.configPath("x");
        Files.createDirectories(conf.getParent());
        Files.createSymbolicLink(conf, target);
        Files.createSymbolicLink(conf.resolveSibling(".x.conf.tmp"), outside.resolve("tmp-victim"));
        installer.install(instance(), TEMPLATE);
        assertThat(Files.isSymbolicLink(conf)).isFalse();
        assertThat(Files.readString(conf)).contains("TENDER_IMAGE=\"/var/lib/tender/x.hvt\"");
        assertThat(Files.readString(target)).isEqualTo("keep\n");
        assertThat(outside.resolve("tmp-victim")).doesNotExist();
        assertThat(conf.resolveSibling(".x.conf.tmp")).doesNotExist();
    }

    @Test
    void theRootItselfMayBeALink() throws IOException {
        scratchRoot();
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("linked-root"), root);
        Installer installer = new Installer(linkedRoot);
        assertThat(installer.install(instance(), TEMPLATE)).hasSize(3);
        assertThat(root.resolve("etc/tender/x.conf")).isRegularFile();
        assertThat(root.resolve("etc/systemd/system/tender@.service")).hasContent("[Unit]");
    }

    @Test
    void uninstallDoesNotRemoveThroughALink() throws IOException {
        Installer installer = new Installer(scratchRoot());
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/tender"), outside);
        Path victim = Files.writeString(outside.resolve("x.conf"), "someone else's\n");
        assertThatThrownBy(() -> installer.uninstall("x")).hasMessageContaining("symbolic link");
        assertThat(victim).exists();
        Path dropInDir = installer.dropInPath("x").getParent();
        Files.createDirectories(dropInDir.getParent());
        Files.delete(root.resolve("etc/tender"));
        Files.createSymbolicLink(dropInDir, outside);
        Files.writeString(outside.resolve("50-tender.conf"), "[Service]\n");
        Path conf = Files.writeString(Files.createDirectories(root.resolve("etc/tender")).resolve("x.conf"), "x\n");
        assertThatThrownBy(() -> installer.uninstall("x")).hasMessageContaining(dropInDir + " is a symbolic link");
        assertThat(outside.resolve("50-tender.conf")).exists();
        assertThat(conf).as("refused before anything was removed").exists();
        assertThat(Files.exists(dropInDir, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void uninstallOfNothingIsNothing() throws IOException {
        assertThat(new Installer(scratchRoot()).uninstall("x")).isEmpty();
    }
}
