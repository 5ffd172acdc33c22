package dev.tender.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.TenderModule;
import dev.tender.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final long MIB = 1L << 20;

    @Test
    void memoryParsesLikeScanfZd() throws Exception {
        assertThat(CommandLine.parseMemory("512")).isEqualTo(512 * MIB);
        assertThat(CommandLine.parseMemory("12abc")).isEqualTo(12 * MIB);
        assertThat(CommandLine.parseMemory("  +64")).isEqualTo(64 * MIB);
        assertThat(CommandLine.parseMemory("-1")).isEqualTo(-MIB);
        for (String bad : new String[] {"", "abc", "0", "-", " x1"}) {
            assertThatThrownBy(() -> CommandLine.parseMemory(bad)).isInstanceOf(TenderException.class)
                    .hasMessage("Malformed argument to --mem");
        }
    }

    @Test
    void passOneFindsKernelHelpVersionOrNothing() {
        CommandLine run = new CommandLine(List.of("--mem=64", "--x", "k.hvt", "--solo5:quiet", "a"));
        assertThat(run.action()).isEqualTo(CommandLine.Action.RUN);
        assertThat(run.kernel()).isEqualTo("k.hvt");
        assertThat(run.guestArgs()).containsExactly("--solo5:quiet", "a");
        assertThat(new CommandLine(List.of("--", "-k.hvt")).kernel()).isEqualTo("-k.hvt");
        assertThat(new CommandLine(List.of("--bogus", "--version", "--help")).action())
                .isEqualTo(CommandLine.Action.VERSION);
        assertThat(new CommandLine(List.of("--help", "k")).action()).isEqualTo(CommandLine.Action.HELP);
        assertThat(new CommandLine(List.of("--mem=1")).action()).isEqualTo(CommandLine.Action.MISSING_KERNEL);
        assertThat(new CommandLine(List.of("--")).action()).isEqualTo(CommandLine.Action.MISSING_KERNEL);
        assertThat(new CommandLine(List.of("-h", "k.hvt")).kernel()).isEqualTo("k.hvt");
    }

    /** A module that accepts "--ok" and warns about (and rejects) "--bad". */
    private static final class Probe implements TenderModule {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) {
            if (arg.equals("--bad")) {
                diag.warn("bad option");
            }
            return arg.equals("--ok");
        }
    }

    @Test
    void passTwoOffersTheArgumentAfterMemTwice() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diag = new Diagnostics("t", new PrintStream(err, true, StandardCharsets.UTF_8));
        Manifest none = Manifest.of(List.of());
        CommandLine ok = new CommandLine(List.of("--mem=8", "--ok", "--ok", "k"));
        ok.applyOptions(List.of(new Probe()), none, diag);
        assertThat(ok.memory()).isEqualTo(8 * MIB);
        CommandLine bad = new CommandLine(List.of("--mem=8", "--bad", "k"));
        assertThatThrownBy(() -> bad.applyOptions(List.of(new Probe()), none, diag))
                .hasMessage("Invalid option: `--bad'");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("t: bad option\nt: bad option\n");
    }

    @Test
    void preopenSeesTheOptionsBeforeKernelUpToADoubleDash() {
        List<List<String>> seen = new java.util.ArrayList<>();
        TenderModule m = new TenderModule() {
            @Override
            public String name() {
                return "m";
            }

            @Override
            public void preopen(List<String> options) {
                seen.add(List.copyOf(options));
            }
        };
        new CommandLine(List.of("--mem=8", "--ok", "k", "--guest")).preopen(List.of(m, m));
        new CommandLine(List.of("--ok", "--", "--k", "x")).preopen(List.of(m));
        new CommandLine(List.of("k", "--ok")).preopen(List.of(m));
        assertThat(seen).containsExactly(List.of("--mem=8", "--ok"), List.of("--mem=8", "--ok"), List.of("--ok"),
                List.of());
    }
}
