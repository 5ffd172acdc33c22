package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceConfigTest {
    private static final String TEXT = """
            # tender instance 'dns'
            TENDER_KIND="spt"
            TENDER_IMAGE="/var/lib/tender/dns.spt"
            TENDER_ARGS="--ipv4=10.0.0.2/24"
            """;

    @Test
    void whatInstallWroteReadsBack() {
        InstanceConfig c = InstanceConfig.parse("dns", TEXT);
        assertThat(c.image()).isEqualTo(Path.of("/var/lib/tender/dns.spt"));
        assertThat(c.kind()).isEqualTo(ServiceImage.Kind.SPT);
        assertThat(c.values()).containsEntry("TENDER_ARGS", "--ipv4=10.0.0.2/24");
        assertThat(InstanceConfig.parse("old", "TENDER_IMAGE=\"/a.hvt\"\n").kind())
                .as("written before spt services").isEqualTo(ServiceImage.Kind.HVT);
    }

    @Test
    void theImageLineAloneIsReplaced() {
        String next = InstanceConfig.withImage(TEXT, Path.of("/var/lib/tender/dns-0123456789ab.spt"));
        assertThat(next).isEqualTo(TEXT.replace("dns.spt", "dns-0123456789ab.spt"));
        assertThatThrownBy(() -> InstanceConfig.withImage(TEXT, Path.of("/a b.spt")))
                .isInstanceOf(DeployException.class);
    }

    @Test
    void aDamagedFileIsRefused() {
        assertThatThrownBy(() -> InstanceConfig.parse("dns", "TENDER_KIND=\"hvt\"\n"))
                .hasMessage("/etc/tender/dns.conf has no TENDER_IMAGE");
        assertThatThrownBy(() -> InstanceConfig.parse("dns", "TENDER_IMAGE=\"/a\"\nnonsense\n"))
                .hasMessage("/etc/tender/dns.conf line 2: not KEY=VALUE: nonsense");
        assertThatThrownBy(() -> InstanceConfig.parse("dns", "TENDER_KIND=\"muen\"\nTENDER_IMAGE=\"/a\"\n").kind())
                .isInstanceOf(DeployException.class);
    }
}
