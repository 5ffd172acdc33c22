package dev.tender.deploy;

import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.Sample;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tender metrics}: every instance's figures as Prometheus metrics, through Prometheus' own Java model and text
 * writer. Each figure becomes {@code tender_NAME} (a counter's samples {@code tender_NAME_total}) with the label
 * {@code unikernel="INSTANCE"} added to its own (the writer sorts labels by name, and writes values as floating
 * point); {@code tender_up} is 1 for an instance whose figures were read, 0 for one that is not running or did not
 * answer.
 */
public final class MetricsExposition {
    static final String PREFIX = "tender_";
    static final String INSTANCE_LABEL = "unikernel";

    /** One installed instance: its figures, or null with {@code error} saying why there are none. */
    public record Figures(String instance, String kind, StatsSnapshot snapshot, String error) {
    }

    private record Point(String instance, Sample sample) {
    }

    private MetricsExposition() {
    }

    public static MetricSnapshots snapshots(List<Figures> all) {
        Map<String, List<Point>> byName = new LinkedHashMap<>();
        Map<String, Sample> first = new LinkedHashMap<>();
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name(PREFIX + "up")
                .help("1 when the instance runs and its figures were read, else 0");
        for (Figures f : all) {
            up.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(INSTANCE_LABEL, f.instance(), "kind", f.kind()))
                    .value(f.snapshot() == null ? 0 : 1).build());
            if (f.snapshot() == null) {
                continue;
            }
            for (Sample s : f.snapshot().samples()) {
                first.putIfAbsent(s.family().name(), s);
                byName.computeIfAbsent(s.family().name(), n -> new ArrayList<>()).add(new Point(f.instance(), s));
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(up.build());
        for (Map.Entry<String, List<Point>> e : byName.entrySet()) {
            out.add(family(first.get(e.getKey()), e.getValue()));
        }
        return new MetricSnapshots(out);
    }

    private static MetricSnapshot family(Sample model, List<Point> points) {
        String name = PREFIX + model.family().name();
        boolean counter = model.family().type() == MetricFamily.Type.COUNTER;
        CounterSnapshot.Builder c = CounterSnapshot.builder().name(name).help(model.family().help());
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(model.family().help());
        for (Point p : points) {
            Sample s = p.sample();
            List<String> names = new ArrayList<>(List.of(INSTANCE_LABEL));
            List<String> values = new ArrayList<>(List.of(p.instance()));
            for (int i = 0; i < s.labels().size(); i += 2) {
                names.add(s.labels().get(i));
                values.add(s.labels().get(i + 1));
            }
            double v = unsigned(s.value());
            if (counter) {
                c.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of(names, values)).value(v).build());
            } else {
                g.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(names, values)).value(v).build());
            }
        }
        return counter ? c.build() : g.build();
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    /** The Prometheus text format (version 0.0.4) of {@code snapshots}. */
    public static String text(MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
