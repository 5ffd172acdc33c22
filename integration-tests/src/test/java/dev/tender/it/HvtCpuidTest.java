package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import org.junit.jupiter.api.Test;

/**
 * The CPUID an hvt guest sees (test_cpuid prints it): no hardware virtualisation, secure launch, enclaves,
 * memory encryption, tracing or performance monitoring, whatever the host's KVM supports (the emulated test
 * host's KVM supports nested SVM, so its SVM bit is there to hide); the x86-64 baseline stays.
 */
class HvtCpuidTest {
    @Test
    void theGuestSeesNoVirtualisationEnclaveTraceOrMonitoringFeatures() {
        Result r = Tender.run("hvt", "--mem=8", "--", Tender.image("test_cpuid.hvt").toString());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("VMX: 0\n", "SMX: 0\n", "PDCM: 0\n", "DS: 0\n", "SGX: 0\n", "PT: 0\n",
                "SVM: 0\n", "SKINIT: 0\n", "IBS: 0\n", "SVM leaf: 0 0 0 0\n", "SEV leaf: 0 0 0 0\n",
                "PMU leaf: 0 0 0 0\n", "SSE2: 1\n", "LM: 1\n", "SUCCESS");
        assertThat(r.stderr()).isEmpty();
    }
}
