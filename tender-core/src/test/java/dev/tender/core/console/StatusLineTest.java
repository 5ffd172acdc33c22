package dev.tender.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inLogsOnlyPermanentLinesAndLoggedStatusesAppear() {
        StatusLine s = new StatusLine(out, false, () -> 80);
        s.status("passing");
        s.status("[1/2] cc a.c", true);
        s.line("kept");
        s.clear();
        assertThat(printed()).isEqualTo("[1/2] cc a.c\nkept\n");
    }

    @Test
    void onATerminalTheStatusIsRewrittenInPlaceAndErasedBeforeALine() {
        StatusLine s = new StatusLine(out, true, () -> 80);
        s.status("[1/2] cc a.c", true);
        s.status("[2/2] ld x");
        s.line("done");
        s.clear();   // nothing shown any more: no second erase
        assertThat(printed()).isEqualTo("\r\033[K[1/2] cc a.c\r\033[K[2/2] ld x\r\033[Kdone\n");
    }

    @Test
    void aStatusNeverWrapsTheTerminal() {
        StatusLine s = new StatusLine(out, true, () -> 12);
        s.status("[10/12] cc runtime/hvt/net.c");
        assertThat(printed()).isEqualTo("\r\033[K[10/12] ...");
        assertThat(printed().length() - "\r\033[K".length()).isEqualTo(11);
    }

    @Test
    void anUnknownWidthMeansEightyColumns() {
        StatusLine s = new StatusLine(out, true, () -> 0);
        s.status("x".repeat(200));
        assertThat(printed()).isEqualTo("\r\033[K" + "x".repeat(76) + "...");
    }

    @Test
    void fitKeepsOneLine() {
        assertThat(StatusLine.fit("a\nb\rc", 10)).isEqualTo("a b c");
        assertThat(StatusLine.fit("abcdef", 3)).isEqualTo("abc");
        assertThat(StatusLine.fit("abcdef", 0)).isEmpty();
        assertThat(StatusLine.fit("abcdef", 6)).isEqualTo("abcdef");
        assertThat(StatusLine.fit("abcdefg", 6)).isEqualTo("abc...");
    }
}
