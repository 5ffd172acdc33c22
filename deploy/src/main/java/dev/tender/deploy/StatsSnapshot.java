package dev.tender.deploy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tender.core.stats.Sample;
import dev.tender.core.stats.StatsJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's figures: what its tender's stats socket answered (hvt) and what the host knows of its process and
 * TAPs ({@link HostFigures}), as samples grouped by family in order.
 *
 * @param kind    hvt or spt
 * @param samples names without the exporter's {@code tender_} prefix
 */
public record StatsSnapshot(String kind, List<Sample> samples) {

    /** The stats socket's answer, read strictly; anything else is refused in one line. */
    public static StatsSnapshot parse(String json) {
        try {
            StatsJson.Answer a = StatsJson.decode(json);
            return new StatsSnapshot(a.tender(), a.samples());
        } catch (IOException e) {
            throw new DeployException("the stats socket's answer is not valid: " + e.getMessage());
        }
    }

    /**
     * This snapshot with {@code more} samples after its own, except those it already has (same family name and
     * labels): the tender's own figure wins over the host's view of it.
     */
    public StatsSnapshot with(List<Sample> more) {
        List<Sample> all = new ArrayList<>(samples);
        for (Sample s : more) {
            if (all.stream().noneMatch(x -> same(x, s))) {
                all.add(s);
            }
        }
        return new StatsSnapshot(kind, List.copyOf(all));
    }

    private static boolean same(Sample a, Sample b) {
        return a.family().name().equals(b.family().name()) && a.labels().equals(b.labels());
    }

    /** The value of the sample of {@code family} with exactly {@code labels} (name/value pairs), or -1 for none. */
    public long value(String family, String... labels) {
        List<String> l = List.of(labels);
        for (Sample s : samples) {
            if (s.family().name().equals(family) && s.labels().equals(l)) {
                return s.value();
            }
        }
        return -1;
    }

    /** {@code tender stats --json}: the instance's name, its tender kind and the families. */
    public String json(String instance) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("name", instance);
            g.writeStringField("kind", kind);
            StatsJson.writeFamilies(g, samples);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }
}
