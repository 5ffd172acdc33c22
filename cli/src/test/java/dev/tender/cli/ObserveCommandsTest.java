package dev.tender.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.deploy.DeployException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of stats and metrics, as picocli reads them. */
class ObserveCommandsTest {
    private static <T> T parsed(Class<T> type, String... args) {
        CommandLine.ParseResult r = new CommandLine(new TenderCommand()).parseArgs(args);
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    @Test
    void statsTakesAnInstanceNameOrASocketButNotBoth() {
        ObserveCommands.Stats s = parsed(ObserveCommands.Stats.class, "stats", "dns", "--json");
        assertThat(s.target.name).isEqualTo("dns");
        assertThat(s.json).isTrue();
        s = parsed(ObserveCommands.Stats.class, "stats", "--socket=/run/t.sock");
        assertThat(s.target.socket).isEqualTo(Path.of("/run/t.sock"));
        assertThat(s.json).isFalse();
        assertThatThrownBy(() -> parsed(Object.class, "stats")).isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parsed(Object.class, "stats", "dns", "--socket=/x"))
                .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class);
        assertThatThrownBy(() -> parsed(Object.class, "stats", "a", "b")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void metricsListensOnHostAndPort() {
        assertThat(parsed(ObserveCommands.Metrics.class, "metrics").listen).isNull();
        assertThat(parsed(ObserveCommands.Metrics.class, "metrics", "--listen=127.0.0.1:9477").listen)
                .isEqualTo("127.0.0.1:9477");
        assertThat(ObserveCommands.ListenAddress.parse("127.0.0.1:9477"))
                .isEqualTo(new ObserveCommands.ListenAddress("127.0.0.1", 9477));
        assertThat(ObserveCommands.ListenAddress.parse("[::1]:80")).hasToString("[::1]:80")
                .isEqualTo(new ObserveCommands.ListenAddress("::1", 80));
        assertThat(ObserveCommands.ListenAddress.parse("localhost:65535").port()).isEqualTo(65535);
        for (String bad : new String[] {"9477", ":9477", "host:", "host:0", "host:65536", "host:http", "[::1]"}) {
            assertThatThrownBy(() -> ObserveCommands.ListenAddress.parse(bad)).as(bad)
                    .isInstanceOf(DeployException.class)
                    .hasMessage("--listen must be HOST:PORT (port 1 to 65535), not '" + bad + "'");
        }
    }
}
