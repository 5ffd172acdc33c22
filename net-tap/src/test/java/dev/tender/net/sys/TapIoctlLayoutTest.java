package dev.tender.net.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares TapIoctl's constants and struct ifreq offsets with what gcc makes of the kernel headers. */
class TapIoctlLayoutTest {
    @TempDir
    Path dir;

    private Map<String, Long> compileAndRun() throws Exception {
        Path src = dir.resolve("tap_layout.c");
        try (InputStream in = getClass().getResourceAsStream("/tap_layout.c")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve("tap_layout");
        run(new ProcessBuilder("gcc", "-o", exe.toString(), src.toString()));
        Map<String, Long> c = new HashMap<>();
        for (String line : run(new ProcessBuilder(exe.toString())).split("\n")) {
            String[] kv = line.split(" ");
            c.put(kv[0], Long.parseUnsignedLong(kv[1]));
        }
        return c;
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void constantsAndLayoutMatchTheKernelHeaders() throws Exception {
        Map<String, Long> c = compileAndRun();
        assertThat(TapIoctl.TUNSETIFF).isEqualTo(c.get("TUNSETIFF"));
        assertThat(TapIoctl.TUNGETIFF).isEqualTo(c.get("TUNGETIFF"));
        assertThat(TapIoctl.SIOCGIFFLAGS).isEqualTo(c.get("SIOCGIFFLAGS"));
        assertThat(TapIoctl.SIOCGIFMTU).isEqualTo(c.get("SIOCGIFMTU"));
        assertThat(TapIoctl.SIOCETHTOOL).isEqualTo(c.get("SIOCETHTOOL"));
        assertThat((long) TapIoctl.IFF_TAP).isEqualTo(c.get("IFF_TAP"));
        assertThat((long) TapIoctl.IFF_NO_PI).isEqualTo(c.get("IFF_NO_PI"));
        assertThat((long) TapIoctl.IFF_UP).isEqualTo(c.get("IFF_UP"));
        assertThat((long) TapIoctl.IFF_RUNNING).isEqualTo(c.get("IFF_RUNNING"));
        assertThat((long) TapIoctl.ETHTOOL_SGSO).isEqualTo(c.get("ETHTOOL_SGSO"));
        assertThat((long) TapIoctl.ETHTOOL_SGRO).isEqualTo(c.get("ETHTOOL_SGRO"));
        assertThat((long) TapIoctl.AF_INET).isEqualTo(c.get("AF_INET"));
        assertThat((long) TapIoctl.SOCK_DGRAM).isEqualTo(c.get("SOCK_DGRAM"));
        assertThat((long) TapIoctl.SOCK_CLOEXEC).isEqualTo(c.get("SOCK_CLOEXEC"));
        assertThat((long) TapIoctl.IFNAMSIZ).isEqualTo(c.get("IFNAMSIZ"));
        assertThat((long) TapIoctl.IFREQ_SIZE).isEqualTo(c.get("ifreq"));
        assertThat((long) TapIoctl.IFREQ_UNION).isEqualTo(c.get("ifreq.flags")).isEqualTo(c.get("ifreq.mtu"))
                .isEqualTo(c.get("ifreq.data"));
        assertThat(c.get("ethtool_value")).isEqualTo(8L);
        assertThat(c.get("ethtool_value.data")).isEqualTo(4L);
    }
}
