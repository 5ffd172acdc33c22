package dev.tender.core.stats;

import java.util.List;

/**
 * One figure of a snapshot: its family, its labels as name/value pairs in order ({@code device}, {@code service}),
 * and its value (unsigned for a counter).
 */
public record Sample(MetricFamily family, List<String> labels, long value) {
    public Sample {
        if (labels.size() % 2 != 0) {
            throw new IllegalArgumentException("labels of " + family.name() + " are not name/value pairs");
        }
        labels = List.copyOf(labels);
    }
}
