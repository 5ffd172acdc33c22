package dev.tender.it.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Which test class ran on which host, and how long it took: printed at the end of the run and written to
 * {@code integration-tests/target/host-report.txt}. Registered with the JUnit launcher through
 * {@code META-INF/services}.
 */
public final class HostTimings implements TestExecutionListener {
    private static final Map<String, Group> GROUPS = new LinkedHashMap<>();
    private static final Map<String, Long> EVENTS = new LinkedHashMap<>();
    private static volatile String current = "(set-up)";

    private record Group(TreeSet<String> hosts, long[] nanos, int[] tests) {
    }

    static synchronized TestHost used(TestHost host) {
        GROUPS.computeIfAbsent(current, c -> new Group(new TreeSet<>(), new long[1], new int[1])).hosts().add(host.name());
        return host;
    }

    static synchronized void record(String event, long nanos) {
        EVENTS.put(event, nanos);
    }

    private final Map<String, Long> started = new LinkedHashMap<>();

    /** java.io.tmpdir (set by the build to a directory under the project, see the pom) must exist. */
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof ClassSource c) {
            current = c.getClassName().replaceFirst(".*\\.", "");
            started.put(current, System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.getSource().orElse(null) instanceof ClassSource c) {
            String name = c.getClassName().replaceFirst(".*\\.", "");
            synchronized (HostTimings.class) {
                Group g = GROUPS.computeIfAbsent(name, n -> new Group(new TreeSet<>(), new long[1], new int[1]));
                g.nanos()[0] += System.nanoTime() - started.getOrDefault(name, System.nanoTime());
            }
        } else if (id.isTest()) {
            synchronized (HostTimings.class) {
                GROUPS.computeIfAbsent(current, n -> new Group(new TreeSet<>(), new long[1], new int[1])).tests()[0]++;
            }
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        StringBuilder report = new StringBuilder("Integration test groups: where each ran, and how long it took\n");
        synchronized (HostTimings.class) {
            GROUPS.forEach((name, g) -> {
                if (g.tests()[0] > 0) {
                    report.append(String.format("  %-28s %3d tests %8.1f s  on %s%n", name, g.tests()[0],
                            g.nanos()[0] / 1e9, g.hosts().isEmpty() ? "native (no host command)" : String.join(", ", g.hosts())));
                }
            });
            EVENTS.forEach((event, nanos) -> report.append(String.format("  %-28s %8.1f s%n", event,
                    TimeUnit.NANOSECONDS.toMillis(nanos) / 1e3)));
        }
        System.out.print(report);
        try {
            Path out = Hosts.ROOT.resolve("integration-tests/target/host-report.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
