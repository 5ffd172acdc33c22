package dev.tender.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.Diagnostics;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --net:NAME=IFACE} failures that need no TAP and no privilege: each is reported with Solo5's words and the
 * strerror text of the errno the attach step failed with, and the option is refused.
 */
class TapAttachMessagesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tapxx               | No such file or directory",
        "tap0123456789abcdef | File name too long",
        "@                   | Invalid argument",
        "@1x                 | Invalid argument",
        "@99999999999        | Numerical result out of range",
        "@1000000            | Bad file descriptor",
    })
    void attachFailureIsAWarningEndingInStrerror(String iface, String reason) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(err, true));
        Manifest manifest = Manifest.of(List.of(new Manifest.Device("service0", DeviceType.NET_BASIC)));

        boolean accepted = new NetModule().handleOption("--net:service0=" + iface, manifest, diag);

        assertThat(accepted).isFalse();
        assertThat(err.toString()).isEqualTo("solo5-hvt: Could not attach interface: " + iface + ": " + reason + "\n");
        assertThat(manifest.entries().get(1).attached()).isFalse();
    }

    /**
     * Attached before the image is read, reported when pass 2 reaches the option: the same warning, once per
     * offer (the --mem= quirk offers it twice; the second offer finds nothing kept and attaches again).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tapxx               | No such file or directory",
        "tap0123456789abcdef | File name too long",
        "@1000000            | Bad file descriptor",
    })
    void aPreopenedFailureIsReportedWhereTheOptionIsHandled(String iface, String reason) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diag = new Diagnostics("solo5-spt", new PrintStream(err, true));
        Manifest manifest = Manifest.of(List.of(new Manifest.Device("service0", DeviceType.NET_BASIC)));
        NetModule net = new NetModule();
        String arg = "--net:service0=" + iface;

        net.preopen(List.of("--mem=2", arg, "--net:service9=tapyy"));
        assertThat(err.toString()).as("nothing reported before pass 2").isEmpty();
        assertThat(net.handleOption(arg, manifest, diag)).isFalse();
        assertThat(net.handleOption(arg, manifest, diag)).isFalse();

        String line = "solo5-spt: Could not attach interface: " + iface + ": " + reason + "\n";
        assertThat(err.toString()).isEqualTo(line + line);
    }
}
