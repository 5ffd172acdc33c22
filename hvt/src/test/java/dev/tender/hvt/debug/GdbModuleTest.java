package dev.tender.hvt.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import org.junit.jupiter.api.Test;

class GdbModuleTest {
    @Test
    void thePortIsReadAsCsPercentDWouldReadIt() throws TenderException {
        assertThat(GdbModule.parsePort("1234")).isEqualTo(1234);
        assertThat(GdbModule.parsePort(" 99x")).isEqualTo(99);
        assertThat(GdbModule.parsePort("+0")).isZero();
        assertThat(GdbModule.parsePort("65535")).isEqualTo(65535);
        for (String bad : new String[] {"", "x1", "-1", "65536", "99999999999", " "}) {
            assertThatThrownBy(() -> GdbModule.parsePort(bad)).as(bad).isInstanceOf(TenderException.class)
                    .hasMessage("Malformed argument to --gdb-port");
        }
    }

    @Test
    void theListeningAddressIsALiteralNeverAName() throws TenderException {
        assertThat(GdbModule.parseAddress("10.0.2.15").getHostAddress()).isEqualTo("10.0.2.15");
        assertThat(GdbModule.parseAddress("::1").isLoopbackAddress()).isTrue();
        for (String bad : new String[] {"", "localhost", "example.org", "1.2.3.4.5", "300.1.1.1"}) {
            assertThatThrownBy(() -> GdbModule.parseAddress(bad)).as(bad).isInstanceOf(TenderException.class)
                    .hasMessage("Malformed argument to --gdb-listen");
        }
    }
}
