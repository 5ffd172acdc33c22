package dev.tender.deploy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code tender ps}: one row per installed instance, from its configuration file and systemd's state of its
 * unit, printed as a table or as JSON.
 *
 * @param rows the instances, sorted by name
 */
public record PsReport(List<Row> rows) {

    /**
     * One instance.
     *
     * @param name        instance name
     * @param state       systemd's {@code active (running)} and so on
     * @param kind        hvt or spt
     * @param uptimeSec   seconds since it became active, -1 when it is not active
     * @param memoryBytes the unit's current memory (tender and guest), -1 when systemd has no figure
     * @param image       the configured image
     * @param sha256      the image's SHA-256, or {@code missing} when the file is gone
     * @param mainPid     the tender's process ID, 0 when none
     */
    public record Row(String name, String state, String kind, long uptimeSec, long memoryBytes, String image,
            String sha256, long mainPid) {
    }

    /**
     * Builds the report: {@code states} are in the order of {@code configs}; {@code nowMicros} is the monotonic
     * clock systemd's timestamps count on (CLOCK_MONOTONIC, in microseconds).
     */
    public static PsReport of(Installer installer, List<InstanceConfig> configs, List<UnitState> states,
            long nowMicros) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            InstanceConfig c = configs.get(i);
            UnitState s = states.get(i);
            boolean up = s.active().equals("active") && s.sinceMicros() > 0;
            long uptime = up ? Math.max(0, (nowMicros - s.sinceMicros()) / 1_000_000) : -1;
            OptionalLong mem = s.memory();
            Path file = installer.under(c.image().toString());
            String digest = Files.isRegularFile(file) ? ImageDigest.sha256(file) : "missing";
            rows.add(new Row(c.name(), s.shown(), c.kind().command(), uptime,
                    up && mem.isPresent() ? mem.getAsLong() : -1, c.image().toString(), digest, s.mainPid()));
        }
        return new PsReport(List.copyOf(rows));
    }

    /** The table: a header, then one line per instance; the digest shortened to 12 hex digits. */
    public String table() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"NAME", "STATE", "KIND", "UPTIME", "MEMORY", "IMAGE", "SHA256"});
        for (Row r : rows) {
            lines.add(new String[] {r.name(), r.state(), r.kind(), duration(r.uptimeSec()), bytes(r.memoryBytes()),
                    r.image(), r.sha256().length() > 12 ? r.sha256().substring(0, 12) : r.sha256()});
        }
        return TextTable.render(lines);
    }

    /** A JSON array of objects, one per instance, with the full digest and plain numbers (null for none). */
    public String json() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("state", r.state());
                g.writeStringField("kind", r.kind());
                numberOrNull(g, "uptime_seconds", r.uptimeSec());
                numberOrNull(g, "memory_bytes", r.memoryBytes());
                g.writeStringField("image", r.image());
                g.writeStringField("sha256", r.sha256());
                numberOrNull(g, "pid", r.mainPid() == 0 ? -1 : r.mainPid());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    private static void numberOrNull(JsonGenerator g, String field, long v) throws IOException {
        if (v < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }

    /** {@code 3d4h}, {@code 2h05m}, {@code 4m07s}, {@code 12s}; {@code -} for none. */
    static String duration(long s) {
        if (s < 0) {
            return "-";
        }
        if (s >= 86_400) {
            return (s / 86_400) + "d" + (s % 86_400 / 3600) + "h";
        }
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** {@code 41.3M} (MiB, one decimal), {@code 812K}; {@code -} for none. */
    static String bytes(long b) {
        if (b < 0) {
            return "-";
        }
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1fG", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1fM", b / (double) (1L << 20));
        }
        return (b >> 10) + "K";
    }
}
