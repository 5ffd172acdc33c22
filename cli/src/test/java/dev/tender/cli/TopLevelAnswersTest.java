package dev.tender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The answers given without picocli are the ones picocli would give. */
class TopLevelAnswersTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int answer(String... args) {
        return TopLevelAnswers.answer(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String picocliUsage() {
        StringWriter text = new StringWriter();
        new CommandLine(new TenderCommand()).setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .usage(new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void theStoredUsageIsPicocliRenderingOfTheCommandTree() {
        assertThat(TopLevelAnswers.usage())
                .as("cli/src/main/resources/dev/tender/cli/usage.txt is out of date: write 'bin/tender --help' "
                        + "of a build without it (or picocli's usage) into it")
                .isEqualTo(picocliUsage());
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        assertThat(answer("--help")).isZero();
        assertThat(answer("-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(picocliUsage() + picocliUsage());
        assertThat(err.size()).isZero();
    }

    @Test
    void noArgumentsIsTheUsageOnStderrWithStatusOne() {
        assertThat(answer()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(picocliUsage());
        assertThat(out.size()).isZero();
    }

    @Test
    void versionMatchesPicocliVersionProvider() {
        assertThat(answer("--version")).isZero();
        assertThat(answer("-V")).isZero();
        String line = new TenderCommand.Version().getVersion()[0] + "\n";
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(line + line);
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        assertThat(answer("--bogus")).isEqualTo(-1);
        assertThat(answer("--help", "systemd")).isEqualTo(-1);
        assertThat(answer("systemd")).isEqualTo(-1);
        assertThat(out.size() + err.size()).isZero();
    }
}
