package dev.tender.manifest.elftool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the generated sources with the host toolchain: the C file (compiled
 * against the guest's {@code mft_abi.h}) and the assembler file must both give
 * a {@code .note.solo5.manifest} section equal to gen-manifest-note's bytes.
 * Skipped where {@code cc}, {@code objcopy} or the guest header is missing.
 */
class ToolchainTest {
    private static final Path GUEST_INCLUDE = Path.of("..", "guest", "include");

    @TempDir
    Path dir;

    private static boolean have(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    @Test
    void cAndAssemblyGiveTheSameNote() throws Exception {
        assertThat(GUEST_INCLUDE.resolve("mft_abi.h")).as("the guest's manifest header").isRegularFile();
        assertThat(have("cc") && have("objcopy")).as("cc and objcopy (apt-get install gcc binutils)").isTrue();
        Path json = dir.resolve("manifest.json");
        Files.writeString(json, ElftoolTest.EXAMPLE_JSON);
        for (String cmd : List.of("gen-manifest manifest.c", "gen-manifest-asm manifest.S",
                "gen-manifest-note manifest.note")) {
            String[] w = cmd.split(" ");
            ElftoolTest.Run r = ElftoolTest.run(w[0], json.toString(), dir.resolve(w[1]).toString());
            assertThat(r.status()).as(cmd).isZero();
        }
        exec("cc", "-c", "-I" + GUEST_INCLUDE.toAbsolutePath(), "manifest.c", "-o", "c.o");
        exec("cc", "-c", "manifest.S", "-o", "s.o");
        exec("objcopy", "-O", "binary", "-j", ".note.solo5.manifest", "c.o", "c.bin");
        exec("objcopy", "-O", "binary", "-j", ".note.solo5.manifest", "s.o", "s.bin");
        byte[] note = Files.readAllBytes(dir.resolve("manifest.note"));
        assertThat(Files.readAllBytes(dir.resolve("c.bin"))).isEqualTo(note);
        assertThat(Files.readAllBytes(dir.resolve("s.bin"))).isEqualTo(note);
    }
}
