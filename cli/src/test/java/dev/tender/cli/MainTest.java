package dev.tender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How bin/tender's entry point dispatches: by the name it was invoked as, then by the first argument. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSubcommandNamesTheTenderInItsMessages() {
        assertThat(Main.run("tender", List.of("hvt", "--version"))).isZero();
        assertThat(stderr()).isEqualTo("tender hvt tender, version " + Main.version() + "\nABI version 2\n");
        assertThat(stdout()).as("stdout belongs to the guest console").isEmpty();
    }

    @Test
    void aLinkNamedLikeASolo5ToolIsThatTool() {
        assertThat(Main.run("/usr/local/bin/solo5-spt", List.of("--version"))).isZero();
        assertThat(stderr()).startsWith("solo5-spt tender, version ").endsWith("ABI version 2\n");
        err.reset();
        assertThat(Main.run("/usr/local/bin/solo5-hvt", List.of("--mem=64"))).isEqualTo(1);
        assertThat(stderr()).startsWith("solo5-hvt: Missing KERNEL operand\nusage: solo5-hvt ");
    }

    @Test
    void elftoolWithoutACommandPrintsItsUsageAndFails() {
        assertThat(Main.run("tender", List.of("elftool"))).isEqualTo(1);
        assertThat(stdout() + stderr()).contains("usage: tender elftool COMMAND ...", "query-manifest BINARY");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(Main.run("tender", List.of("nonsense"))).isEqualTo(2);
        assertThat(stderr()).startsWith("Unmatched argument at index 0: 'nonsense'\nUsage: tender ");
    }

    @Test
    void theVersionNamesTheSolo5Abi() {
        assertThat(Main.version()).endsWith(" (Solo5 v0.12.1 ABI)");
    }
}
