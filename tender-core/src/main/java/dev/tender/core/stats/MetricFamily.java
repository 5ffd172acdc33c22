package dev.tender.core.stats;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one kind of figure is: its name ({@code net_rx_packets}; the exporter adds the {@code tender_} prefix),
 * whether it only grows ({@link Type#COUNTER}) or goes up and down ({@link Type#GAUGE}), and one line of help.
 */
public record MetricFamily(String name, Type type, String help) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public enum Type {
        COUNTER, GAUGE;

        /** {@code counter} or {@code gauge}, as the JSON snapshot and Prometheus' TYPE line say it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MetricFamily {
        if (!NAME.matcher(name).matches() || name.endsWith("_total")) {
            throw new IllegalArgumentException("metric name " + name);
        }
        if (help.isEmpty() || help.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("help of " + name);
        }
    }
}
