package dev.tender.spt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.cli.CommandLine;
import dev.tender.core.module.TenderModule;
import dev.tender.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spt's own options and limits: --x-exec-heap (a prefix, with a warning) and the address-space limit. */
class CoreModuleTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diag = new Diagnostics("solo5-spt", new PrintStream(err, true));
    private final Manifest manifest = Manifest.of(List.of());

    @Test
    void execHeapIsAPrefixOptionWithAWarning() throws TenderException {
        CoreModule core = new CoreModule();
        List<TenderModule> modules = List.of(core);
        CommandLine c = new CommandLine(List.of("--mem=3", "--x-exec-heapXYZ", "k"));
        c.applyOptions(modules, manifest, diag);
        assertThat(c.memory()).as("no rounding on spt").isEqualTo(3L << 20);
        assertThat(core.execHeap()).isTrue();
        assertThat(err.toString()).isEqualTo("solo5-spt: WARNING: The use of --x-exec-heap is dangerous and not "
                + "recommended as it makes the heap and stack executable.\n");
        assertThat(new CoreModule().execHeap()).isFalse();
        assertThatThrownBy(() -> new CommandLine(List.of("--x-exec", "k")).applyOptions(modules, manifest, diag))
                .hasMessage("Invalid option: `--x-exec'");
    }

    @Test
    void memoryMustEndBelowTheLauncher() throws TenderException {
        MemorySize.checkLimit(SptAbi.LAUNCHER_BASE, diag);
        assertThat(err.toString()).isEmpty();
        assertThatThrownBy(() -> MemorySize.checkLimit(SptAbi.LAUNCHER_BASE + (1 << 20), diag))
                .hasMessage("Either decrease --mem-size, or recompile solo5-spt as a PIE executable.");
        assertThat(err.toString()).isEqualTo("solo5-spt: Maximum guest memory size (67108864 MB) exceeded.\n");
        assertThatThrownBy(() -> MemorySize.checkLimit(-1L << 20, diag)).isInstanceOf(TenderException.class);
    }

    @Test
    void elfFlagsMapExactlyToHostProtections() {
        assertThat(LaunchPlan.prot(5)).as("R+X text").isEqualTo(5);
        assertThat(LaunchPlan.prot(6)).as("RW data").isEqualTo(3);
        assertThat(LaunchPlan.prot(4)).as("R").isEqualTo(1);
        assertThat(LaunchPlan.prot(1)).as("X only").isEqualTo(4);
        assertThat(LaunchPlan.prot(0)).isZero();
    }
}
