package dev.tender.spt.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.sys.ErrnoException;
import org.junit.jupiter.api.Test;

/** spt's own calls report failure like every sys class: an exception naming the call and carrying errno. */
class SptSysTest {
    private static final int ENOMEM = 12;

    @Test
    void aMappingTheHostCannotGiveIsAnErrnoExceptionNamedMmap() {
        assertThatThrownBy(() -> SptSys.probeAnonymousMapping(1L << 62, SptSys.PROT_READ))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("mmap: Cannot allocate memory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ENOMEM));
    }

    @Test
    void aMappingThatFitsIsProbedAndReleased() throws ErrnoException {
        SptSys.probeAnonymousMapping(1L << 20, SptSys.PROT_READ | SptSys.PROT_WRITE);
    }

    @Test
    void memfdCreateRejectsUnknownFlagsWithEinval() {
        assertThatThrownBy(() -> SptSys.memfdCreate("tender-test", 0x40000000))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("memfd_create: Invalid argument")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(SptSys.EINVAL));
    }
}
