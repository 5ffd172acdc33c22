package dev.tender.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An installed instance as its {@code /etc/tender/NAME.conf} describes it, read back: the file {@link Units#config}
 * wrote, {@code KEY="words"} lines and comments. Only what the everyday commands need is interpreted.
 *
 * @param name   instance name
 * @param values every key and its value, in file order
 */
public record InstanceConfig(String name, Map<String, String> values) {
    static final String IMAGE = "TENDER_IMAGE";
    static final String KIND = "TENDER_KIND";

    /** Parses the text of {@code NAME.conf}; a line that is neither a comment nor {@code KEY=VALUE} is refused. */
    public static InstanceConfig parse(String name, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new DeployException("/etc/tender/" + name + ".conf line " + n + ": not KEY=VALUE: " + t);
            }
            String v = t.substring(eq + 1);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            values.put(t.substring(0, eq), v);
        }
        if (!values.containsKey(IMAGE)) {
            throw new DeployException("/etc/tender/" + name + ".conf has no " + IMAGE);
        }
        return new InstanceConfig(name, Map.copyOf(values));
    }

    /** The image the instance runs. */
    public Path image() {
        return Path.of(values.get(IMAGE));
    }

    /** hvt or spt; an instance installed before spt services were known is an hvt one. */
    public ServiceImage.Kind kind() {
        return ServiceImage.Kind.of(values.getOrDefault(KIND, ServiceImage.Kind.HVT.command()));
    }

    /** {@code text} (this instance's file) with the image line replaced by {@code image}, all else kept. */
    public static String withImage(String text, Path image) {
        Instance.requireWord(image.toString(), "image path");
        StringBuilder b = new StringBuilder();
        boolean replaced = false;
        for (String line : text.split("\n", -1)) {
            if (!replaced && line.strip().startsWith(IMAGE + "=")) {
                line = IMAGE + "=\"" + image + "\"";
                replaced = true;
            }
            b.append(line).append('\n');
        }
        b.setLength(b.length() - 1);
        if (!replaced) {
            throw new DeployException("the configuration has no " + IMAGE + " line");
        }
        return b.toString();
    }
}
