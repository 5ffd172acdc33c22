package dev.tender.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionScanTest {
    @Test
    void nameIsOneToSixtySevenAlphanumericsFollowedByEquals() {
        assertThat(OptionScan.named("--block:storage=/x", "--block:").name()).isEqualTo("storage");
        assertThat(OptionScan.named("--block:stor-age=/x", "--block:")).isNull();
        assertThat(OptionScan.named("--block:=/x", "--block:")).isNull();
        assertThat(OptionScan.named("--block:storage", "--block:")).isNull();
        assertThat(OptionScan.named("--net:a=b", "--block:")).isNull();
        String n67 = "a".repeat(67);
        assertThat(OptionScan.named("--block:" + n67 + "=/x", "--block:").name()).isEqualTo(n67);
        assertThat(OptionScan.named("--block:" + n67 + "b=/x", "--block:")).as("68 characters").isNull();
    }

    @Test
    void wordSkipsBlanksAndStopsAtMaxOrSpace() {
        assertThat(OptionScan.named("--net:s=tap100", "--net:").word(19)).isEqualTo("tap100");
        assertThat(OptionScan.named("--net:s=averyveryverylongname", "--net:").word(19))
                .isEqualTo("averyveryverylongna");
        assertThat(OptionScan.named("--block:s= /a b", "--block:").word(4096)).isEqualTo("/a");
        assertThat(OptionScan.named("--block:s=", "--block:").word(4096)).isNull();
    }

    @Test
    void unsignedShortWrapsLikeScanfHu() {
        assertThat(OptionScan.named("--x:s=4096", "--x:").unsignedShort()).isEqualTo(4096);
        assertThat(OptionScan.named("--x:s=65536", "--x:").unsignedShort()).isZero();
        assertThat(OptionScan.named("--x:s=66048", "--x:").unsignedShort()).isEqualTo(512);
        assertThat(OptionScan.named("--x:s=-1", "--x:").unsignedShort()).isEqualTo(65535);
        assertThat(OptionScan.named("--x:s=512junk", "--x:").unsignedShort()).isEqualTo(512);
        assertThat(OptionScan.named("--x:s=junk", "--x:").unsignedShort()).isEqualTo(-1);
    }

    @Test
    void macIsSixGroupsOfOneOrTwoHexDigits() {
        assertThat(OptionScan.named("--net-mac:s=02:00:0a:0B:c:ff", "--net-mac:").mac())
                .containsExactly(2, 0, 10, 11, 12, 0xff);
        assertThat(OptionScan.named("--net-mac:s=02:00:0a:0b:0c:ff:77", "--net-mac:").mac()).hasSize(6);
        assertThat(OptionScan.named("--net-mac:s=02:00:0a:0b:0c", "--net-mac:").mac()).isNull();
        assertThat(OptionScan.named("--net-mac:s=02-00-0a-0b-0c-0d", "--net-mac:").mac()).isNull();
        assertThat(OptionScan.named("--net-mac:s=zz:00:0a:0b:0c:0d", "--net-mac:").mac()).isNull();
    }
}
