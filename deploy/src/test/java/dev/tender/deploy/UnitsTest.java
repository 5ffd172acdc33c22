package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {
    static Instance resolver(List<String> args) {
        return new Instance("resolver", Path.of("/var/lib/tender/resolver.hvt"), ServiceImage.Kind.HVT, 32,
                List.of(new Instance.Net("service", "tap-resolver", "02:00:0a:00:00:02")), List.of(),
                List.of(new Instance.TapAddress("tap-resolver", "10.0.0.1/24")), args, null);
    }

    @Test
    void templateIsHardenedNotifyingAndRestarting() {
        String unit = Units.template(Path.of("/opt/tender/bin/tender"), Path.of("/usr/bin/java"));
        assertThat(unit).contains(
                "Type=notify\n", "NotifyAccess=main\n", "EnvironmentFile=/etc/tender/%i.conf\n",
                "ExecStart=/opt/tender/bin/tender ${TENDER_KIND} --mem=${TENDER_MEM} $TENDER_DEVICES -- ${TENDER_IMAGE} "
                        + "$TENDER_ARGS\n",
                "Environment=JAVA=/usr/bin/java\n",
                "Restart=on-failure\n", "SuccessExitStatus=1\n", "RestartForceExitStatus=1\n",
                "DevicePolicy=closed\n", "DeviceAllow=/dev/net/tun rw\n",
                "NoNewPrivileges=yes\n", "ProtectSystem=strict\n", "PrivateTmp=yes\n", "CapabilityBoundingSet=\n",
                "MemoryMax=", "SyslogIdentifier=tender-%i\n", "StandardOutput=journal\n")
                .doesNotContain("@LAUNCHER@", "@JAVA@", "/dev/kvm rw");
        // The TAP set-up runs unsandboxed ("+") and creates the instance's TAPs.
        assertThat(unit).containsPattern("ExecStartPre=\\+/bin/sh -ec '.*ip tuntap add dev \"\\$\\$t\" mode tap")
                .containsPattern("ExecStopPost=\\+/bin/sh -c '.*ip link del dev");
    }

    @Test
    void templateRejectsPathsThatWouldNeedQuoting() {
        assertThatThrownBy(() -> Units.template(Path.of("/opt/my tender/bin/tender"), Path.of("/usr/bin/java")))
                .isInstanceOf(DeployException.class);
        assertThatThrownBy(() -> Units.template(Path.of("bin/tender"), Path.of("/usr/bin/java")))
                .isInstanceOf(DeployException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> Units.template(Path.of("/opt/100%/tender"), Path.of("/usr/bin/java")))
                .isInstanceOf(DeployException.class);
    }

    @Test
    void configListsImageMemoryDevicesTapsAndArguments() {
        String conf = Units.config(resolver(List.of("--ipv4=10.0.0.2/24", "--upstream=10.53.0.1")));
        assertThat(conf).contains(
                "TENDER_KIND=\"hvt\"\n",
                "TENDER_IMAGE=\"/var/lib/tender/resolver.hvt\"\n",
                "TENDER_MEM=\"32\"\n",
                "TENDER_DEVICES=\"--net:service=tap-resolver --net-mac:service=02:00:0a:00:00:02\"\n",
                "TENDER_TAPS=\"tap-resolver\"\n",
                "TENDER_TAP_ADDRESSES=\"tap-resolver=10.0.0.1/24\"\n",
                "TENDER_ARGS=\"--ipv4=10.0.0.2/24 --upstream=10.53.0.1\"\n");
    }

    @Test
    void dropInLimitsMemoryToGuestPlusJvm() {
        assertThat(Units.dropIn(resolver(List.of()))).contains("[Service]\nMemoryMax=288M\n");
        Instance own = new Instance("x", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 64, List.of(), List.of(), List.of(), List.of(), "1G");
        assertThat(Units.dropIn(own)).contains("MemoryMax=1G\n");
    }

    @Test
    void onlyAnHvtInstanceGetsKvm() {
        assertThat(Units.dropIn(resolver(List.of()))).contains("DeviceAllow=/dev/kvm rw\n");
        Instance spt = new Instance("x", Path.of("/x.spt"), ServiceImage.Kind.SPT, 64, List.of(), List.of(), List.of(),
                List.of(), null);
        assertThat(Units.dropIn(spt)).contains("MemoryMax=320M\n").doesNotContain("kvm");
        assertThat(Units.config(spt)).contains("TENDER_KIND=\"spt\"\n");
    }

    @Test
    void blockDevicesBecomeOptions() {
        Instance in = new Instance("db", Path.of("/srv/db.hvt"), ServiceImage.Kind.HVT, 64, List.of(),
                List.of(Instance.Block.parse("storage=/srv/disk.img")), List.of(), List.of(), null);
        assertThat(in.deviceOptions()).containsExactly("--block:storage=/srv/disk.img");
    }

    @Test
    void invalidValuesAreRejectedWithAReason() {
        assertThatThrownBy(() -> resolver(List.of("--name=two words"))).hasMessageContaining("one word");
        assertThatThrownBy(() -> resolver(List.of("$HOME"))).hasMessageContaining("one word");
        assertThatThrownBy(() -> resolver(List.of("a\"b"))).hasMessageContaining("one word");
        assertThatThrownBy(() -> Instance.Net.parse("service=tap-name-too-long0")).hasMessageContaining("TAP");
        assertThatThrownBy(() -> Instance.Net.parse("service")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> Instance.Net.parse("serv ice=tap0")).hasMessageContaining("device name");
        assertThatThrownBy(() -> Instance.TapAddress.parse("tap0=10.0.0.300/24")).hasMessageContaining("address");
        assertThatThrownBy(() -> new Instance.Net("service", "tap0", "02:00")).hasMessageContaining("MAC");
        assertThatThrownBy(() -> new Instance("../etc", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(), List.of(),
                List.of(), null)).hasMessageContaining("instance name");
        assertThatThrownBy(() -> new Instance("x", Path.of("x.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(), List.of(),
                List.of(), null)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new Instance("x", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 0, List.of(), List.of(), List.of(),
                List.of(), null)).hasMessageContaining("--mem");
        assertThatThrownBy(() -> new Instance("x", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(),
                List.of(new Instance.TapAddress("tap9", "10.0.0.1/24")), List.of(), null))
                .hasMessageContaining("no --net uses");
        assertThatThrownBy(() -> new Instance("x", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 32,
                List.of(Instance.Net.parse("a=tap0"), Instance.Net.parse("b=tap0")), List.of(), List.of(), List.of(),
                null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Instance("x", Path.of("/x.hvt"), ServiceImage.Kind.HVT, 32, List.of(), List.of(), List.of(), List.of(),
                "lots")).hasMessageContaining("memory limit");
    }
}
