package dev.tender.hvt.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** hvt's memory sizing with the x86_64 granule (2 MiB) and maximum (4 GiB). */
class MemorySizeTest {
    private static final MemorySize SIZES = new X86HvtArch().memorySize();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(err, true, StandardCharsets.UTF_8));

    private static final long MIB = 1L << 20;

    @Test
    void roundsDownToTwoMegabytesAndWarns() throws Exception {
        assertThat(SIZES.adjust(3 * MIB, diag)).isEqualTo(2 * MIB);
        assertThat(SIZES.adjust(1 * MIB, diag)).isEqualTo(2 * MIB);
        assertThat(SIZES.adjust(4097 * MIB, diag)).isEqualTo(4096 * MIB);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "solo5-hvt: adjusting memory to 2097152 bytes\n"
                        + "solo5-hvt: adjusting memory to 2097152 bytes\n"
                        + "solo5-hvt: adjusting memory to 4294967296 bytes\n");
    }

    @Test
    void exactSizesDoNotWarn() throws Exception {
        assertThat(SIZES.adjust(512 * MIB, diag)).isEqualTo(512 * MIB);
        assertThat(SIZES.adjust(4096 * MIB, diag)).isEqualTo(4096 * MIB);
        assertThat(err.size()).isZero();
    }

    @Test
    void aboveFourGigabytesIsFatal() throws Exception {
        assertThatThrownBy(() -> SIZES.adjust(4098 * MIB, diag))
                .hasMessage("guest memory size 4297064448 bytes exceeds the max size 4294967296 bytes");
        long negative = -1L << 20;
        assertThatThrownBy(() -> SIZES.adjust(negative, diag))
                .hasMessageStartingWith("guest memory size 18446744073707454464 bytes exceeds");
    }

    @Test
    void ringAddsTwoMegabytesCappedAtFourGigabytes() {
        assertThat(SIZES.withRing(512 * MIB)).isEqualTo(514 * MIB);
        assertThat(SIZES.withRing(64 * MIB)).isEqualTo(66 * MIB);
        assertThat(SIZES.withRing(4096 * MIB)).isEqualTo(4096 * MIB);
    }

    @Test
    void theRingTakesOneGranuleAndSizesMustBeWholeGranules() {
        assertThat(SIZES.granule()).isEqualTo(2 * MIB);
        assertThat(SIZES.max()).isEqualTo(4096 * MIB);
        assertThat(SIZES.ringOverhead()).isEqualTo(2 * MIB);
        assertThatThrownBy(() -> new MemorySize(3 * MIB, 6 * MIB)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemorySize(2 * MIB, 5 * MIB)).isInstanceOf(IllegalArgumentException.class);
    }
}
