package dev.tender.core.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void aPseudoTerminalIsOneAndNullIsNot() throws Exception {
        int ptmx = LibC.open("/dev/ptmx", LibC.O_RDWR | LibC.O_CLOEXEC);
        int nul = LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC);
        try {
            assertThat(Terminal.isTerminal(ptmx)).isTrue();
            assertThat(Terminal.isTerminal(nul)).isFalse();
            assertThat(Terminal.columns(nul)).isZero();
            // A new pseudo-terminal has no size set yet: 0 columns, and the caller's default applies.
            assertThat(Terminal.columns(ptmx)).isZero();
        } finally {
            LibC.closeQuietly(ptmx);
            LibC.closeQuietly(nul);
        }
    }
}
