package dev.tender.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of ps, logs, start, stop, restart and update, as picocli reads them from the command line. */
class OperateCommandsTest {
    private static <T> T parsed(Class<T> type, String... args) {
        CommandLine.ParseResult r = new CommandLine(new TenderCommand()).parseArgs(args);
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    @Test
    void psTakesJsonAndNothingElse() {
        assertThat(parsed(OperateCommands.Ps.class, "ps").json).isFalse();
        assertThat(parsed(OperateCommands.Ps.class, "ps", "--json").json).isTrue();
        assertThatThrownBy(() -> parsed(OperateCommands.Ps.class, "ps", "dns"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void logsTakesANameFollowAndLines() {
        OperateCommands.Logs l = parsed(OperateCommands.Logs.class, "logs", "dns", "-f", "-n", "20");
        assertThat(l.name).isEqualTo("dns");
        assertThat(l.follow).isTrue();
        assertThat(l.lines).isEqualTo(20);
        assertThat(parsed(OperateCommands.Logs.class, "logs", "--follow", "--lines=5", "dns").lines).isEqualTo(5);
        assertThatThrownBy(() -> parsed(OperateCommands.Logs.class, "logs"))
                .isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parsed(OperateCommands.Logs.class, "logs", "dns", "-n", "many"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void startStopAndRestartEachNeedOneName() {
        assertThat(parsed(OperateCommands.Start.class, "start", "dns").verb()).isEqualTo("start");
        assertThat(parsed(OperateCommands.Stop.class, "stop", "dns").name).isEqualTo("dns");
        assertThat(parsed(OperateCommands.Restart.class, "restart", "dns").verb()).isEqualTo("restart");
        for (String verb : List.of("start", "stop", "restart")) {
            assertThatThrownBy(() -> parsed(Object.class, verb)).isInstanceOf(CommandLine.MissingParameterException.class);
            assertThatThrownBy(() -> parsed(Object.class, verb, "a", "b")).isInstanceOf(CommandLine.ParameterException.class);
        }
    }

    @Test
    void updateNeedsAnImageAndTakesAGracePeriod() {
        OperateCommands.Update u = parsed(OperateCommands.Update.class, "update", "dns", "--image=/srv/new.hvt");
        assertThat(u.image).isEqualTo(Path.of("/srv/new.hvt"));
        assertThat(u.graceSeconds).isEqualTo(10);
        assertThat(parsed(OperateCommands.Update.class, "update", "--grace", "3", "dns", "--image", "n.spt").graceSeconds)
                .isEqualTo(3);
        assertThatThrownBy(() -> parsed(Object.class, "update", "dns"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--image");
        assertThat(new CommandLine(new TenderCommand()).execute("update", "dns", "--image=/x", "--grace=-1"))
                .as("a negative grace period is refused before anything happens").isEqualTo(1);
    }

    @Test
    void logsOfAnUnknownInstanceSaysSo() {
        assertThatThrownBy(() -> OperateCommands.journalctl("surely-not-installed-here", false, null))
                .hasMessageStartingWith("no instance 'surely-not-installed-here'");
    }
}
