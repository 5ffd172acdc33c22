package dev.tender.hvt.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.CrossTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counter-frequency probe: its machine code is what the assembler makes of it, and only its store counts. */
class Arm64CounterProbeTest {
    @TempDir
    Path dir;

    @Test
    void theProgramIsTheAssemblersEncoding() throws Exception {
        Path src = Files.writeString(dir.resolve("probe.s"), "mrs x1, cntfrq_el0\nstr x1, [x2]\nb .\n");
        Path obj = dir.resolve("probe.o");
        Path bin = dir.resolve("probe.bin");
        CrossTools.run("aarch64-linux-gnu-as", "-o", obj.toString(), src.toString());
        CrossTools.run("aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", obj.toString(),
                bin.toString());
        assertThat(Arm64CounterProbe.program()).isEqualTo(Files.readAllBytes(bin));
    }

    @Test
    void theValueIsTheEightByteStoreToTheProbeAddress() throws Exception {
        long probe = Arm64HvtArch.PROBE_ADDRESS;
        assertThat(Arm64CounterProbe.frequency(new VmExit.Mmio(probe, 8, true, 62_500_000L))).isEqualTo(62_500_000L);
        assertThat(Arm64CounterProbe.frequency(new VmExit.Mmio(probe, 8, true, 1_000_000_000L))).isEqualTo(1_000_000_000L);
    }

    @Test
    void anyOtherExitFailsTheProbe() {
        long probe = Arm64HvtArch.PROBE_ADDRESS;
        for (VmExit exit : new VmExit[] {new VmExit.Mmio(probe, 4, true, 1), new VmExit.Mmio(probe, 8, false, 1),
                new VmExit.Mmio(probe + 8, 8, true, 1), new VmExit.TranslationFault(), new VmExit.Unhandled(0x18)}) {
            assertThatThrownBy(() -> Arm64CounterProbe.frequency(exit)).as(exit.toString())
                    .hasMessageStartingWith("KVM: counter frequency probe failed: unexpected exit");
        }
    }
}
