package dev.tender.core.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stats socket's answer (docs/operations.md, "Statistics"): one JSON object,
 * {@code {"format":1,"tender":"hvt","pid":N,"families":[{"name","type","help","samples":[{"labels":{..},"value":N}]}]}},
 * families in the order they were registered, values as unsigned decimal integers. Written by the tender, read
 * back (strictly) by {@code tender stats}.
 */
public final class StatsJson {
    public static final int FORMAT = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    /** A decoded answer. */
    public record Answer(String tender, long pid, List<Sample> samples) {
    }

    private StatsJson() {
    }

    public static byte[] encode(String tender, long pid, List<Sample> samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("tender", tender);
            g.writeNumberField("pid", pid);
            writeFamilies(g, samples);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The field {@code "families"}: {@code samples} grouped by family, in order of first appearance. */
    public static void writeFamilies(JsonGenerator g, List<Sample> samples) throws IOException {
        Map<MetricFamily, List<Sample>> byFamily = new LinkedHashMap<>();
        for (Sample s : samples) {
            byFamily.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(s);
        }
        g.writeArrayFieldStart("families");
        for (Map.Entry<MetricFamily, List<Sample>> e : byFamily.entrySet()) {
            MetricFamily f = e.getKey();
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("type", f.type().word());
            g.writeStringField("help", f.help());
            g.writeArrayFieldStart("samples");
            for (Sample s : e.getValue()) {
                g.writeStartObject();
                g.writeObjectFieldStart("labels");
                for (int i = 0; i < s.labels().size(); i += 2) {
                    g.writeStringField(s.labels().get(i), s.labels().get(i + 1));
                }
                g.writeEndObject();
                g.writeFieldName("value");
                g.writeNumber(Long.toUnsignedString(s.value()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Reads an answer; anything that is not format 1 as written here fails with a one-line reason. */
    public static Answer decode(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            require(p.nextToken(), JsonToken.START_OBJECT, p);
            String tender = null;
            long pid = -1;
            int format = -1;
            List<Sample> samples = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> format = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "tender" -> tender = p.getText();
                    case "pid" -> pid = p.getLongValue();
                    case "families" -> families(p, samples);
                    default -> p.skipChildren();
                }
            }
            if (format != FORMAT || tender == null) {
                throw new IOException("format " + format + ", expected " + FORMAT);
            }
            return new Answer(tender, pid, List.copyOf(samples));
        }
    }

    private static void families(JsonParser p, List<Sample> out) throws IOException {
        require(p.currentToken(), JsonToken.START_ARRAY, p);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            String help = null;
            List<List<String>> labels = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> name = p.getText();
                    case "type" -> type = p.getText();
                    case "help" -> help = p.getText();
                    case "samples" -> samples(p, labels, values);
                    default -> p.skipChildren();
                }
            }
            MetricFamily f;
            try {
                f = new MetricFamily(name, MetricFamily.Type.valueOf(String.valueOf(type).toUpperCase(Locale.ROOT)),
                        help);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException("a family with a bad name, type or help: " + name);
            }
            for (int i = 0; i < values.size(); i++) {
                out.add(new Sample(f, labels.get(i), values.get(i)));
            }
        }
    }

    private static void samples(JsonParser p, List<List<String>> labels, List<Long> values) throws IOException {
        require(p.currentToken(), JsonToken.START_ARRAY, p);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            List<String> l = new ArrayList<>();
            Long value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("labels") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        l.add(p.currentName());
                        p.nextToken();
                        l.add(p.getText());
                    }
                } else if (field.equals("value") && t == JsonToken.VALUE_NUMBER_INT) {
                    try {
                        value = Long.parseUnsignedLong(p.getText());
                    } catch (NumberFormatException e) {
                        throw new IOException("a value out of range: " + p.getText());
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (value == null) {
                throw new IOException("a sample without an integer value");
            }
            labels.add(l);
            values.add(value);
        }
    }

    private static void require(JsonToken got, JsonToken expected, JsonParser p) throws IOException {
        if (got != expected) {
            throw new IOException("expected " + expected + " at offset " + p.currentLocation().getCharOffset()
                    + ", found " + got);
        }
    }
}
