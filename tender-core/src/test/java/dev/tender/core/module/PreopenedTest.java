package dev.tender.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outcomes kept per argument, first in first out, and the fallback to opening when none is kept. */
class PreopenedTest {
    private final List<String> opened = new ArrayList<>();
    private int serial;

    /** Opens "ok..." targets as a numbered resource; anything else fails with an IOException naming it. */
    private String open(String target) throws IOException {
        opened.add(target);
        if (!target.startsWith("ok")) {
            throw new IOException(target + ": No such file or directory");
        }
        return target + "#" + serial++;
    }

    @Test
    void theSameArgumentTwiceGetsItsOutcomesInOrderThenOpensAgain() throws Exception {
        Preopened<String, IOException> p = new Preopened<>(this::open);
        p.open("--x:a=ok", "ok");
        p.open("--x:a=ok", "ok");

        assertThat(p.take("--x:a=ok", "ok")).isEqualTo("ok#0");
        assertThat(p.take("--x:a=ok", "ok")).isEqualTo("ok#1");
        assertThat(opened).hasSize(2);
        assertThat(p.take("--x:a=ok", "ok")).as("none kept: opened now").isEqualTo("ok#2");
        assertThat(opened).hasSize(3);
    }

    @Test
    void aKeptFailureIsThrownWhereTheArgumentIsReachedAndOnlyOnce() throws Exception {
        Preopened<String, IOException> p = new Preopened<>(this::open);
        p.open("--x:a=bad", "bad");
        assertThat(opened).containsExactly("bad");

        assertThatThrownBy(() -> p.take("--x:a=bad", "bad")).isInstanceOf(IOException.class)
                .hasMessage("bad: No such file or directory");
        assertThat(opened).as("the kept failure, not a second attempt").hasSize(1);
        assertThatThrownBy(() -> p.take("--x:a=bad", "bad")).as("the --mem= quirk's second offer opens again")
                .hasMessage("bad: No such file or directory");
        assertThat(opened).hasSize(2);
    }

    @Test
    void outcomesAreKeptPerArgument() throws Exception {
        Preopened<String, IOException> p = new Preopened<>(this::open);
        p.open("--x:a=ok1", "ok1");
        p.open("--x:b=ok2", "ok2");

        assertThat(p.take("--x:b=ok2", "ok2")).isEqualTo("ok2#1");
        assertThat(p.take("--x:a=ok1", "ok1")).isEqualTo("ok1#0");
    }

    @Test
    void anUnexpectedFailureKeepsNothingSoItIsMetAgainLater() {
        int[] calls = {0};
        Preopened<String, IOException> p = new Preopened<>(t -> {
            calls[0]++;
            throw new IllegalStateException("no native library");
        });
        p.open("--x:a=ok", "ok");

        assertThatThrownBy(() -> p.take("--x:a=ok", "ok")).isInstanceOf(IllegalStateException.class);
        assertThat(calls[0]).isEqualTo(2);
    }
}
