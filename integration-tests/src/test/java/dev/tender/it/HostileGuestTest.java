package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A guest that misbehaves on purpose (test_hostile): every bad guest request ends the guest with Solo5's
 * message and status 1, never with a JVM error; requests at the very edge of what is allowed succeed.
 * With --mem=8 the guest-visible memory ends at 0x800000.
 */
class HostileGuestTest {
    private static Result hostile(String what) {
        return Tender.run("hvt", "--mem=8", "--", Tender.image("test_hostile.hvt").toString(), "--solo5:quiet", what);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "puts-at-top      | hvt/PUTS:2: Invalid guest access: gpa=0x7ffffc, sz=4",
        "puts-beyond      | hvt/PUTS:2: Invalid guest access: gpa=0x800000, sz=1",
        "puts-wrap        | hvt/PUTS:2: Invalid guest access: gpa=0x100000, sz=18446744073709551360",
        "struct-at-top    | hvt/PUTS:2: Invalid guest access: gpa=0x7ffff8, sz=16",
        "cookie-at-top    | hvt/HALT:8: Invalid guest access: gpa=0x7ffe00, sz=512",
        "bad-port         | Invalid guest port access: port=0x509",
        "in-port          | Invalid guest port access: port=0x502",
        "byte-out         | Invalid guest port access: port=0x502",
        "kick-no-ring     | Invalid guest port access: port=0x600",
        "hypercall0       | Invalid guest hypercall: num=0",
        "no-block         | Invalid guest hypercall: num=4",
    })
    void badRequestIsFatalWithSolo5sMessage(String what, String message) {
        Result r = hostile(what);
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tender hvt: " + message + "\n");
        assertThat(r.stdout()).doesNotContain("still running");
    }

    @ParameterizedTest
    @CsvSource({"puts-below-top, 0", "cookie-below-top, 7", "exit300, 44"})
    void requestsAtTheEdgeSucceed(String what, int status) {
        Result r = hostile(what);
        assertThat(r.status()).as(r.output()).isEqualTo(status);
        assertThat(r.stderr()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"walltime-in-text"})
    void resultIntoReadOnlyGuestMemoryIsAnInvalidAccessNotATenderCrash(String what) {
        Result r = hostile(what);
        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.stderr()).matches("tender hvt: hvt/WALLTIME:1: Invalid guest access: gpa=0x1[0-9a-f]{5}, sz=8\\n");
    }

    @ParameterizedTest
    @CsvSource({"hlt"})
    void haltInstructionIsAnUnhandledExit(String what) {
        Result r = hostile(what);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("tender hvt: KVM: unhandled exit: exit_reason=0x5, rip=0x");
    }
}
