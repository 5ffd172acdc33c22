package dev.tender.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The figures one tender keeps about its guest, registered at set-up by the tender and its modules and read as a
 * {@link #snapshot} whenever someone asks (the stats socket). Registration is set-up work, not thread-safe; the
 * snapshot may run on any thread while the counters are being written.
 */
public final class StatsRegistry {
    /** Something that adds samples to a snapshot (a counter, a gauge, or a group read in one go such as KVM's). */
    @FunctionalInterface
    public interface Source {
        void collect(Consumer<Sample> out);
    }

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private final List<Source> sources = new ArrayList<>();

    /** The family called {@code name}, made on first use; a second use must agree on its type. */
    public MetricFamily family(String name, MetricFamily.Type type, String help) {
        MetricFamily f = families.computeIfAbsent(name, n -> new MetricFamily(n, type, help));
        if (f.type() != type) {
            throw new IllegalArgumentException(name + " is a " + f.type().word() + ", not a " + type.word());
        }
        return f;
    }

    /** A new counter of {@code family} with {@code labels} (name/value pairs). */
    public Counter counter(MetricFamily family, String... labels) {
        Counter c = new Counter();
        List<String> l = List.of(labels);
        sources.add(out -> out.accept(new Sample(family, l, c.get())));
        return c;
    }

    /** A figure read when a snapshot is taken. */
    public void gauge(MetricFamily family, LongSupplier value, String... labels) {
        List<String> l = List.of(labels);
        sources.add(out -> out.accept(new Sample(family, l, value.getAsLong())));
    }

    public void source(Source source) {
        sources.add(source);
    }

    /** Every figure now, in registration order. */
    public List<Sample> snapshot() {
        List<Sample> all = new ArrayList<>();
        for (Source s : sources) {
            s.collect(all::add);
        }
        return all;
    }
}
