package dev.tender.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of the files that make a unikernel a systemd service: the template unit {@code tender@.service}
 * (one for all instances), the instance's {@code /etc/tender/NAME.conf} (an EnvironmentFile) and the instance's
 * drop-in with its memory limit.
 */
public final class Units {
    public static final String TEMPLATE_NAME = "tender@.service";
    public static final String DROP_IN_NAME = "50-tender.conf";

    private Units() {
    }

    /**
     * The template unit, running {@code launcher} ({@code bin/tender}) with the JVM at {@code java}. Both
     * become part of command lines and environment assignments, so they must be plain absolute paths.
     */
    public static String template(Path launcher, Path java) {
        for (Path p : List.of(launcher, java)) {
            if (!p.isAbsolute()) {
                throw new DeployException("not an absolute path: " + p);
            }
            Instance.requireWord(p.toString(), "path");
            if (p.toString().contains("%")) {
                throw new DeployException("path must not contain '%': " + p);
            }
        }
        return resource(TEMPLATE_NAME).replace("@LAUNCHER@", launcher.toString()).replace("@JAVA@", java.toString());
    }

    /** {@code /etc/tender/NAME.conf}. */
    public static String config(Instance in) {
        StringBuilder b = new StringBuilder();
        b.append("# tender instance '").append(in.name()).append("', started by ").append(in.unitName()).append('\n');
        b.append("# Written by `tender systemd install`. Values are lists of words separated by spaces.\n");
        b.append("# After a change: systemctl restart ").append(in.unitName()).append('\n');
        line(b, "TENDER_KIND", in.kind().command());
        line(b, "TENDER_IMAGE", in.image().toString());
        line(b, "TENDER_MEM", Integer.toString(in.memMb()));
        line(b, "TENDER_DEVICES", String.join(" ", in.deviceOptions()));
        line(b, "TENDER_TAPS", in.nets().stream().map(Instance.Net::tap).collect(Collectors.joining(" ")));
        line(b, "TENDER_TAP_ADDRESSES", in.tapAddresses().stream().map(a -> a.tap() + "=" + a.cidr())
                .collect(Collectors.joining(" ")));
        line(b, "TENDER_ARGS", String.join(" ", in.args()));
        return b.toString();
    }

    /**
     * {@code tender@NAME.service.d/50-tender.conf}: settings that cannot come from an EnvironmentFile, the memory
     * limit and the one device that depends on the kind: an hvt tender needs /dev/kvm, an spt tender no device
     * but the TAPs' /dev/net/tun, which the template allows.
     */
    public static String dropIn(Instance in) {
        StringBuilder b = new StringBuilder();
        b.append("# Written by `tender systemd install` for ").append(in.unitName()).append(": a ")
                .append(in.kind().command()).append(" image, guest memory (").append(in.memMb())
                .append(" MiB) plus the JVM's.\n");
        b.append("[Service]\n");
        b.append("MemoryMax=").append(in.effectiveMemoryMax()).append('\n');
        if (in.kind() == ServiceImage.Kind.HVT) {
            b.append("DeviceAllow=/dev/kvm rw\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(key).append("=\"").append(value).append("\"\n");
    }

    private static String resource(String name) {
        try (InputStream in = Units.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
